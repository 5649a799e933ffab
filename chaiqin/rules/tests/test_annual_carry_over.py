"""Unused annual leave: kept, deferred, paid or lost (rules.annual_leave_carry_over)."""

from datetime import date
from decimal import Decimal

import pytest

from chaiqin import rules

END = date(2026, 12, 31)


def test_civil_servants_keep_days_beyond_the_mandatory_ten_until_the_third_year():
    # 休假改進措施; seed 003 休假 Q.3 (得累積保留至第三年) and 國民旅遊卡 Q.1 (應休畢10日)
    c = rules.annual_leave_carry_over("civil", entitled=Decimal(21), taken=Decimal(12), year_end=END)
    assert (c.kept_days, c.lapsed_days, c.paid_days, c.kept_until) == (9, 0, 0, date(2028, 12, 31))


def test_civil_servants_lose_untaken_mandatory_days():
    # seed 003 國民旅遊卡 Q.1: 至年終未休畢者視為放棄
    c = rules.annual_leave_carry_over("civil", entitled=Decimal(14), taken=Decimal(8), year_end=END)
    assert (c.kept_days, c.lapsed_days) == (4, 2)
    small = rules.annual_leave_carry_over("civil", entitled=Decimal(7), taken=Decimal(5), year_end=END)
    assert (small.kept_days, small.lapsed_days, small.kept_until) == (0, 2, None)


def test_labor_deferred_days_are_used_first_and_paid_if_still_unused():
    # 勞動基準法第38條第4項; seed 003 勞基法 Q.9
    c = rules.annual_leave_carry_over("labor", entitled=Decimal(10), taken=Decimal(2),
                                      deferred_in=Decimal(3), year_end=END)
    assert (c.paid_days, c.kept_days) == (Decimal(1) + Decimal(10), 0)


def test_labor_unused_days_are_deferred_one_year_by_agreement():
    c = rules.annual_leave_carry_over("labor", entitled=Decimal(10), taken=Decimal(4), agreement=True,
                                      year_end=END)
    assert (c.kept_days, c.paid_days, c.kept_until) == (6, 0, date(2027, 12, 31))


def test_teachers_unused_days_are_not_kept():
    # 教師請假規則第8條 (RULES.md: unused days are not kept)
    c = rules.annual_leave_carry_over("teacher", entitled=Decimal(14), taken=Decimal(10), year_end=date(2026, 7, 31))
    assert (c.kept_days, c.lapsed_days) == (0, 4)


@pytest.mark.parametrize("entitled,taken", [(-1, 0), (7, 8), (7, "x"), (400, 0)])
def test_impossible_carry_over_figures_raise(entitled, taken):
    with pytest.raises(rules.RuleInputError):
        rules.annual_leave_carry_over("civil", entitled=entitled, taken=taken, year_end=END)
