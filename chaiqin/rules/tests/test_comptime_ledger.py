"""Comp time (補休): oldest first (seed 003 Q.6, 勞動基準法第32條之1), expiry (seed 003 Q.4,
Executive Yuan rule), pay for lapsed LSA hours within 30 days (施行細則第22條之2)."""

from datetime import date
from decimal import Decimal

import pytest

from chaiqin import rules

G = rules.CompGrant
U = rules.CompUse


def test_comp_time_is_used_oldest_first():
    # Seed 003 Q.6: 依勞工延長工作時間或休息日工作事實發生時間先後順序補休.
    grants = [G("march", date(2026, 3, 10), 120, date(2027, 3, 9)),
              G("january", date(2026, 1, 20), 90, date(2027, 1, 19)),
              G("february", date(2026, 2, 14), 60, date(2027, 2, 13))]
    ledger = rules.comp_time_ledger("labor", grants, [U("u1", date(2026, 4, 1), 120)], on=date(2026, 4, 2))
    assert [(a.grant_id, a.minutes) for a in ledger.allocations] == [("january", 90), ("february", 30)]
    assert ledger.remaining == {"january": 0, "february": 30, "march": 120}
    assert ledger.balance_minutes == 150


def test_a_use_cannot_take_hours_earned_later_or_already_expired():
    grants = [G("old", date(2025, 1, 1), 60, date(2025, 12, 31)), G("later", date(2026, 5, 1), 60, date(2027, 4, 30))]
    with pytest.raises(rules.RuleInputError, match="可用補休不足"):
        rules.comp_time_ledger("civil", grants, [U("u", date(2026, 3, 1), 30)], on=date(2026, 3, 2))


def test_seed_school_comp_time_must_be_taken_within_one_year():
    # Seed 003 Q.4: 補休應於1年內請畢 (the LSA agreed date at the seed school).
    assert rules.comp_time_expires_on("labor", date(2026, 5, 1)) == date(2027, 4, 30)
    assert rules.comp_time_expires_on("civil", date(2026, 5, 1), years=1) == date(2027, 4, 30)


def test_civil_servants_get_two_years_by_default_as_an_agency_setting():
    # Executive Yuan rule (comptime.toml; `years` is the agency setting).
    assert rules.comp_time_expires_on("civil", date(2026, 5, 1)) == date(2028, 4, 30)
    assert rules.comp_time_expires_on("teacher", date(2026, 5, 1)) == date(2028, 4, 30)


def test_labor_comp_time_lapses_no_later_than_the_end_of_the_annual_leave_year():
    # 勞動基準法施行細則第22條之2: agreed date, but not after the annual-leave year ends.
    assert rules.comp_time_expires_on("labor", date(2026, 5, 1), leave_year_end=date(2026, 12, 31)) == date(2026, 12, 31)
    assert rules.comp_time_expires_on("labor", date(2026, 5, 1), agreed_on=date(2026, 8, 31),
                                      leave_year_end=date(2026, 12, 31)) == date(2026, 8, 31)


def test_unused_labor_comp_time_is_paid_at_the_rate_of_the_day_earned_within_thirty_days():
    # 施行細則第22條之2: 2 h earned on a 休息日 worth 400.00; 30 minutes used; 90 minutes lapse.
    grants = [G("sat", date(2026, 1, 10), 120, date(2026, 12, 31), "rest_day", Decimal("400.00"))]
    ledger = rules.comp_time_ledger("labor", grants, [U("u", date(2026, 2, 1), 30)], on=date(2027, 1, 5))
    assert ledger.balance_minutes == 0
    [lapse] = ledger.expired
    assert (lapse.minutes, lapse.amount, lapse.pay_by, lapse.payable) == (90, Decimal("300.00"), date(2027, 1, 30), True)
    assert "第32條之1" in lapse.citation


def test_unused_civil_comp_time_lapses_without_pay():
    grants = [G("g", date(2024, 1, 10), 60, date(2025, 12, 31), "workday", Decimal("300"))]
    [lapse] = rules.comp_time_ledger("civil", grants, [], on=date(2026, 1, 5)).expired
    assert (lapse.payable, lapse.amount, lapse.pay_by) == (False, None, None)


def test_grants_about_to_expire_are_reported_as_expiring():
    grants = [G("soon", date(2025, 5, 1), 60, date(2026, 4, 30)), G("later", date(2026, 1, 1), 60, date(2026, 12, 31))]
    ledger = rules.comp_time_ledger("labor", grants, [], on=date(2026, 4, 10), warn_days=30)
    assert [x.grant_id for x in ledger.expiring] == ["soon"]
    assert ledger.expired == []


def test_a_national_holiday_on_a_weekend_is_claimed_on_the_holidays_own_date():
    # Seed 003 Q.4: 111年5月1日勞動節在星期日 … 加班日應填寫「5月1日」(日)而非5月2日(一).
    assert rules.holiday_overtime_day(date(2022, 5, 1), observed=date(2022, 5, 2)) == date(2022, 5, 1)
    with pytest.raises(rules.RuleInputError):
        rules.holiday_overtime_day(date(2022, 5, 1), observed=date(2022, 6, 2))


@pytest.mark.parametrize("grants, uses", [
    ([G("g", date(2026, 1, 1), 0, date(2026, 12, 31))], []),
    ([G("g", date(2026, 1, 1), 60, date(2025, 12, 31))], []),
    ([G("g", date(2026, 1, 1), 60, date(2026, 12, 31)), G("g", date(2026, 1, 2), 60, date(2026, 12, 31))], []),
    ([G("g", date(2026, 1, 1), 60, date(2026, 12, 31))], [U("u", date(2026, 2, 1), -5)]),
])
def test_bad_ledger_input_raises(grants, uses):
    with pytest.raises(rules.RuleInputError):
        rules.comp_time_ledger("labor", grants, uses, on=date(2026, 3, 1))


def test_comp_time_is_taken_by_the_hour():
    # 勞動基準法第32條之1 (seed 003 Q.6); civil servants: 行政院各機關加班補休規定
    from datetime import date as _date

    from chaiqin import rules as _rules

    assert _rules.comp_time_use("labor", _date(2026, 3, 2)).unit_minutes == 60
    assert "第32條之1" in _rules.comp_time_use("labor", _date(2026, 3, 2)).citation
    assert _rules.comp_time_use("teacher", _date(2026, 3, 2)).unit_minutes == 60
