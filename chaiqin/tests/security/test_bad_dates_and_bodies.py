"""Bad input answers in Chinese, never with a server error, and dates outside 1950–2100 are
refused everywhere (chaiqin.dates.check_in_range, inherited by the parsers, the forms and the
API's parser). Attack: `/api/leave/preview` with `9999-12-31 08:00` → 500 (OverflowError); a
9 MB JSON body → an English 400 or a 500; the DGPA calendar import on a field over 131,072
characters or a bare `\\r` → traceback, an unbalanced quote swallowed the next row, `00010101`
shown as 「民國-1910年」; card-reader punches dated 1900 accepted."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

import pytest

from chaiqin.dates import TAIPEI, DateInputError, parse_date, parse_datetime

from .conftest import client_for

pytestmark = pytest.mark.django_db

HEADER = "西元日期,星期,是否放假,備註\n"


def _api(client, path, body):
    client.raise_request_exception = False
    return client.post(path, json.dumps(body) if not isinstance(body, str) else body, content_type="application/json")


@pytest.mark.parametrize("text", ["9999-12-31", "1949-12-31", "2101-01-01", "38/12/31", "190-01-01", "00010101",
                                  "民國1年1月1日", "西元1900年1月1日"])
def test_a_typed_date_outside_1950_to_2100_is_refused_naming_the_range(text):
    with pytest.raises(DateInputError, match="民國39年（西元1950年）至民國189年（西元2100年）"):
        parse_date(text)
    with pytest.raises(DateInputError, match="超出系統可處理的範圍"):
        parse_datetime(f"{text} 08:00")


def test_the_edges_of_the_range_are_taken():
    assert parse_date("39-01-01") == date(1950, 1, 1) and parse_date("2100-12-31") == date(2100, 12, 31)


@pytest.mark.parametrize("start,end", [("9999-12-31 08:00", "9999-12-31 17:00"), ("1900-01-01 08:00", "1900-01-01 17:00"),
                                       ("115-03-16 08:00", "9999-12-31 17:00")])
def test_the_leave_preview_refuses_a_date_beyond_the_range_in_chinese(world, settings, start, end):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    response = _api(client_for("alice"), "/api/leave/preview", {"leave_code": "personal", "start": start, "end": end})
    assert response.status_code == 400, response.content[:300]
    assert "超出系統可處理的範圍" in response.json()["detail"]


def test_a_date_typed_field_of_any_api_is_bounded_by_the_parser(world, settings):
    """Fields the schemas type as date/datetime (pydantic would read 9999-12-31) and query strings."""
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    client = client_for("alice")
    client.raise_request_exception = False
    for path, body in [("/api/trips/trips", {"nature": "official", "place": "臺北市", "reason": "開會",
                                             "start": "9999-12-31 08:00", "end": "9999-12-31 17:00"}),
                       ("/api/overtime/requests", {"reason": "x", "work_items": "x",
                                                   "slots": [{"start": "0001-01-01T18:00", "end": "0001-01-01T20:00"}]})]:
        response = _api(client, path, body)
        assert response.status_code == 400 and "超出系統可處理的範圍" in response.json()["detail"], (path, response.content)
    response = client.get("/api/rules/leave-types?regime=civil&on=9999-12-31")
    assert response.status_code == 400 and "超出系統可處理的範圍" in response.json()["detail"]
    assert client.get("/api/rules/leave-types?regime=civil&on=2026-03-09").status_code == 200


def test_a_page_form_refuses_a_date_beyond_the_range(world, settings):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    page = client_for("alice").post("/leave/new/", {"leave_code": "personal", "start_date": "9999-12-31",
                                                    "start_time": "08:00", "end_date": "9999-12-31",
                                                    "end_time": "17:00", "preview": "1"})
    assert page.status_code == 200 and "超出系統可處理的範圍" in page.content.decode()


def test_a_9_mb_json_body_answers_413_in_chinese(world):
    body = json.dumps({"leave_code": "personal", "reason": "假" * 3_000_000, "start": "115-03-16 08:00",
                       "end": "115-03-16 17:00"})
    assert len(body.encode()) > 9_000_000
    response = _api(client_for("alice"), "/api/leave/preview", body)
    assert response.status_code == 413 and "送出的資料過大" in response.json()["detail"]
    page = client_for("alice").post("/leave/new/", {"reason": "x" * 9_000_000})
    assert page.status_code == 413 and "送出的資料過大" in page.content.decode()


def test_the_calendar_import_reports_each_bad_line_and_keeps_its_neighbours_apart():
    from chaiqin.calendar.dgpa import parse_dgpa_csv

    lines = [
        '20260101,四,2,"開國紀念日',           # row 2: a quote left open
        "20260102,五,0,",                      # row 3: must not be swallowed by row 2
        "00010101,一,0,",                      # row 4: year 1
        "20260103,六,2," + "長" * 140_000,     # row 5: beyond csv's 131,072-character field limit
        "20260104,日,2,\r備註",                # row 6: a bare carriage return
        "20260105,一,0,",
    ]
    parsed = parse_dgpa_csv((HEADER + "\n".join(lines) + "\n").encode())
    assert [row.row for row in parsed.rows] == [3, 7]
    errors = {e.row: e.message for e in parsed.errors}
    assert sorted(errors) == [2, 4, 5, 6]
    assert "引號" in errors[2] and "超出系統可處理的範圍" in errors[4] and "00010101" in errors[4]
    assert "-1910" not in " ".join(errors.values())
    assert "字元" in errors[5] and "換行" in errors[6]


def test_the_calendar_import_command_writes_nothing_from_such_a_file(world):
    from chaiqin.calendar.models import CalendarDay
    from chaiqin.calendar.services import dgpa_calendar_import

    report = dgpa_calendar_import(source=(HEADER + "20260102,五,0,\n00010101,一,0,\n").encode())
    assert not report.ok and not CalendarDay.objects.filter(date=date(2026, 1, 2), agency__isnull=True).exists()


def test_card_reader_punches_dated_1900_are_refused(world, settings):
    from chaiqin.attendance import services
    from chaiqin.attendance.models import Punch
    from chaiqin.errors import ChaiqinError

    settings.CHAIQIN_NOW = "2026-03-09T18:00"
    data = "ALICE,1900-01-01 08:01\nALICE,2026-03-09 08:02\nBOB,19000101080300\n".encode()
    result = services.punches_import(agency=world.county, stream=io.BytesIO(data), filename="card.csv")
    assert result.added == 1 and [line for line, _message in result.errors] == [1, 3]
    assert all("超出系統可處理的範圍" in message for _line, message in result.errors)
    _device, token = services.device_create(agency=world.county, name="大門刷卡機")
    with pytest.raises(ChaiqinError, match="超出系統可處理的範圍"):
        services.punch_from_device(token=token, employee_no="ALICE", at=datetime(1900, 1, 1, 8, 0, tzinfo=TAIPEI))
    from django.test import Client

    response = Client().post("/api/attendance/device/punches", json.dumps(
        [{"employee_no": "ALICE", "at": "1900-01-01T08:00:00+08:00"}]), content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 400 and "超出系統可處理的範圍" in response.json()["detail"]
    assert Punch.objects.filter(at__year=1900).count() == 0
