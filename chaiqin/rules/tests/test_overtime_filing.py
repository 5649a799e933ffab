"""Filing overtime: the 3-day claim window (seed 002), a month per request (seed 003 Q.8), the
exceptional report within a month (seed 002), shift rest of 11 hours (seed 002) and the
teachers' core hours (seed 002)."""

from datetime import date, time

import pytest

from chaiqin import rules


def test_a_claim_is_on_time_through_the_third_day_after_the_overtime():
    # seed 002 加班申請三部曲 Step 3：加班日後3日內必須補送/提出申請單
    assert rules.overtime_claim_deadline(date(2026, 3, 3)) == date(2026, 3, 6)
    assert rules.overtime_claim_deadline(date(2026, 12, 30)) == date(2027, 1, 2)
    assert "3日內" in rules.overtime_filing_figures(date(2026, 3, 3)).claim_citation


def test_the_personnel_office_can_only_lengthen_the_claim_window():
    assert rules.overtime_claim_deadline(date(2026, 3, 3), reopened_until=date(2026, 3, 10)) == date(2026, 3, 10)
    assert rules.overtime_claim_deadline(date(2026, 3, 3), reopened_until=date(2026, 3, 4)) == date(2026, 3, 6)


def test_one_request_covers_at_most_a_month():
    # seed 003 Q.8：一次申請的期間不宜超過一個月
    assert rules.overtime_request_last_day(date(2026, 3, 5)) == date(2026, 4, 4)
    assert rules.overtime_request_last_day(date(2026, 1, 31)) == date(2026, 2, 27)
    assert rules.overtime_request_last_day(date(2026, 12, 15)) == date(2027, 1, 14)


def test_exceptional_overtime_is_reported_within_a_month_of_the_event():
    # seed 002：需於事由發生之日起1個月內報主管機關備查
    assert rules.exceptional_report_due(date(2026, 3, 2)) == date(2026, 4, 2)
    assert rules.exceptional_report_due(date(2026, 1, 31)) == date(2026, 2, 28)


def test_shift_workers_rest_eleven_hours_and_the_other_figures_are_cited():
    figures = rules.overtime_filing_figures(date(2026, 3, 9))
    assert figures.shift_rest_hours == 11 and "11小時" in figures.shift_rest_citation
    assert figures.half_day_minutes == 240 and "Q.10" in figures.half_day_citation
    assert figures.max_slot_minutes == 24 * 60 and figures.off_schedule_minutes == 120


def test_teachers_core_hours_are_0730_to_1630_by_day_and_1400_to_2200_in_the_evening_division():
    # seed 002：核心上班時段：日間部 07:30-16:30 | 進修部 14:00-22:00
    day = rules.teacher_core_hours("day", date(2026, 3, 9))
    evening = rules.teacher_core_hours("evening", date(2026, 3, 9))
    assert (day.start, day.end, day.name) == (time(7, 30), time(16, 30), "日間部")
    assert (evening.start, evening.end, evening.label) == (time(14), time(22), "14:00–22:00")


def test_bad_input_is_refused_in_chinese():
    with pytest.raises(rules.RuleInputError, match="學制"):
        rules.teacher_core_hours("night")
    with pytest.raises(rules.RuleInputError, match="日期"):
        rules.overtime_claim_deadline("2026-03-03")
