"""overtime_pay: 勞動基準法第24條 (workday and 休息日), 第39條 (holiday), 第40條 (例假)."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, strategies as st

from chaiqin import rules


def test_weekday_overtime_pays_a_third_more_for_two_hours_then_two_thirds_more():
    # §24(1)(i)(ii): 200 × 2 × 4/3 + 200 × 1 × 5/3 = 533.33… + 333.33… = 866.67.
    assert rules.overtime_pay(200, 3, "workday") == Decimal("866.67")
    assert rules.overtime_pay(Decimal("183"), 2, "workday") == Decimal("488.00")


def test_rest_day_work_pays_one_and_a_third_then_one_and_two_thirds_then_two_and_two_thirds():
    # §24(2) and the Ministry ruling for hours 9–12 (see the doubt in pay.toml).
    bands = rules.overtime_pay_bands(150, 10, "rest_day")
    assert [(b.start, b.end, b.multiplier) for b in bands] == [
        (0, 2, Fraction(4, 3)), (2, 8, Fraction(5, 3)), (8, 10, Fraction(8, 3))]
    assert rules.overtime_pay(150, 10, "rest_day") == Decimal("400.00") + Decimal("1500.00") + Decimal("800.00")


def test_actual_hours_are_paid_without_rounding_up_to_four_hours():
    # §24(3) (rounding rest-day work to 4/8/12 hours) was repealed from 2018-03-01.
    assert rules.overtime_pay(150, 1, "rest_day") == Decimal("200.00")
    assert rules.overtime_pay(150, Decimal("1.5"), "rest_day") == Decimal("300.00")


def test_holiday_work_is_paid_double_within_eight_hours_and_at_weekday_rates_beyond():
    # §39: the day's wage is already paid; work within 8 hours pays one more day's wage.
    assert rules.overtime_pay(200, 8, "holiday") == Decimal("1600.00")
    # hours 9–10 at 4/3: 1600 + 200 × 2 × 4/3 = 2133.33.
    assert rules.overtime_pay(200, 10, "holiday") == Decimal("2133.33")


def test_three_hours_on_a_holiday_pay_a_whole_extra_day_by_default():
    # §39 as the Ministry of Labor reads it (restated for 2026 New Year's Day): 「於正常工作
    # 時間（8小時）以內再加發一日工資」: 3 hours at 200 pay 8 × 200, not 3 × 200.
    assert rules.overtime_pay(200, 3, "holiday") == Decimal("1600.00")
    assert rules.overtime_pay(200, 3, "holiday", holiday_full_day=False) == Decimal("600.00")


def test_work_on_a_regular_day_off_is_paid_double():
    # §40: double pay (plus a day of rest, which is not money).
    assert rules.overtime_pay(200, 8, "regular_day_off") == Decimal("1600.00")
    assert rules.overtime_pay(200, 9, "regular_day_off") == Decimal("2000.00")


def test_the_result_is_rounded_half_up_to_the_cent():
    # 1 h at 100.01 × 4/3 = 133.3466…; 0.5 h at 1 × 4/3 = 0.6666… → 0.67.
    assert rules.overtime_pay(Decimal("100.01"), 1, "workday") == Decimal("133.35")
    assert rules.overtime_pay(1, Decimal("0.5"), "workday") == Decimal("0.67")
    assert rules.overtime_pay(200, 3, "workday").as_tuple().exponent == -2


def test_hours_beyond_the_twelve_hour_day_are_paid_and_flagged_apart():
    # §32(2) caps the day at 12 h with the regular hours, but wages are owed for every hour
    # worked: 5 h on a workday pay 2 × 200 × 4/3 + 3 × 200 × 5/3 = 533.33 + 1000 = 1533.33,
    # and the fifth hour is reported as a violation.
    assert rules.overtime_pay(200, 5, "workday") == Decimal("1533.33")
    assert rules.overtime_hours_over_cap(5, "workday") == Decimal(1)
    assert rules.overtime_hours_over_cap(4, "workday") == Decimal(0)
    # 13 h on a rest day: the 13th hour at the last rate, 8/3 (see pay.toml).
    assert rules.overtime_pay(150, 13, "rest_day") == rules.overtime_pay(150, 12, "rest_day") + Decimal("400.00")
    assert rules.overtime_hours_over_cap(13, "holiday") == Decimal(1)


def test_a_longer_regular_day_under_a_flexible_schedule_leaves_less_room_for_overtime():
    # §30(2)(3) flexible schedules may set 10 regular hours; §32(2) still caps the day at 12.
    assert rules.overtime_pay(200, 2, "workday", regular_hours=10) == Decimal("533.33")
    assert rules.overtime_hours_over_cap(3, "workday", regular_hours=10) == Decimal(1)
    with pytest.raises(rules.RuleInputError):
        rules.overtime_pay(200, 1, "workday", regular_hours=13)


def test_the_hourly_wage_of_a_monthly_wage_is_a_thirtieth_then_an_eighth():
    # 月薪 ÷ 30 ÷ 8: 36,000 → 150; 29,500 (the 2026 minimum wage) → 122.92 (122.9166…).
    assert rules.labor_hourly_wage(monthly=36000) == Decimal("150.00")
    assert rules.labor_hourly_wage(monthly=29500) == Decimal("122.92")
    assert rules.labor_hourly_wage(hourly=196) == Decimal("196.00")
    with pytest.raises(rules.RuleInputError):
        rules.labor_hourly_wage(monthly=36000, hourly=196)


def test_annual_leave_not_taken_is_paid_a_days_wage_a_day():
    # §38 IV, 施行細則第24條之1: 3 days on 36,000 a month = 3 × 1,200; 2.5 days by the hour
    # at 196: 2.5 × 8 × 196 = 3,920.
    assert rules.labor_unused_annual_leave_pay(3, monthly=36000)[0] == Decimal("3600.00")
    assert rules.labor_unused_annual_leave_pay(Decimal("2.5"), hourly=196)[0] == Decimal("3920.00")
    assert "第38條第4項" in rules.labor_unused_annual_leave_pay(1, monthly=30000)[1]


@pytest.mark.parametrize("wage, hours, day_kind", [(-1, 1, "workday"), (200, -1, "workday"), ("x", 1, "workday"),
                                                   (200, 1, "weekend")])
def test_bad_input_raises_in_chinese(wage, hours, day_kind):
    with pytest.raises(rules.RuleInputError):
        rules.overtime_pay(wage, hours, day_kind)


@given(st.integers(1, 2000), st.integers(0, 48).map(lambda q: Decimal(q) / 4),
       st.sampled_from(["rest_day", "holiday", "regular_day_off"]))
def test_more_hours_never_pay_less_and_the_bands_add_up_to_the_total(wage, hours, day_kind):
    total = rules.overtime_pay(wage, hours, day_kind, holiday_full_day=False)
    bands = rules.overtime_pay_bands(wage, hours, day_kind, holiday_full_day=False)
    assert sum(b.hours for b in bands) == hours
    assert abs(sum(b.amount for b in bands) - total) <= Decimal("0.01") * len(bands)
    if hours + Decimal("0.25") <= 12:
        assert rules.overtime_pay(wage, hours + Decimal("0.25"), day_kind, holiday_full_day=False) > total
    assert rules.overtime_pay(wage, hours, day_kind) >= total  # the whole extra day never pays less


def test_pay_from_an_exact_hourly_wage_is_rounded_once():
    # 月薪 36,100 ÷ 240 = 150.41666…; 3 h on a workday: 36,100/240 × (2 × 4/3 + 5/3) = 651.81 (651.8055…),
    # where the rate rounded first (150.42 × 13/3 = 651.82) would pay a cent more.
    exact = rules.labor_hourly_wage(monthly=36100, exact=True)
    assert exact == Fraction(36100, 240)
    assert rules.overtime_pay(exact, 3, "workday") == Decimal("651.81")
    assert rules.labor_hourly_wage(monthly=36100) == Decimal("150.42")
