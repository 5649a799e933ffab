"""A month of the demo gives a 加班費印領清冊 whose totals this test recomputes by hand from the
wage rows: the civil rule's (薪俸 + 專業加給 + 主管職務加給) ÷ 240 an hour, or 單一薪酬 ÷ 240
(各機關加班費支給辦法第4條) within its caps (第5條), and the LSA's 月薪 ÷ 30 ÷ 8 (or 時薪)
with the §24/§39/§40 multipliers written out here, not taken from chaiqin.rules."""

import math
from datetime import timedelta
from fractions import Fraction

import pytest

from chaiqin import clock
from chaiqin.org.models import Person
from chaiqin.overtime.models import OvertimeSlot
from chaiqin.payroll import sheets
from chaiqin.payroll.models import WageRecord

pytestmark = pytest.mark.django_db

# Multipliers per hour of extra work, written from the articles: (hours up to, multiplier).
LSA_BANDS = {"workday": [(2, Fraction(4, 3)), (99, Fraction(5, 3))],                       # §24(1)
             "rest_day": [(2, Fraction(4, 3)), (8, Fraction(5, 3)), (99, Fraction(8, 3))],  # §24(2)
             "holiday": [(8, Fraction(1)), (10, Fraction(4, 3)), (99, Fraction(5, 3))],     # §39
             "regular_day_off": [(8, Fraction(1)), (99, Fraction(2))]}                    # §40


def _by_hand(slot: OvertimeSlot, row: WageRecord) -> Fraction:
    minutes = slot.pay_minutes
    if slot.person.regime != "labor":
        monthly = row.single_pay if row.basis == "single" else row.salary + row.professional + row.supervisory
        return Fraction(monthly) / 240 * Fraction(minutes, 60)
    hourly = Fraction(row.hourly_wage) if row.basis == "hourly" else Fraction(row.monthly_wage) / 30 / 8
    hours = Fraction(minutes, 60)
    if slot.day_kind == "holiday" and hours < 8:
        hours = Fraction(8)  # a whole extra day within 8 hours (§39, the Ministry's reading)
    total, lower = Fraction(0), Fraction(0)
    for upto, mult in LSA_BANDS[slot.day_kind]:
        part = max(Fraction(0), min(hours, upto) - lower)
        total += hourly * part * mult
        lower = Fraction(upto)
    return total


def test_a_demo_month_pays_what_the_wage_data_gives_by_hand(settings):
    from chaiqin.org.demo import demo_load as org_demo
    from chaiqin.payroll.demo import demo_load as payroll_demo

    settings.CHAIQIN_NOW = "2026-12-02T09:00"
    org_demo()
    assert "加班申請補償" in payroll_demo()
    month = (clock.today().replace(day=1) - timedelta(days=1)).replace(day=1)
    county = Person.objects.get(user__username="personnel").agency
    sheet = sheets.overtime_pay_sheet(Person.objects.filter(agency=county), month.year, month.month)
    slots = list(OvertimeSlot.objects.filter(person__agency=county, day__year=month.year, day__month=month.month,
                                             compensation="pay").select_related("person"))
    regimes = {s.person.regime for s in slots}
    assert {"civil", "labor"} <= regimes and sheet.lines
    expected = Fraction(0)
    for slot in slots:
        row = WageRecord.objects.get(person=slot.person, valid_from__lte=slot.day)
        cap = 240 if slot.day_kind == "workday" else 480
        if slot.person.regime != "labor":
            assert slot.pay_minutes <= cap  # 第5條
        # Each slot's pay is rounded once, half up, to the cent.
        expected += Fraction(math.floor(_by_hand(slot, row) * 100 + Fraction(1, 2)), 100)
    assert Fraction(sheet.amount) == expected
    for line in sheet.lines:
        mine = [s for s in slots if s.person_id == line.person.pk]
        assert line.total_minutes == sum(s.pay_minutes for s in mine)
        if line.person.regime != "labor":
            assert line.total_minutes <= 20 * 60  # 第5條: 20 paid hours a month
