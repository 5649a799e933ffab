"""rules.protected_time_forgiven (性別平等工作法第18條第3項, 第19條) and rules.balance_accounts."""

from datetime import date

import pytest

from chaiqin import rules

ON = date(2026, 12, 2)


@pytest.mark.parametrize("late, early, allowance, left_late, left_early", [
    (20, 50, 60, 10, 0),    # early leave is taken first, the rest covers lateness
    (30, 0, 60, 0, 0),      # lactation time covers a late arrival on its own
    (0, 90, 60, 0, 30),     # more early leave than the allowance: the rest is early leave
    (45, 45, 90, 0, 0),     # 60 + 30 on a day with an hour of overtime (第18條第2項)
    (15, 10, 0, 15, 10),    # no protected time: nothing forgiven
])
def test_protected_time_counts_as_work_early_leave_first_then_lateness(late, early, allowance, left_late, left_early):
    left = rules.protected_time_forgiven(late_minutes=late, early_minutes=early, allowance_minutes=allowance, on=ON)
    assert (left.late_minutes, left.early_minutes) == (left_late, left_early)
    assert left.citation == "性別平等工作法第18條第3項、第19條"


def test_protected_time_refuses_negative_minutes():
    with pytest.raises(rules.RuleInputError, match="不可為負數"):
        rules.protected_time_forgiven(late_minutes=-1, early_minutes=0, allowance_minutes=60, on=ON)


def test_the_balances_shown_are_the_yearly_pools_drawn_at_will():
    found = rules.balance_accounts(ON)
    assert found.accounts == ("annual", "personal", "family_care", "sick")
    assert "公務人員請假規則第3條" in found.citation and "勞動基準法第38條" in found.citation


@pytest.mark.parametrize("regime", ["civil", "teacher", "labor"])
def test_every_balance_shown_is_a_leave_type_of_each_regime_granted_by_the_leave_year(regime):
    types = {t.code: t for t in rules.leave_types(regime, ON)}
    for code in rules.balance_accounts(ON).accounts:
        assert types[code].period in ("year", "school_year"), (regime, code)


def test_annual_leave_and_comp_time_are_the_balances_that_lapse():
    # 勞動基準法第38條第4項 (特休 not taken by the year's end) and 第32條之1 (補休 at its expiry);
    # 事假 and 病假 simply start again with the next leave year.
    found = rules.lapsing_accounts(ON)
    assert found.accounts == ("annual", "comp_time")
    assert "第38條第4項" in found.citation and "第32條之1" in found.citation
    assert not set(found.accounts) & {"personal", "sick", "family_care"}
