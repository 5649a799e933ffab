"""Card readers as offices own them (issue 18): a card number per person, and the file format
chosen per reader — chaiqin's CSV, fixed-width text (卡號 日期 時間 機號 in columns) and a
delimiter-separated export with a column map. The sample files are in samples/."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from chaiqin.attendance import reader_formats, services
from chaiqin.attendance.models import Punch, PunchImport
from chaiqin.conftest import log_in
from chaiqin.dates import TAIPEI
from chaiqin.errors import ChaiqinError
from chaiqin.org.services import person_set_card_no

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parent / "samples"
FIXED_LAYOUT = {"key": "1-10", "date": "12-19", "time": "21-26", "reader": "28-29"}
DELIMITED_LAYOUT = {"delimiter": ";", "skip_lines": "1", "key": "2", "date": "3", "time": "4", "reader": "1"}


@pytest.fixture
def cards(world):
    person_set_card_no(actor=world.carol, person=world.alice, card_no="0000012345")
    person_set_card_no(actor=world.carol, person=world.bob, card_no="0000067890")
    return world


def reader(world, kind, layout, key_field="card_no"):
    device, _token = services.device_create(agency=world.county, name=f"{kind} 刷卡機")
    return services.device_set_format(actor=world.carol, device=device, file_format=kind, key_field=key_field,
                                      layout=layout)


def import_sample(world, name, device=None) -> PunchImport:
    with (SAMPLES / name).open("rb") as stream:
        return services.punches_import(agency=world.county, stream=stream, filename=name, reader=device)


def moments(person):
    return [p.at.astimezone(TAIPEI).strftime("%m-%d %H:%M:%S") for p in Punch.objects.filter(person=person)]


def test_todays_csv_keyed_on_the_attendance_number(cards, frozen):
    result = import_sample(cards, "reader.csv")
    assert (result.rows, result.added) == (4, 3)
    assert result.errors == [[5, "第5列：本機關查無考勤代號「NOBODY」的人員。"]]
    assert result.unknown == [["NOBODY", 1]]
    assert moments(cards.alice) == ["03-09 07:58:00", "03-09 17:31:00"]


def test_fixed_width_text_keyed_on_the_card_number(cards, frozen):
    result = import_sample(cards, "reader_fixed.txt", reader(cards, "fixed", FIXED_LAYOUT))
    assert (result.rows, result.added) == (7, 3)
    assert [line for line, _ in result.errors] == [4, 5, 6, 8]
    assert "查無卡號「0000099999」" in result.errors[0][1] and "無法辨識的刷卡時間" in result.errors[1][1]
    assert "不符定長格式" in result.errors[2][1]
    assert result.unknown == [["0000099999", 2]]  # listed once, with how often it was swiped
    assert moments(cards.alice) == ["03-09 07:58:12", "03-09 17:31:00"]
    assert moments(cards.bob) == ["03-09 08:02:30"]


def test_a_delimited_big5_export_with_a_column_map(cards, frozen):
    result = import_sample(cards, "reader_delimited.txt", reader(cards, "delimited", DELIMITED_LAYOUT))
    assert (result.rows, result.added) == (5, 3)
    assert [line for line, _ in result.errors] == [5, 6]
    assert "只有2個欄位" in result.errors[1][1]
    assert result.unknown == [["0000055555", 1]]
    assert moments(cards.bob) == ["03-09 08:02:00"]  # ROC 115/03/09 in the file


def test_reimporting_adds_nothing_and_a_broken_upload_leaves_nothing(cards, frozen):
    device = reader(cards, "fixed", FIXED_LAYOUT)
    data = (SAMPLES / "reader_fixed.txt").read_bytes()

    class BrokenUpload(io.BytesIO):
        def read(self, size=-1):
            if self.tell() > 0:
                raise OSError("連線中斷")
            return super().read(40)  # the first two lines, then the connection drops

    with pytest.raises(OSError):
        services.punches_import(agency=cards.county, stream=BrokenUpload(data), filename="cut.txt", reader=device)
    assert not Punch.objects.exists() and not PunchImport.objects.exists()
    assert import_sample(cards, "reader_fixed.txt", device).added == 3
    assert import_sample(cards, "reader_fixed.txt", device).added == 0
    assert Punch.objects.count() == 3


def test_a_reader_of_another_agency_is_refused(cards, frozen):
    device, _ = services.device_create(agency=cards.school, name="學校刷卡機")
    with pytest.raises(ChaiqinError, match="本機關的刷卡機"):
        import_sample(cards, "reader.csv", device)


@pytest.mark.parametrize("kind, layout, message", [
    ("fixed", {"key": "1-10", "date": "12", "time": "21-26"}, "「日期」位置應為「起-迄」"),
    ("fixed", {"key": "10-1", "date": "12-19", "time": "21-26"}, "「卡號／考勤代號」位置"),
    ("delimited", {"delimiter": ";", "key": "A", "date": "3"}, "欄位序號"),
    ("delimited", {"delimiter": ":", "key": "1", "date": "3"}, "分隔字元須為"),
    ("delimited", {"delimiter": ";", "key": "1", "date": "3", "skip_lines": "x"}, "標題列數"),
])
def test_a_layout_that_cannot_be_read_is_refused_by_name(world, kind, layout, message):
    device, _ = services.device_create(agency=world.county, name="刷卡機")
    with pytest.raises(ChaiqinError, match=message):
        services.device_set_format(actor=world.carol, device=device, file_format=kind, key_field="card_no",
                                   layout=layout)
    device.refresh_from_db()
    assert device.file_format == "csv" and device.layout == {}


def test_dates_and_times_of_the_columns_joined():
    assert reader_formats.join_moment("20260309", "075812") == "20260309075812"
    assert reader_formats.join_moment("1150309", "0758") == "202603090758"
    assert reader_formats.join_moment("2026/03/09", "07:58") == "2026/03/09 07:58"
    assert services._fast_datetime(reader_formats.join_moment("1150309", "075812")) == datetime(
        2026, 3, 9, 7, 58, 12, tzinfo=TAIPEI)


def test_one_card_one_person_and_only_the_personnel_office_sets_it(cards):
    with pytest.raises(ChaiqinError, match="已登錄給本機關的陳雅婷"):
        person_set_card_no(actor=cards.carol, person=cards.diana, card_no=" 0000012345 ")
    with pytest.raises(ChaiqinError, match="只有本機關的人事人員"):
        person_set_card_no(actor=cards.alice, person=cards.alice, card_no="1")
    with pytest.raises(ChaiqinError, match="只有本機關的人事人員"):
        person_set_card_no(actor=cards.hank, person=cards.alice, card_no="1")  # another agency's personnel
    # The same number in another agency is another card.
    person_set_card_no(actor=cards.hank, person=cards.gina, card_no="0000012345")
    person_set_card_no(actor=cards.carol, person=cards.alice, card_no="")
    cards.alice.refresh_from_db()
    assert cards.alice.card_no == ""


@pytest.mark.browser
def test_the_personnel_office_sets_formats_and_cards_and_imports_each_format_in_the_browser(page, world, frozen):
    services.device_create(agency=world.county, name="大門定長機")
    services.device_create(agency=world.county, name="側門匯出機")
    log_in(page, "carol")
    page.goto("/attendance/settings/")
    for no, card in (("ALICE", "0000012345"), ("BOB", "0000067890")):
        page.locator("#id_card-employee_no").fill(no)
        page.get_by_label("卡號（留空為清除）").fill(card)
        page.get_by_role("button", name="儲存卡號").click()
        expect(page.locator(".messages")).to_contain_text("的卡號")

    page.get_by_role("link", name="設定「大門定長機」的格式").click()
    page.get_by_label("刷卡檔格式").select_option("fixed")
    page.get_by_label("以哪一欄對應人員").select_option("card_no")
    page.get_by_role("button", name="儲存格式").click()  # the usual reader columns are filled in already
    expect(page.get_by_test_id("devices")).to_contain_text("定長文字")

    page.get_by_role("link", name="設定「側門匯出機」的格式").click()
    page.get_by_label("刷卡檔格式").select_option("delimited")
    page.get_by_label("以哪一欄對應人員").select_option("card_no")
    page.get_by_label("分隔字元（分隔字元檔）").select_option(";")
    page.get_by_label("略過開頭的標題列數").fill("1")
    for label, value in (("卡號／考勤代號的位置", "2"), ("日期的位置", "3"), ("時間的位置", "4"),
                         ("機號的位置（可留空）", "1")):
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="儲存格式").click()
    expect(page.get_by_test_id("devices")).to_contain_text("分隔字元檔")

    # The same moments in several files are stored once: the fixed-width file adds alice's 07:58:12
    # only, the delimited one bob's 08:02.
    for reader_name, sample, added, unknown in ((None, "reader.csv", 3, "NOBODY"),
                                                ("大門定長機", "reader_fixed.txt", 1, "0000099999"),
                                                ("側門匯出機", "reader_delimited.txt", 1, "0000055555")):
        page.goto("/attendance/import/")
        if reader_name:
            page.get_by_label("檔案格式（刷卡機）").select_option(label=next(
                o for o in page.locator("#id_reader option").all_inner_texts() if o.startswith(reader_name)))
        page.get_by_label("刷卡機檔案").set_input_files(str(SAMPLES / sample))
        page.get_by_role("button", name="匯入").click()
        expect(page.locator(".messages")).to_contain_text(f"新增 {added} 筆")
        expect(page.get_by_test_id("import-unknown")).to_contain_text(unknown)
    assert Punch.objects.count() == 5
