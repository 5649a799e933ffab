"""Annual leave by seniority (rules.annual_leave_days) and what happens to unused days."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chaiqin import rules


@pytest.mark.parametrize("hired,on,days", [
    # 勞動基準法第38條第1項 (seed 003 特休假): anniversary basis, hired 2016-09-01
    (date(2016, 9, 1), date(2017, 2, 28), 0),
    (date(2016, 9, 1), date(2017, 3, 1), 3),     # 6 months: 3
    (date(2016, 9, 1), date(2017, 9, 1), 7),     # 1 year: 7
    (date(2016, 9, 1), date(2018, 9, 1), 10),    # 2 years: 10
    (date(2016, 9, 1), date(2019, 9, 1), 14),    # 3 years: 14
    (date(2016, 9, 1), date(2021, 8, 31), 14),   # still under 5 years
    (date(2016, 9, 1), date(2021, 9, 1), 15),    # 5 years: 15
    (date(2016, 9, 1), date(2026, 9, 1), 16),    # 10 years: 16
    (date(2016, 9, 1), date(2027, 9, 1), 17),    # +1 a year
    (date(2000, 3, 1), date(2024, 3, 1), 30),    # 24 years: 30
    (date(1990, 3, 1), date(2024, 3, 1), 30),    # capped at 30
])
def test_labor_annual_leave_on_the_anniversary_basis(hired, on, days):
    assert rules.annual_leave_days("labor", hired, on) == Decimal(days)


def test_labor_calendar_basis_prorates_the_ministrys_example():
    # RULES.md (Ministry Q&A): hired 1 July: next year 3 + 7x6/12 = 6.5; the year after
    # 7x6/12 + 10x6/12 = 8.5 (勞動基準法施行細則第24條)
    hired = date(2021, 7, 1)
    assert rules.annual_leave_days("labor", hired, date(2021, 12, 31), basis="calendar") == 0
    assert rules.annual_leave_days("labor", hired, date(2022, 3, 1), basis="calendar") == Decimal("6.5")
    assert rules.annual_leave_days("labor", hired, date(2023, 3, 1), basis="calendar") == Decimal("8.5")


def test_labor_calendar_basis_gives_the_six_month_days_whole():
    # hired 2022-03-01: 6-month point 2022-09-01 -> 3 whole days in 2022; 2023: 7 x 10/12
    assert rules.annual_leave_days("labor", date(2022, 3, 1), date(2022, 12, 1), basis="calendar") == 3
    assert rules.annual_leave_days("labor", date(2022, 3, 1), date(2023, 5, 1), basis="calendar") == Decimal("5.83")


def test_labor_leave_year_on_the_anniversary_basis_starts_at_the_anniversary():
    # 勞動基準法施行細則第24條第1項
    assert rules.annual_leave_year("labor", date(2020, 7, 1), date(2022, 3, 1)) == (date(2021, 7, 1), date(2022, 6, 30))
    assert rules.annual_leave_year("labor", date(2020, 7, 1), date(2021, 3, 1)) == (date(2021, 1, 1), date(2021, 6, 30))


@pytest.mark.parametrize("hired,year,days", [
    # 公務人員請假規則第7條 (seed 003 休假): service to the end of the previous year
    (date(2020, 1, 1), 2021, 7),     # 滿一年，第二年起 7
    (date(2020, 1, 1), 2023, 14),    # 滿三年，第四年起 14
    (date(2020, 1, 1), 2026, 21),    # 滿六年，第七年起 21
    (date(2010, 1, 1), 2019, 28),    # 滿九年，第十年起 28
    (date(2010, 1, 1), 2024, 30),    # 滿十四年，第十五年起 30
    (date(2010, 1, 1), 2023, 28),    # 13 years: still 28
])
def test_civil_annual_leave_by_years_of_service(hired, year, days):
    assert rules.annual_leave_days("civil", hired, date(year, 6, 1)) == days


def test_civil_servant_joining_in_july_gets_half_of_seven_days_next_january():
    # 公務人員請假規則第8條: 二月以後到職者，按當年在職月數比例，於次年一月起核給 (check)
    assert rules.annual_leave_days("civil", date(2024, 7, 1), date(2025, 1, 2)) == Decimal("3.5")
    # 7 x 5/12 = 2.92 -> rounded up to 3 (未滿半日以半日計，半日以上未滿一日以一日計)
    assert rules.annual_leave_days("civil", date(2024, 7, 2), date(2025, 1, 2)) == 3
    assert rules.annual_leave_days("civil", date(2024, 7, 1), date(2026, 1, 2)) == 7


def test_civil_servants_get_at_least_three_days_in_the_joining_year_from_2026():
    # 公務人員請假規則第8條 (114年9月18日修正，115年1月1日施行; check)
    assert rules.annual_leave_days("civil", date(2025, 3, 1), date(2025, 6, 1)) == 0
    assert rules.annual_leave_days("civil", date(2026, 3, 1), date(2026, 6, 1)) == 3


@pytest.mark.parametrize("on,days", [
    # 教師請假規則第8條 (seed 003): hired 2016-08-01, school years from 8/1
    (date(2017, 7, 31), 0),   # 1st school year
    (date(2017, 8, 1), 7),    # 2nd
    (date(2019, 8, 1), 14),   # 4th
    (date(2022, 8, 1), 21),   # 7th
    (date(2025, 8, 1), 28),   # 10th
    (date(2030, 8, 1), 30),   # 15th
    (date(2030, 7, 31), 28),  # still the 14th
])
def test_teacher_with_an_admin_post_gets_annual_leave_by_school_year(on, days):
    assert rules.annual_leave_days("teacher", date(2016, 8, 1), on, admin_post=True) == days


def test_teacher_without_an_admin_post_gets_no_annual_leave():
    assert rules.annual_leave_days("teacher", date(2010, 8, 1), date(2024, 8, 1)) == 0


@pytest.mark.parametrize("kwargs,match", [
    ({"regime": "labor", "hired": date(2026, 2, 1), "on": date(2026, 1, 1)}, "晚於"),
    ({"regime": "labor", "hired": date(2020, 2, 1), "on": date(2026, 1, 1), "basis": "fiscal"}, "年度制"),
    ({"regime": "army", "hired": date(2020, 2, 1), "on": date(2026, 1, 1)}, "人員類別"),
    ({"regime": "civil", "hired": date(2000, 2, 1), "on": date(2001, 1, 1)}, "施行期間"),
])
def test_bad_annual_leave_input_raises_in_chinese(kwargs, match):
    regime, hired, on = kwargs.pop("regime"), kwargs.pop("hired"), kwargs.pop("on")
    with pytest.raises(rules.RuleInputError, match=match):
        rules.annual_leave_days(regime, hired, on, **kwargs)


# Property: for one person, the entitlement of a later leave year is never smaller.
CASES = st.sampled_from([("labor", "anniversary", False), ("labor", "calendar", False),
                         ("civil", "anniversary", False), ("teacher", "anniversary", True)])


@settings(max_examples=300, deadline=None)
@given(case=CASES, hired=st.dates(date(1985, 1, 1), date(2025, 12, 31)),
       first=st.integers(0, 40 * 366), gap=st.integers(0, 20 * 366))
def test_entitlement_never_falls_with_longer_service(case, hired, first, gap):
    # 勞動基準法第38條; 公務人員請假規則第7條; 教師請假規則第8條: tables rise with service.
    # Hires from 2026 are left out for civil servants: the 2026 floor of 3 days in the
    # joining year can exceed the prorated days of the next year (see annual.toml, check).
    regime, basis, admin = case
    on1 = max(hired, date(2017, 1, 1)) + timedelta(days=first)
    on2 = on1 + timedelta(days=gap)
    if on2 > date(2045, 12, 31):
        return
    d1 = rules.annual_leave_days(regime, hired, on1, basis=basis, admin_post=admin)
    d2 = rules.annual_leave_days(regime, hired, on2, basis=basis, admin_post=admin)
    assert d1 <= d2 <= 30


@settings(max_examples=200, deadline=None)
@given(a=st.dates(date(1985, 1, 1), date(2025, 12, 31)), b=st.dates(date(1985, 1, 1), date(2025, 12, 31)),
       on=st.dates(date(2026, 1, 1), date(2040, 12, 31)))
def test_someone_hired_earlier_is_never_entitled_to_less_on_the_same_day(a, b, on):
    # Same tables; the anniversary basis for labor, whole years for civil and teacher.
    early, late = min(a, b), max(a, b)
    for regime, admin in (("labor", False), ("civil", False), ("teacher", True)):
        assert (rules.annual_leave_days(regime, early, on, admin_post=admin)
                >= rules.annual_leave_days(regime, late, on, admin_post=admin))
