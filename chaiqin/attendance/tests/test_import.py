"""Card-reader files: every good row kept, every bad row listed with its line number, and the
same file imported twice adds nothing."""

import io
from datetime import datetime, timedelta

import pytest

from chaiqin.attendance import services
from chaiqin.attendance.models import Punch
from chaiqin.errors import ChaiqinError
from chaiqin.org.models import Person

pytestmark = pytest.mark.django_db


def card_file(numbers, rows, broken_every, broken_count):
    """A CSV with a header and `rows` data lines; `broken_count` of them broken in various ways."""
    out = ["考勤代號,刷卡時間"]
    bad_lines = []
    start = datetime(2026, 2, 2, 7, 0)
    kinds = ["NOBODY,2026-02-02 08:00:00", "{no},2026-02-30 08:00:00", "{no}", "{no},昨天早上",
             "{no},2026-02-02 25:00:00", "{no},2026-02-02,08:00,extra"]
    broken = 0
    for i in range(rows):
        no = numbers[i % len(numbers)]
        line_no = len(out) + 1
        if broken < broken_count and i % broken_every == broken_every - 1:
            out.append(kinds[broken % len(kinds)].format(no=no))
            bad_lines.append(line_no)
            broken += 1
        else:
            at = start + timedelta(seconds=37 * (i // len(numbers)))
            out.append(f"{no},{at:%Y-%m-%d %H:%M:%S}")
    assert broken == broken_count
    return ("\n".join(out) + "\n").encode(), bad_lines


def test_a_100000_row_file_with_37_broken_rows_keeps_every_good_row_and_reimports_nothing(world, frozen):
    numbers = [p.employee_no for p in Person.objects.filter(agency=world.county)]
    data, bad_lines = card_file(numbers, 100_000, 2_500, 37)
    result = services.punches_import(agency=world.county, stream=io.BytesIO(data), filename="reader.csv")
    assert result.rows == 100_000
    assert [line for line, _ in result.errors] == bad_lines
    assert all(msg.startswith(f"第{line}列") for line, msg in result.errors)
    assert result.added == 100_000 - 37 == Punch.objects.count()

    again = services.punches_import(agency=world.county, stream=io.BytesIO(data), filename="reader.csv")
    assert again.added == 0 and len(again.errors) == 37
    assert Punch.objects.count() == 100_000 - 37


def test_roc_dates_three_columns_and_big5_files_are_read(world, frozen):
    data = "考勤代號,日期,時間\nALICE,115-03-09,08:01\nBOB,2026/03/09,08:02:30\n".encode("cp950")
    result = services.punches_import(agency=world.county, stream=io.BytesIO(data), filename="old.csv")
    assert result.errors == [] and result.added == 2


def test_a_punch_in_the_future_is_a_broken_row(world, frozen):
    data = b"ALICE,2026-03-10 08:00:00\nALICE,2026-03-09 08:00:00\n"
    result = services.punches_import(agency=world.county, stream=io.BytesIO(data), filename="clock.csv")
    assert result.added == 1 and result.errors[0][0] == 1 and "晚於現在" in result.errors[0][1]


def test_personnel_import_through_the_api_and_others_may_not(world, frozen, client):
    client.login(username="alice", password="correct-horse-battery")
    upload = io.BytesIO(b"ALICE,2026-03-09 08:00:00\n")
    upload.name = "a.csv"
    assert client.post("/api/attendance/imports", {"file": upload}).status_code == 403
    client.login(username="carol", password="correct-horse-battery")
    upload.seek(0)
    answer = client.post("/api/attendance/imports", {"file": upload})
    assert answer.status_code == 200 and answer.json()["added"] == 1


def test_a_punch_stored_meanwhile_falls_back_to_skipping_conflicts(world, frozen, monkeypatch):
    """If the bulk insert collides with a punch stored in between (a web clock-in), the import
    still keeps every other row and counts only what it added."""
    services.punch_record(person=world.alice, at=datetime(2026, 3, 9, 8, 0), source=Punch.Source.WEB)
    monkeypatch.setattr(services._PunchWriter, "NEW_ONLY", "")  # as if the anti-join had missed it
    data = b"ALICE,2026-03-09 08:00:00\nALICE,2026-03-09 17:30:00\nALICE,2026-03-09 17:30:00\n"
    result = services.punches_import(agency=world.county, stream=io.BytesIO(data), filename="race.csv")
    assert result.added == 1 and result.errors == []
    assert Punch.objects.filter(person=world.alice).count() == 2


def test_a_file_that_breaks_off_midway_leaves_nothing_and_the_next_import_works(world, frozen):
    numbers = [p.employee_no for p in Person.objects.filter(agency=world.county)]
    data, _ = card_file(numbers, 60_000, 10**9, 0)

    class BrokenUpload(io.BytesIO):
        reads = 0

        def read(self, size=-1):
            self.reads += 1
            if self.reads > 2:  # after more than one batch has been streamed to the database
                raise OSError("連線中斷")
            return super().read(size)

    with pytest.raises(OSError):
        services.punches_import(agency=world.county, stream=BrokenUpload(data), filename="cut.csv")
    assert Punch.objects.count() == 0
    again = services.punches_import(agency=world.county, stream=io.BytesIO(data), filename="cut.csv")
    assert again.added == 60_000 == Punch.objects.count()


def test_a_card_file_over_the_size_limit_is_refused_whole(world, settings):
    settings.CHAIQIN_CARD_FILE_MAX_BYTES = 100_000
    line = "ALICE,2026-03-09 08:01:00\n".encode()
    data = line * (200_000 // len(line))
    with pytest.raises(ChaiqinError, match="刷卡檔超過 97 KB 上限"):
        services.punches_import(agency=world.county, stream=io.BytesIO(data), filename="huge.csv")
    assert not Punch.objects.exists()
