"""居家辦公作業規範第3點 (seed 000): weekly caps by gestation week, and the dates behind them."""

from datetime import date, timedelta

import pytest

from chaiqin import rules

RULE = "本機關同仁懷孕或配偶懷孕期間實施居家辦公作業規範"


@pytest.mark.parametrize(
    ("weeks", "days"),
    [(0, 2), (27, 2), (28, 3), (35, 3), (36, 4), (40, 4), (42, 4)],
)
def test_the_weekly_cap_changes_at_28_and_36_completed_weeks(weeks, days):
    # 第3點第1項: 未滿28週 2 日；滿28週、未滿36週 3 日；滿36週至分娩前 4 日.
    assert rules.wfh_weekly_cap(weeks) == days


def test_each_band_cites_its_own_subparagraph():
    # 第3點第1項第1款/第2款/第3款.
    assert rules.wfh_cap(27).citation == f"{RULE}第3點第1項第1款"
    assert rules.wfh_cap(28).citation == f"{RULE}第3點第1項第2款"
    assert rules.wfh_cap(36).citation == f"{RULE}第3點第1項第3款"


@pytest.mark.parametrize("weeks", [-1, 46, 100])
def test_it_refuses_negative_or_absurd_gestation_weeks(weeks):
    with pytest.raises(rules.RuleInputError, match="週"):
        rules.wfh_weekly_cap(weeks)


@pytest.mark.parametrize("weeks", [28.5, "28", True, None])
def test_it_refuses_weeks_that_are_not_whole_numbers(weeks):
    # 第3點 counts completed weeks (滿28週); a fraction or a string is a caller's mistake.
    with pytest.raises(rules.RuleInputError):
        rules.wfh_weekly_cap(weeks)


def test_the_due_date_is_forty_weeks_and_the_day_before_is_thirty_nine():
    due = date(2026, 6, 1)
    assert rules.gestation_weeks(due, due) == 40
    assert rules.gestation_weeks(due, due - timedelta(days=1)) == 39
    assert rules.gestation_weeks(due, due - timedelta(days=7)) == 39
    assert rules.gestation_weeks(due, due - timedelta(days=8)) == 38


def test_twenty_eight_weeks_are_completed_exactly_twelve_weeks_before_the_due_date():
    # 40 - 12 = 28: the cap rises from 2 to 3 on that day, not the day after (第3點第1項第2款).
    due = date(2026, 6, 1)
    day_28 = due - timedelta(weeks=12)
    assert rules.wfh_weekly_cap(rules.gestation_weeks(due, day_28 - timedelta(days=1))) == 2
    assert rules.wfh_weekly_cap(rules.gestation_weeks(due, day_28)) == 3


def test_it_refuses_a_due_date_more_than_forty_weeks_away():
    on = date(2026, 3, 1)
    assert rules.gestation_weeks(on + timedelta(days=280), on) == 0
    with pytest.raises(rules.RuleInputError, match="預產期"):
        rules.gestation_weeks(on + timedelta(days=281), on)


def test_it_refuses_a_due_date_long_past():
    on = date(2026, 3, 1)
    assert rules.gestation_weeks(on - timedelta(weeks=5), on) == 45
    with pytest.raises(rules.RuleInputError, match="預產期"):
        rules.gestation_weeks(on - timedelta(weeks=6), on)


def test_it_refuses_a_datetime_where_a_date_is_expected():
    from datetime import datetime

    with pytest.raises(rules.RuleInputError, match="datetime.date"):
        rules.gestation_weeks(date(2026, 6, 1), datetime(2026, 3, 1, 9, 0))


def test_a_flexible_number_keeps_the_standard_cap_beside_it_and_needs_a_reason():
    # 第3點第2項: 非依辦公日曆表出勤或業務性質特殊之同仁，得由機關參考前項原則彈性排定.
    cap = rules.wfh_flexible_cap(30, 2, reason="輪班制，每週出勤 4 日")
    assert (cap.days, cap.standard_days, cap.flexible) == (2, 3, True)
    assert cap.citation == f"{RULE}第3點第2項"
    assert cap.reason == "輪班制，每週出勤 4 日"


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_flexible_number_without_a_reason_is_refused(reason):
    with pytest.raises(rules.RuleInputError, match="理由"):
        rules.wfh_flexible_cap(30, 2, reason=reason)


@pytest.mark.parametrize("days", [-1, 8, 2.5])
def test_a_flexible_number_outside_a_week_is_refused(days):
    with pytest.raises(rules.RuleInputError, match="日數"):
        rules.wfh_flexible_cap(30, days, reason="業務性質特殊")
