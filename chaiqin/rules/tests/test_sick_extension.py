"""延長病假 in the rules engine: 公務人員請假規則第3條第1項第2款 「其延長期間自第一次請延長病假之首日起算，
二年內合併計算不得超過一年。但銷假上班一年以上者，其延長病假得重行起算」; the years it crosses
(銓敘部72年12月7日72台楷典三字第51593號函); a teacher's break between two spells."""

from datetime import date

import pytest

from chaiqin import rules

FIRST = [(date(2025, 3, 2), date(2025, 8, 31))]


def test_the_window_is_two_years_from_the_first_day():
    w = rules.extended_sick_window("civil", FIRST, date(2026, 8, 31))
    assert (w.start, w.end, w.max_days, w.restarted) == (date(2025, 3, 2), date(2027, 3, 1), 365, False)
    assert rules.extended_sick_window("civil", [], date(2026, 5, 4)).start == date(2026, 5, 4)


def test_a_year_back_at_work_starts_it_again():
    w = rules.extended_sick_window("civil", FIRST, date(2026, 9, 1))  # back since 2025-09-01
    assert (w.start, w.end, w.restarted) == (date(2026, 9, 1), date(2028, 8, 31), True)


def test_a_spell_after_the_window_starts_a_new_one():
    spells = [(date(2025, 3, 2), date(2025, 8, 31)), (date(2026, 6, 1), date(2027, 2, 28))]
    assert rules.extended_sick_window("teacher", spells, date(2027, 3, 2)).start == date(2027, 3, 2)
    assert rules.extended_sick_window("teacher", spells, date(2027, 3, 1)).start == date(2025, 3, 2)


def test_crossing_into_the_next_year_is_not_ok():
    check = rules.extended_sick_year_crossing("civil", date(2026, 12, 1), date(2027, 1, 10))
    assert not check.ok and "115-12-31" in check.reason and "51593" in check.citation
    assert rules.extended_sick_year_crossing("civil", date(2026, 7, 1), date(2026, 8, 10)).ok
    check = rules.extended_sick_year_crossing("teacher", date(2026, 7, 1), date(2026, 8, 10))
    assert not check.ok and "學年度" in check.reason and "兼任行政職務者並扣除休假" in check.reason


def test_a_teachers_break_between_two_spells_is_counted():
    winter = [(date(2026, 1, 21), date(2026, 2, 15))]
    assert rules.extended_sick_bridged_days("teacher", date(2026, 1, 20), date(2026, 2, 23), winter, 0) == 26
    assert rules.extended_sick_bridged_days("teacher", date(2026, 1, 9), date(2026, 2, 23), winter, 5) == 0
    assert rules.extended_sick_bridged_days("civil", date(2026, 1, 20), date(2026, 2, 23), winter, 0) == 0


def test_workers_have_no_extended_sick_leave_and_bad_spells_are_refused():
    with pytest.raises(rules.RuleInputError):
        rules.extended_sick_window("labor", [], date(2026, 3, 9))
    with pytest.raises(rules.RuleInputError):
        rules.extended_sick_window("civil", [(date(2026, 3, 9), date(2026, 3, 1))], date(2026, 4, 1))
