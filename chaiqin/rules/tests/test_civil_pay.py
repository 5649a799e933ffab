"""civil_pay: 各機關加班費支給辦法 (in force 2023-01-01) §4 rate, §5 caps, §6 comp time, and
未休假加班費 (行政院與所屬中央及地方各機關公務人員休假改進措施)."""

from datetime import date
from decimal import Decimal

import pytest

from chaiqin import rules

ON = date(2026, 11, 10)


def test_the_hourly_rate_is_salary_and_allowances_over_240():
    # §4: (月支薪俸 + 專業加給 + 主管職務加給) ÷ 240. 本俸 38,000 + 專業加給 22,000 → 250.
    assert rules.civil_hourly_base(on=ON, salary=38000, professional=22000) == Decimal("250.00")
    # A supervisor's 主管職務加給 counts: (45,000 + 25,000 + 5,000) ÷ 240 = 312.50.
    assert rules.civil_hourly_base(on=ON, salary=45000, professional=25000, supervisory=5000) == Decimal("312.50")
    # 聘用人員: 月支單一薪酬 ÷ 240; 41,000 ÷ 240 = 170.8333… → 170.83.
    assert rules.civil_hourly_base(on=ON, single_pay=41000) == Decimal("170.83")


def test_the_pay_is_computed_from_the_monthly_total_and_rounded_once():
    # 41,000 ÷ 240 × 3 h = 512.50 exactly (not 170.83 × 3 = 512.49).
    assert rules.civil_overtime_pay(41000, 180, on=ON) == Decimal("512.50")
    assert rules.civil_overtime_pay(60000, 240, on=ON) == Decimal("1000.00")


def test_the_rules_before_2023_are_not_encoded():
    with pytest.raises(rules.RuleInputError):
        rules.civil_hourly_base(on=date(2022, 12, 31), salary=38000)


def test_paid_hours_stop_at_four_a_workday_and_eight_a_day_off():
    # §5: 4 h a workday, 8 h a day off; the rest is comp time (§6).
    split = rules.civil_overtime_split(300, "workday", on=ON)
    assert (split.pay_minutes, split.comp_minutes) == (240, 60)
    assert "第5條" in split.reason
    assert rules.civil_overtime_split(600, "holiday", on=ON)[:2] == (480, 120)
    assert rules.civil_overtime_split(180, "rest_day", on=ON) == (180, 0, "")


def test_paid_hours_stop_at_twenty_a_month_unless_a_project_was_approved():
    # §5: 20 h a month; 18 h already paid, a 4 h claim pays 2 h and gives 2 h of comp time.
    split = rules.civil_overtime_split(240, "workday", on=ON, paid_this_month=18 * 60)
    assert (split.pay_minutes, split.comp_minutes) == (120, 120)
    assert "每月" in split.reason
    # 專案加班: beyond 20 h is paid, the day's 4 h still applies.
    assert rules.civil_overtime_split(300, "workday", on=ON, paid_this_month=20 * 60, project=True)[:2] == (240, 60)


def test_an_agencys_stricter_caps_apply_and_looser_ones_do_not():
    strict = rules.civil_pay_caps(ON, month_hours=16, workday_hours=3)
    assert (strict.month_hours, strict.workday_hours, strict.day_off_hours) == (16, 3, 8)
    assert rules.civil_pay_caps(ON, month_hours=30).month_hours == 20
    assert rules.civil_overtime_split(240, "workday", on=ON, caps=strict)[:2] == (180, 60)


def test_comp_time_of_the_rule_lasts_two_years():
    assert rules.civil_comp_time_years(ON) == (2, "各機關加班費支給辦法第6條")


def test_unused_leave_pays_a_thirtieth_of_the_monthly_pay_a_day():
    # 4 days on 60,000 a month: 4 × 2,000 = 8,000; half a day: 1,000.
    amount, citation = rules.civil_unused_leave_pay(4, on=ON, salary=38000, professional=22000)
    assert amount == Decimal("8000.00") and "休假改進措施" in citation
    assert rules.civil_unused_leave_pay(Decimal("0.5"), on=ON, salary=60000)[0] == Decimal("1000.00")
