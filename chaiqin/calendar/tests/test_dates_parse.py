"""chaiqin.dates: the forms people in Taiwan type dates in, and the ones refused."""

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chaiqin.dates import (
    TAIPEI,
    DateInputError,
    format_roc,
    format_roc_datetime,
    format_roc_long,
    parse_date,
    parse_datetime,
    roc_year,
    school_year_of,
    weekday_zh,
)

MARCH_9 = date(2026, 3, 9)


@pytest.mark.parametrize(
    "text",
    [
        "115-03-09", "115/3/9", "115.3.9", "115/03/09", "1150309", "民國115年3月9日", "115年3月9日",
        "中華民國115年3月9日", "民國115年03月09日", "115年3月9", "2026-03-09", "2026/3/9", "20260309",
        "2026年3月9日", "西元2026年3月9日", " 115-03-09 ", "\t2026/3/9\n", "１１５／３／９", "１１５年３月９日",
        "１１５０３０９", "民國 115 年 3 月 9 日",
    ],
)
def test_it_reads_every_accepted_form_of_march_9_2026(text):
    assert parse_date(text) == MARCH_9


def test_it_reads_roc_years_below_100_with_or_without_leading_zeros():
    assert parse_date("99/1/1") == date(2010, 1, 1)
    assert parse_date("0990101") == date(2010, 1, 1)
    assert parse_date("39/1/1") == date(1950, 1, 1)  # the earliest date taken (dates.EARLIEST)


@pytest.mark.parametrize(
    "text", ["abc", "115-3", "115-03-09-01", "115-3/9", "11503", "115030", "123456789", "三月九日", "民國2026年3月9日",
             "西元115年3月9日", "2026-03-09 08:00", "115--03-09"],
)
def test_it_refuses_unknown_forms_naming_the_accepted_ones(text):
    with pytest.raises(DateInputError) as caught:
        parse_date(text)
    message = str(caught.value)
    assert "無法辨識的日期" in message
    assert "115-03-09" in message and "民國115年3月9日" in message and "2026-03-09" in message


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("115-02-30", "115年2月沒有30日"),
        ("115-02-29", "115年2月沒有29日"),  # 2026 is not a leap year
        ("2026-02-29", "2026年2月沒有29日"),
        ("115-13-01", "月份須為1至12"),
        ("20261301", "月份須為1至12"),
        ("0-01-01", "民國年須從1年起"),
        ("0000101", "民國年須從1年起"),
        ("民國0年1月1日", "民國年須從1年起"),
        ("115-00-10", "月份須為1至12"),
        ("115-01-00", "沒有0日"),
    ],
)
def test_it_refuses_dates_that_do_not_exist_saying_why(text, says):
    with pytest.raises(DateInputError, match=says):
        parse_date(text)


def test_it_accepts_feb_29_in_a_leap_year():
    assert parse_date("113-02-29") == date(2024, 2, 29)


@pytest.mark.parametrize("text", ["", "   ", None])
def test_it_asks_for_a_date_when_nothing_was_typed(text):
    with pytest.raises(DateInputError, match="請輸入日期"):
        parse_date(text)


def test_a_date_input_error_is_a_value_error():
    assert issubclass(DateInputError, ValueError)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)))
def test_format_roc_then_parse_date_gives_back_the_same_date(day):
    assert parse_date(format_roc(day)) == day


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)))
def test_format_roc_long_then_parse_date_gives_back_the_same_date(day):
    assert parse_date(format_roc_long(day).split("（")[0]) == day


@pytest.mark.parametrize(
    "text",
    ["115-03-09 08:00", "115/3/9 8:00", "1150309 08:00", "2026-03-09T08:00", "2026-03-09 08:00",
     "民國115年3月9日8時00分", "115年3月9日 08時00分", "115年3月9日 8時", "１１５－０３－０９　０８：００"],
)
def test_it_reads_a_date_and_time_as_taipei_time(text):
    assert parse_datetime(text) == datetime(2026, 3, 9, 8, 0, tzinfo=TAIPEI)


@pytest.mark.parametrize(
    ("text", "says"),
    [("115-03-09", "無法辨識的日期時間"), ("115-03-09 24:00", "時須為0至23"), ("115-03-09 08:60", "分須為0至59"),
     ("115-02-30 08:00", "沒有30日"), ("", "請輸入日期與時間")],
)
def test_it_refuses_a_datetime_without_a_valid_time_or_date(text, says):
    with pytest.raises(DateInputError, match=says):
        parse_datetime(text)


def test_it_formats_dates_the_way_forms_in_taiwan_write_them():
    assert format_roc(MARCH_9) == "115-03-09"
    assert format_roc(date(2010, 1, 5)) == "099-01-05"
    assert format_roc_long(MARCH_9) == "民國115年3月9日（一）"
    assert format_roc_long(date(2026, 3, 15)) == "民國115年3月15日（日）"
    assert format_roc_datetime(datetime(2026, 3, 9, 0, 30, tzinfo=TAIPEI)) == "115-03-09 00:30"
    assert weekday_zh(MARCH_9) == "一"
    assert roc_year(MARCH_9) == 115


def test_an_aware_utc_datetime_is_shown_in_taipei_time():
    from datetime import UTC

    assert format_roc_datetime(datetime(2026, 3, 8, 16, 30, tzinfo=UTC)) == "115-03-09 00:30"


@pytest.mark.parametrize(
    ("day", "school_year"),
    [(date(2026, 3, 9), 114), (date(2026, 7, 31), 114), (date(2026, 8, 1), 115), (date(2025, 8, 1), 114),
     (date(2026, 12, 31), 115)],
)
def test_the_school_year_runs_from_august_1_to_july_31(day, school_year):
    assert school_year_of(day) == school_year


@pytest.mark.parametrize("text, first", [
    ("115-12", date(2026, 12, 1)), ("2026-12", date(2026, 12, 1)), ("115-1", date(2026, 1, 1)),
    ("１１５-０３", date(2026, 3, 1)), (" 114-08 ", date(2025, 8, 1)),
])
def test_a_month_is_read_in_roc_or_gregorian(text, first):
    from chaiqin.dates import parse_month

    assert parse_month(text) == first


@pytest.mark.parametrize("text, says", [
    ("115-13", "月份須為1至12"), ("115", "無法辨識的月份"), ("115-12-01", "無法辨識的月份"),
    ("十二月", "無法辨識的月份"), ("3000-01", "超出系統可處理的範圍"),
])
def test_a_month_that_cannot_be_read_is_refused_in_chinese(text, says):
    from chaiqin.dates import parse_month

    with pytest.raises(DateInputError, match=says):
        parse_month(text)
