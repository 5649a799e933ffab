"""selectors: what a day is for an agency, by precedence closure > DGPA > holidays > weekend."""

from datetime import date

import pytest

from chaiqin.calendar import selectors
from chaiqin.calendar.services import calendar_day_set, closure_declare, dgpa_calendar_import

pytestmark = pytest.mark.django_db


def test_an_ordinary_monday_is_a_workday_and_a_saturday_is_not(hualien):
    monday = selectors.day_info(hualien, date(2026, 3, 9))
    assert (monday.is_workday, monday.kind, monday.name) == (True, "workday", "")
    saturday = selectors.day_info(hualien, date(2026, 3, 7))
    assert (saturday.is_workday, saturday.kind) == (False, "weekend")


def test_a_national_holiday_is_a_day_off_with_its_chinese_name(hualien):
    info = selectors.day_info(hualien, date(2026, 2, 17))
    assert (info.is_workday, info.kind, info.source) == (False, "holiday", "national")
    assert info.name.startswith("春節")
    assert selectors.day_info(hualien, date(2026, 2, 15)).name == "小年夜"
    assert not selectors.is_workday(hualien, date(2026, 5, 1))  # 勞動節, for everyone from 2026


def test_a_make_up_saturday_is_a_workday(hualien):
    info = selectors.day_info(hualien, date(2025, 2, 8))
    assert (info.is_workday, info.kind, info.name) == (True, "makeup_workday", "補行上班")


def test_an_imported_dgpa_day_overrides_the_holidays_package(hualien):
    # Suppose the DGPA made 9/28 a workday and moved the day off to Tuesday 3/10.
    csv = "西元日期,星期,是否放假,備註\n20260928,一,0,\n20260310,二,2,調整放假\n".encode()
    assert dgpa_calendar_import(source=csv).ok
    teachers_day = selectors.day_info(hualien, date(2026, 9, 28))
    assert (teachers_day.is_workday, teachers_day.kind, teachers_day.source) == (True, "workday", "dgpa")
    bridge = selectors.day_info(hualien, date(2026, 3, 10))
    assert (bridge.is_workday, bridge.kind, bridge.name) == (False, "holiday", "調整放假")


def test_an_agency_day_overrides_the_nationwide_day_for_that_agency_only(hualien, keelung):
    calendar_day_set(day=date(2026, 8, 3), kind="holiday", name="原住民族歲時祭儀", agency=hualien)
    assert selectors.day_info(hualien, date(2026, 8, 3)).name == "原住民族歲時祭儀"
    assert not selectors.is_workday(hualien, date(2026, 8, 3))
    assert selectors.is_workday(keelung, date(2026, 8, 3))


def test_a_closure_makes_a_workday_a_day_off_for_that_agency_only(hualien, keelung):
    typhoon_day = date(2026, 7, 28)  # a Tuesday
    closure_declare(agency=hualien, day=typhoon_day, reason="颱風", declared_by="花蓮縣政府宣布")
    info = selectors.day_info(hualien, typhoon_day)
    assert (info.is_workday, info.kind, info.name, info.closure_part) == (False, "closure", "颱風停止上班", "whole")
    assert selectors.is_workday(keelung, typhoon_day)
    assert selectors.is_workday(None, typhoon_day)  # the nationwide calendar knows no closures


def test_a_closure_wins_over_a_make_up_workday(hualien):
    closure_declare(agency=hualien, day=date(2025, 2, 8), declared_by="花蓮縣政府宣布", reason="豪雨")
    info = selectors.day_info(hualien, date(2025, 2, 8))
    assert (info.is_workday, info.kind, info.name) == (False, "closure", "豪雨停止上班")


def test_an_afternoon_closure_leaves_the_morning_a_workday(hualien):
    closure_declare(agency=hualien, day=date(2026, 7, 28), part="afternoon", declared_by="花蓮縣政府宣布")
    info = selectors.day_info(hualien, date(2026, 7, 28))
    assert (info.is_workday, info.kind, info.closure_part) == (True, "closure", "afternoon")
    assert info.name == "颱風停止上班（下午）"


def test_a_closure_on_a_day_off_keeps_the_day_what_it_was(hualien):
    closure_declare(agency=hualien, day=date(2026, 10, 10), declared_by="花蓮縣政府宣布")
    info = selectors.day_info(hualien, date(2026, 10, 10))
    assert (info.is_workday, info.kind, info.name, info.closure_part) == (False, "holiday", "國慶日", "whole")


def test_workdays_between_skips_the_lunar_new_year_break(hualien):
    # Fri 2/13 is the last workday before 2026's nine-day break (2/14–2/22); Mon 2/23 the first after.
    days = selectors.workdays_between(hualien, date(2026, 2, 12), date(2026, 2, 24))
    assert days == [date(2026, 2, 12), date(2026, 2, 13), date(2026, 2, 23), date(2026, 2, 24)]


def test_workdays_between_counts_a_whole_year_and_an_empty_range(hualien):
    assert len(selectors.workdays_between(hualien, date(2026, 1, 1), date(2026, 12, 31))) == 261 - 16  # 261 weekdays, 16 of them days off
    assert selectors.workdays_between(hualien, date(2026, 3, 9), date(2026, 3, 8)) == []


def test_workdays_between_and_month_days_query_the_database_twice_whatever_the_range(
    hualien, django_assert_num_queries
):
    closure_declare(agency=hualien, day=date(2026, 7, 28), declared_by="花蓮縣政府宣布")
    with django_assert_num_queries(2):
        selectors.workdays_between(hualien, date(2026, 1, 1), date(2027, 12, 31))
    with django_assert_num_queries(2):
        selectors.month_days(hualien, 2026, 2, whole_weeks=True)
    with django_assert_num_queries(1):
        selectors.day_info(None, date(2026, 3, 9))


def test_month_days_gives_every_day_of_the_month(hualien):
    days = selectors.month_days(hualien, 2026, 2)
    assert [d.date.day for d in days] == list(range(1, 29))
    assert [d.date for d in days if d.kind == "holiday"] == [
        date(2026, 2, d) for d in (15, 16, 17, 18, 19, 20, 27, 28)
    ]


def test_month_days_can_pad_to_whole_weeks(hualien):
    days = selectors.month_days(hualien, 2026, 3, whole_weeks=True)
    assert days[0].date == date(2026, 2, 23) and days[0].date.weekday() == 0
    assert days[-1].date == date(2026, 4, 5) and days[-1].date.weekday() == 6
    sunday_first = selectors.month_days(hualien, 2026, 3, whole_weeks=True, first_weekday=6)
    assert sunday_first[0].date == date(2026, 3, 1) and sunday_first[-1].date == date(2026, 4, 4)
