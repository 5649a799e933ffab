"""居家辦公作業規範第3點第1項 (seed 000): caps over a period follow the gestation week by themselves."""

from datetime import date, timedelta

import pytest

from chaiqin import rules

# A Monday, so gestation weeks and calendar weeks start on the same day.
DUE = date(2026, 6, 1)


def test_the_cap_rises_by_itself_when_28_and_36_weeks_are_reached():
    # A period from 27 weeks to 36 weeks 6 days crosses both boundaries of 第3點第1項.
    start = DUE - timedelta(weeks=13)  # 27 weeks
    end = DUE - timedelta(weeks=3, days=1)  # 36 weeks 6 days
    weeks = rules.wfh_weekly_caps(DUE, start, end)
    by_gestation = {w.gestation_weeks: w.days for w in weeks}
    assert by_gestation[27] == 2
    assert by_gestation[28] == 3
    assert by_gestation[35] == 3
    assert by_gestation[36] == 4
    assert len(weeks) == 10  # weeks 27..36, one calendar week each


def test_the_weeks_run_monday_to_sunday_and_are_clipped_to_the_period():
    start = date(2026, 3, 4)  # a Wednesday
    end = date(2026, 3, 17)  # a Tuesday
    weeks = rules.wfh_weekly_caps(DUE, start, end)
    assert [(w.start, w.end) for w in weeks] == [
        (date(2026, 3, 4), date(2026, 3, 8)),
        (date(2026, 3, 9), date(2026, 3, 15)),
        (date(2026, 3, 16), date(2026, 3, 17)),
    ]


def test_a_band_reached_mid_week_applies_from_the_next_monday():
    # Due on a Thursday: 28 weeks are completed on a Thursday; that week keeps its Monday cap.
    due = date(2026, 6, 4)
    day_28 = due - timedelta(weeks=12)  # Thursday 2026-03-12
    monday = day_28 - timedelta(days=3)
    weeks = rules.wfh_weekly_caps(due, monday, monday + timedelta(days=13))
    assert [(w.gestation_weeks, w.days) for w in weeks] == [(27, 2), (28, 3)]


def test_wfh_ends_the_day_before_delivery():
    # 第3點第1項第3款: 滿36週至分娩前.
    delivered = date(2026, 5, 27)  # a Wednesday, before the due date
    weeks = rules.wfh_weekly_caps(DUE, date(2026, 5, 11), date(2026, 6, 30), delivered_on=delivered)
    assert weeks[-1].end == date(2026, 5, 26)
    assert all(w.days == 4 for w in weeks)


def test_nothing_is_scheduled_after_delivery():
    assert rules.wfh_weekly_caps(DUE, date(2026, 5, 28), date(2026, 6, 5),
                                 delivered_on=date(2026, 5, 28)) == []


def test_a_period_ending_before_it_starts_is_refused():
    with pytest.raises(rules.RuleInputError, match="早於"):
        rules.wfh_weekly_caps(DUE, date(2026, 5, 1), date(2026, 4, 1))


def test_a_period_reaching_past_45_weeks_without_delivery_is_refused():
    # Without a delivery date the period cannot run on for months after the due date.
    with pytest.raises(rules.RuleInputError, match="預產期"):
        rules.wfh_weekly_caps(DUE, date(2026, 5, 1), date(2026, 9, 1))


def test_a_period_after_delivery_is_empty_even_long_after_the_due_date():
    # 第3點第1項第3款 ends WFH at delivery; the due date no longer matters afterwards.
    assert rules.wfh_weekly_caps(DUE, date(2026, 12, 1), date(2026, 12, 31),
                                 delivered_on=date(2026, 5, 30)) == []
