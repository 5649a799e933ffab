"""The national calendar (holidays package + the law's names) for 2025–2027, no database.

Written against 紀念日及節日實施條例 (2025): new days off 小年夜 (農曆除夕前一日) from 2026,
孔子誕辰紀念日/教師節 9/28, 臺灣光復暨金門古寧頭大捷紀念日 10/25, 行憲紀念日 12/25, and 勞動節 5/1
for everyone from 2026; a holiday on Saturday is observed the Friday before, on Sunday the
Monday after; the Lunar New Year days move forward. Checked against DGPA's 115年 calendar.
"""

from datetime import date

import pytest

from chaiqin.calendar.national import national_year


def days_off(year):
    return {d: n.name for d, n in national_year(year).items() if n.kind == "holiday"}


DGPA_2026_DAYS_OFF = {
    date(2026, 1, 1): "中華民國開國紀念日",
    date(2026, 2, 15): "小年夜",
    date(2026, 2, 16): "農曆除夕",
    date(2026, 2, 17): "春節",
    date(2026, 2, 18): "春節",
    date(2026, 2, 19): "春節",
    date(2026, 2, 20): "小年夜（補假）",
    date(2026, 2, 27): "和平紀念日（補假）",
    date(2026, 2, 28): "和平紀念日",
    date(2026, 4, 3): "兒童節（補假）",
    date(2026, 4, 4): "兒童節",
    date(2026, 4, 5): "民族掃墓節",
    date(2026, 4, 6): "民族掃墓節（補假）",
    date(2026, 5, 1): "勞動節",
    date(2026, 6, 19): "端午節",
    date(2026, 9, 25): "中秋節",
    date(2026, 9, 28): "孔子誕辰紀念日",
    date(2026, 10, 9): "國慶日（補假）",
    date(2026, 10, 10): "國慶日",
    date(2026, 10, 25): "臺灣光復暨金門古寧頭大捷紀念日",
    date(2026, 10, 26): "臺灣光復暨金門古寧頭大捷紀念日（補假）",
    date(2026, 12, 25): "行憲紀念日",
}


def test_2026_has_exactly_the_days_off_of_the_dgpa_calendar():
    assert set(days_off(2026)) == set(DGPA_2026_DAYS_OFF)


@pytest.mark.parametrize(("day", "name"), sorted(DGPA_2026_DAYS_OFF.items()))
def test_each_2026_day_off_has_its_chinese_name(day, name):
    assert days_off(2026)[day].startswith(name)


def test_the_holidays_new_in_2025_and_2026_are_days_off_in_2026():
    off = days_off(2026)
    assert off[date(2026, 2, 15)] == "小年夜"  # the day before 除夕 (2026-02-16)
    assert off[date(2026, 5, 1)] == "勞動節"
    assert "教師節" in off[date(2026, 9, 28)]
    assert off[date(2026, 10, 25)] == "臺灣光復暨金門古寧頭大捷紀念日"
    assert off[date(2026, 12, 25)] == "行憲紀念日"


def test_a_holiday_on_saturday_is_observed_on_the_friday_before():
    off = days_off(2026)
    assert date(2026, 2, 28).weekday() == 5 and date(2026, 2, 27) in off  # 和平紀念日
    assert date(2026, 10, 10).weekday() == 5 and date(2026, 10, 9) in off  # 國慶日
    assert date(2027, 5, 1).weekday() == 5 and days_off(2027)[date(2027, 4, 30)] == "勞動節（補假）"
    assert date(2027, 12, 25).weekday() == 5 and days_off(2027)[date(2027, 12, 24)] == "行憲紀念日（補假）"


def test_a_holiday_on_sunday_is_observed_on_the_monday_after():
    off = days_off(2026)
    assert date(2026, 10, 25).weekday() == 6 and date(2026, 10, 26) in off
    assert date(2026, 4, 5).weekday() == 6 and date(2026, 4, 6) in off
    assert days_off(2025)[date(2025, 9, 29)] == "孔子誕辰紀念日（補假）"  # 9/28/2025 was a Sunday


def test_the_little_new_years_eve_on_a_sunday_is_made_up_after_the_new_year_days():
    # 2026: 小年夜 Sun 2/15, 除夕 Mon 2/16, 春節 2/17–19, so its day off moves to Fri 2/20.
    assert days_off(2026)[date(2026, 2, 20)] == "小年夜（補假）"


def test_the_little_new_years_eve_is_not_a_day_off_before_2026():
    off = days_off(2025)
    assert date(2025, 1, 27) in off and "小年夜" not in off[date(2025, 1, 27)]  # 2025's was a bridge day
    assert all("小年夜" not in name for name in off.values())


def test_labor_day_became_a_day_off_for_everyone_in_2026_not_before():
    assert date(2025, 5, 1) not in days_off(2025)
    assert date(2026, 5, 1) in days_off(2026)


def test_make_up_workdays_are_known_with_their_name():
    makeup = {d: n for d, n in national_year(2025).items() if n.kind == "makeup_workday"}
    assert list(makeup) == [date(2025, 2, 8)]
    assert makeup[date(2025, 2, 8)].name == "補行上班"
    assert days_off(2025)[date(2025, 1, 27)].startswith("放假日")  # the bridge day it pays for


def test_2026_has_no_make_up_workday():
    assert not [d for d, n in national_year(2026).items() if n.kind == "makeup_workday"]


def test_commemorative_days_that_are_not_days_off_keep_their_name_only():
    arbor_day = national_year(2026)[date(2026, 3, 12)]
    assert arbor_day.kind == "workday" and "植樹節" in arbor_day.name and not arbor_day.is_day_off


def test_the_national_calendar_is_cached_per_year():
    assert national_year(2026) is national_year(2026)
