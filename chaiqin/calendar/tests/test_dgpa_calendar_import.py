"""services.dgpa_calendar_import and the import_dgpa_calendar command."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from chaiqin.calendar import selectors
from chaiqin.calendar.models import CalendarDay
from chaiqin.calendar.services import calendar_day_set, dgpa_calendar_import

from .conftest import DATA

pytestmark = pytest.mark.django_db
HEADER = "西元日期,星期,是否放假,備註\n"


def test_it_imports_the_2026_calendar_one_nationwide_row_a_day(dgpa_2026_bytes):
    report = dgpa_calendar_import(source=dgpa_2026_bytes)
    assert report.ok, report.errors
    assert (report.rows, report.created, report.years, report.encoding) == (365, 365, [2026], "utf-8-sig")
    assert CalendarDay.objects.filter(agency__isnull=True, year=2026, source="dgpa").count() == 365
    new_year = CalendarDay.objects.get(date=date(2026, 1, 1))
    assert (new_year.is_day_off, new_year.kind, new_year.name) == (True, "holiday", "開國紀念日")
    assert CalendarDay.objects.get(date=date(2026, 2, 20)).kind == "substitute"
    assert CalendarDay.objects.get(date=date(2026, 3, 7)).kind == "weekend"
    assert CalendarDay.objects.get(date=date(2026, 3, 9)).kind == "workday"


def test_the_imported_calendar_agrees_with_the_holidays_package_on_every_2026_workday(hualien, dgpa_2026_bytes):
    before = selectors.workdays_between(hualien, date(2026, 1, 1), date(2026, 12, 31))
    dgpa_calendar_import(source=dgpa_2026_bytes)
    after = selectors.workdays_between(hualien, date(2026, 1, 1), date(2026, 12, 31))
    assert before == after and len(after) == 245


def test_importing_the_same_file_again_changes_nothing(dgpa_2026_bytes):
    dgpa_calendar_import(source=dgpa_2026_bytes)
    again = dgpa_calendar_import(source=dgpa_2026_bytes)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 365)
    assert CalendarDay.objects.count() == 365


def test_a_corrected_file_updates_the_days_that_changed(dgpa_2026_bytes):
    dgpa_calendar_import(source=dgpa_2026_bytes)
    corrected = HEADER + "20260928,一,0,\n20260310,二,2,調整放假\n"
    report = dgpa_calendar_import(source=corrected.encode())
    assert (report.created, report.updated, report.unchanged) == (0, 2, 0)
    assert CalendarDay.objects.get(date=date(2026, 9, 28)).kind == "workday"
    assert CalendarDay.objects.get(date=date(2026, 3, 10)).kind == "bridge"


def test_the_dgpa_row_replaces_a_manual_nationwide_row():
    calendar_day_set(day=date(2026, 3, 10), kind="holiday", name="手動")
    dgpa_calendar_import(source=(HEADER + "20260310,二,0,\n").encode())
    row = CalendarDay.objects.get(date=date(2026, 3, 10), agency__isnull=True)
    assert (row.kind, row.source, row.name) == ("workday", "dgpa", "")


def test_a_make_up_saturday_row_is_a_make_up_workday():
    dgpa_calendar_import(source=(HEADER + "20250208,六,0,補行上班\n").encode())
    assert CalendarDay.objects.get(date=date(2025, 2, 8)).kind == "makeup_workday"


def test_a_big5_file_is_detected_and_imported():
    report = dgpa_calendar_import(source=DATA / "dgpa_2026_q1_big5.csv")
    assert report.ok, report.errors
    assert (report.encoding, report.rows) == ("big5", 90)
    assert CalendarDay.objects.get(date=date(2026, 2, 15)).name == "小年夜"


def test_a_broken_file_is_reported_row_by_row_and_nothing_is_imported():
    broken = HEADER + (
        "20260101,四,2,開國紀念日\n"  # row 2: fine
        "20260230,一,0,\n"  # row 3: no such date
        "20260302,二,0,\n"  # row 4: 3/2/2026 is a Monday
        "20260303,二,1,\n"  # row 5: 1 is neither 0 nor 2
        "20260101,四,2,\n"  # row 6: duplicate of row 2
        "2026-03-04,三,0,\n"  # row 7: not 8 digits
        "20260305,四\n"  # row 8: too few columns
    )
    report = dgpa_calendar_import(source=broken.encode("utf-8-sig"))
    assert not report.ok
    assert [str(e) for e in report.errors] == [
        "第3列：日期「20260230」不存在。",
        "第4列：星期「二」與日期 115-03-02（星期一）不符。",
        "第5列：是否放假應為 0（上班）或 2（放假），這列是「1」。",
        "第6列：日期 115-01-01 與第2列重複。",
        "第7列：日期「2026-03-04」應為西元年月日8碼，如 20260309。",
        "第8列：應有4欄（西元日期,星期,是否放假,備註），這列有2欄。",
    ]
    assert CalendarDay.objects.count() == 0  # not even the good row 2
    assert report.summary() == "匯入失敗：6項錯誤，未匯入任何資料。"


def test_a_broken_file_leaves_an_earlier_import_untouched(dgpa_2026_bytes):
    dgpa_calendar_import(source=dgpa_2026_bytes)
    dgpa_calendar_import(source=(HEADER + "20260928,一,0,\n20260929,一,0,\n").encode())
    assert CalendarDay.objects.get(date=date(2026, 9, 28)).kind == "holiday"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "檔案是空的"),
        ("日期,星期,放假,備註\n20260101,四,2,\n".encode(), "第1列：標題列應為「西元日期,星期,是否放假,備註」"),
        (HEADER.encode(), "沒有任何日期"),
        (b"\xff\xfe\x00\x00garbage\x81", "無法辨識檔案的編碼"),
    ],
)
def test_a_file_that_is_not_a_dgpa_calendar_is_refused(content, says):
    report = dgpa_calendar_import(source=content)
    assert not report.ok and says in str(report.errors[0])
    assert CalendarDay.objects.count() == 0


def test_the_command_imports_a_file_and_reports_in_chinese(capsys):
    call_command("import_dgpa_calendar", str(DATA / "dgpa_2026.csv"))
    assert "已匯入民國115年辦公日曆 365 天" in capsys.readouterr().out


def test_the_command_fails_with_the_errors_when_a_row_is_bad(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "20260302,二,0,\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_dgpa_calendar", str(path))
    assert "第2列：星期「二」與日期 115-03-02（星期一）不符。" in capsys.readouterr().err
    assert CalendarDay.objects.count() == 0


def test_the_command_fails_for_a_missing_file(tmp_path, capsys):
    with pytest.raises(CommandError):
        call_command("import_dgpa_calendar", str(tmp_path / "nope.csv"))
    assert "無法讀取檔案" in capsys.readouterr().err
