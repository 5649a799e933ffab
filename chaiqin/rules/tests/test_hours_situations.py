"""The caps of each exceptional situation of the civil service (rules.situation_caps):
公務員服務法第12條第1項但書, 公務員服勤實施辦法第4條, seed 002."""

from datetime import date, datetime, timedelta

import pytest

from chaiqin import rules

ON = date(2026, 3, 2)


def test_major_projects_have_240_hours_over_three_months_and_14_hour_days():
    caps = rules.situation_caps("civil", "major_project", ON)
    assert (caps.daily_max_hours, caps.quarterly_overtime_hours, caps.long_day_max_consecutive) == (14, 240, 3)
    assert caps.monthly_overtime_hours > 80  # 「不受單月80小時限制」


def test_seasonal_work_has_12_hour_days_and_80_hours_a_month():
    caps = rules.situation_caps("civil", "seasonal", ON)
    assert (caps.daily_max_hours, caps.monthly_overtime_hours) == (12, 80)


def test_disasters_keep_the_exceptional_caps_and_labor_has_none():
    assert rules.situation_caps("civil", "disaster", ON) == rules.hours_caps("civil", ON, exception=True)
    assert rules.situation_caps("teacher", "seasonal", ON).daily_max_hours == 12
    with pytest.raises(rules.RuleInputError):
        rules.situation_caps("labor", "major_project", ON)
    with pytest.raises(rules.RuleInputError):
        rules.situation_caps("civil", "festival", ON)


def test_check_hours_counts_a_projects_months_from_its_first_month():
    # 85 h in each of February, March and April: 255 h in the project's three months from February
    caps = rules.situation_caps("civil", "major_project", ON)
    shifts = []
    for month in (2, 3, 4):
        for day in range(1, 18):
            start = datetime(2026, month, day, 18)
            shifts.append(rules.Shift("a", start, start + timedelta(hours=5), "overtime", day_kind="rest_day"))
    found = rules.check_hours("civil", shifts, exception=True, caps=caps, quarter_start_month=2)
    codes = [v.code for v in found]
    assert "monthly_ot_over_cap" not in codes and codes.count("quarterly_ot_over_cap") == 1
    assert [v.day.month for v in found if v.code == "quarterly_ot_over_cap"] == [4]
