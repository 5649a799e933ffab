"""Days off of a roster period (勞動基準法第36條第1項、第2項第3款, 第30條之1) and seven days of work
in a row (第36條第1項; 第36條第4項 for the industries the Ministry designates, not modelled)."""

from datetime import date, timedelta

import pytest

from chaiqin import rules

MONDAY = date(2026, 3, 2)


def _days(*offsets):
    return [MONDAY + timedelta(days=d) for d in offsets]


def test_a_week_needs_one_regular_day_off_and_one_rest_day():
    # 第36條第1項: 每七日中應有二日之休息，其中一日為例假，一日為休息日
    assert rules.days_off_roster_problems("weekly", MONDAY, _days(6), _days(5)) == []
    problems = rules.days_off_roster_problems("weekly", MONDAY, [], _days(5))
    assert problems and "第36條第1項" in problems[0]
    assert rules.days_off_roster_problems("weekly", MONDAY, _days(6), [])


def test_four_weeks_need_two_regular_days_off_every_two_weeks_and_eight_days_off_in_all():
    # 第36條第2項第3款: 每二週內至少應有二日之例假，每四週內之例假及休息日至少應有八日
    assert rules.days_off_roster_problems("four_week", MONDAY, _days(5, 6, 19, 20), _days(12, 13, 26, 27)) == []
    three_and_one = rules.days_off_roster_problems("four_week", MONDAY, _days(0, 5, 12, 26), _days(6, 13, 20, 27))
    assert any("115-03-16 起二週內只有 1 日例假" in p for p in three_and_one)
    seven = rules.days_off_roster_problems("four_week", MONDAY, _days(5, 12, 19, 26), _days(6, 13, 20))
    assert any("至少應有 8 日" in p for p in seven)


def test_a_day_is_not_both_and_lies_inside_the_period():
    problems = rules.days_off_roster_problems("weekly", MONDAY, _days(6), _days(6, 9))
    assert any("不能同時是例假與休息日" in p for p in problems)
    assert any("不在本期" in p for p in problems)


def test_seven_days_of_work_in_a_row_are_found_and_six_are_not():
    six = set(_days(0, 1, 2, 3, 4, 5))
    assert rules.days_in_a_row_violation(six, MONDAY) is None
    assert rules.days_in_a_row_violation(six | set(_days(6)), MONDAY) == (MONDAY, MONDAY + timedelta(days=6))
    # a day without work breaks the run
    assert rules.days_in_a_row_violation(six | set(_days(7, 8, 9)), MONDAY) is None
    assert "第36條第1項" in rules.SEVEN_IN_A_ROW_CITATION


def test_without_a_roster_sunday_is_the_regular_day_off():
    assert rules.default_day_kind(date(2026, 3, 8), is_workday=False, is_holiday=False) == "regular_day_off"
    assert rules.default_day_kind(date(2026, 3, 7), is_workday=False, is_holiday=False) == "rest_day"
    assert rules.default_day_kind(date(2026, 3, 9), is_workday=True, is_holiday=False) == "workday"
    assert rules.default_day_kind(date(2026, 10, 10), is_workday=False, is_holiday=True) == "holiday"


def test_an_unknown_schedule_is_refused():
    with pytest.raises(rules.RuleInputError):
        rules.days_off_rule("biweekly", MONDAY)
