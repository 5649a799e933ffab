"""Overtime claimed as pay is paid from the wage data on the day worked, per regime:
各機關加班費支給辦法 §4 (÷240) and §5 (caps, the rest as comp time); 勞動基準法 §24, §39
(a whole extra day within 8 hours), §32 (every hour paid, the excess flagged)."""

from datetime import date
from decimal import Decimal

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.leave import ledger
from chaiqin.payroll import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_paid(world):
    # 本俸 38,000 + 專業加給 22,000 = 60,000 ÷ 240 = 250 an hour (第4條).
    services.wage_record_set(by=world.carol, person=world.alice, valid_from=date(2026, 1, 1), basis="salary",
                             salary=38000, professional=22000)
    return world.alice


def test_a_civil_servant_is_paid_salary_and_allowances_over_240(alice_paid, work):
    slot = work(alice_paid, "2026-03-03T18:00", "2026-03-03T21:00")
    assert (slot.pay_minutes, slot.pay_amount) == (180, Decimal("750.00"))  # 3 h × 250


def test_day_off_pay_stops_at_eight_hours_and_the_rest_is_comp_time(alice_paid, work):
    # 第5條: at most 8 paid hours a day off; Saturday 08:00–18:00 is 10 h: 8 paid (2,000), 2 h
    # of comp time posted to the leave ledger (第6條).
    slot = work(alice_paid, "2026-03-07T08:00", "2026-03-07T18:00")
    assert (slot.pay_minutes, slot.pay_amount) == (480, Decimal("2000.00"))
    assert "第5條" in slot.pay_note
    assert ledger.comp_time_available(alice_paid, date(2026, 3, 9)) == 120


def test_workday_pay_stops_at_four_hours(alice_paid):
    # 第5條 on a workday: a 4.5 h claim pays 4 h (the request check allows 12 h with the day).
    from chaiqin.payroll.pay import slot_pay

    paid = slot_pay(person=alice_paid, day=date(2026, 3, 4), day_kind="workday", minutes=270)
    assert (paid.pay_minutes, paid.comp_minutes, paid.amount) == (240, 30, Decimal("1000.00"))


def test_the_month_pays_twenty_hours_and_no_more(alice_paid, work):
    # Five weekday evenings of 4 h = 20 h paid; the sixth evening is all comp time.
    days = [2, 3, 4, 5, 6, 9]
    slots = [work(alice_paid, f"2026-03-{d:02d}T17:00", f"2026-03-{d:02d}T21:00") for d in days]
    assert [s.pay_minutes for s in slots] == [240] * 5 + [0]
    assert slots[-1].pay_amount is None and "每月" in slots[-1].pay_note


def test_an_agencys_stricter_rule_pays_fewer_hours(world, alice_paid, work):
    services.payroll_setting_set(by=world.carol, agency=world.county, rule_name="花蓮縣政府加班管制要點",
                                 workday_hours=2)
    slot = work(alice_paid, "2026-03-03T18:00", "2026-03-03T21:00")
    assert (slot.pay_minutes, slot.pay_amount) == (120, Decimal("500.00"))
    with pytest.raises(ChaiqinError, match="只能更嚴格"):
        services.payroll_setting_set(by=world.carol, agency=world.county, month_hours=30)


def test_a_worker_on_a_holiday_within_eight_hours_gets_a_whole_extra_day(worker, work):
    # 2026-10-10 is 國慶日; 3 h pay a whole extra day: 8 × 150 = 1,200 (第39條).
    slot = work(worker, "2026-10-10T09:00", "2026-10-10T12:00")
    assert slot.day_kind == "holiday"
    assert slot.pay_amount == Decimal("1200.00")


def test_a_worker_is_paid_every_hour_even_beyond_the_twelve_hour_day(worker):
    # Requests beyond 12 h are refused beforehand; hours worked anyway (e.g. a paper sheet from
    # an emergency) are still paid. A Saturday (休息日) of 13 h, the 13th hour at 8/3 (pay.toml):
    # 150 × (2 × 4/3 + 6 × 5/3 + 5 × 8/3) = 150 × 26 = 3,900, and flagged for the report.
    from chaiqin.payroll.pay import slot_pay

    paid = slot_pay(person=worker, day=date(2026, 3, 7), day_kind="rest_day", minutes=13 * 60)
    assert (paid.pay_minutes, paid.amount) == (780, Decimal("3900.00"))
    assert "第32條" in paid.note


def test_no_wage_row_means_no_amount_yet_never_a_claimant_figure(world, work):
    slot = work(world.alice, "2026-03-03T18:00", "2026-03-03T21:00")
    assert slot.pay_minutes == 180 and slot.pay_amount is None
    assert "尚未登錄" in slot.pay_note


def test_a_claim_before_the_approved_slot_ends_is_refused(world, settings):
    from chaiqin.overtime import services as overtime
    from chaiqin.overtime.tests.conftest import approve_all, at

    settings.CHAIQIN_NOW = "2026-03-02T09:00"
    req = approve_all(overtime.overtime_request_submit(
        applicant=world.alice, reason="預算", work_items="預算", slots=[overtime.PlannedSlot(
            world.alice, at("2026-03-03T18:00"), at("2026-03-03T21:00"))], paper_sign=True))
    settings.CHAIQIN_NOW = "2026-03-03T19:00"
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ChaiqinError, match="才結束"):
        overtime.overtime_claim_file(slot=req.slots.get(), person=world.alice, compensation="pay", minutes=60,
                                     sheet=SimpleUploadedFile("s.pdf", b"%PDF-1.4"))
