"""people_import: a personnel system's staff file (CSV UTF-8/Big5, XLSX) into the agency, all or nothing.

The county of the `world` fixture has 民政處 (head diana, bob, alice) and 人事處 (carol, personnel).
Clock: 2026-03-09 (民國115年3月9日).
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
from django.contrib.auth import authenticate, get_user_model

from chaiqin.org import imports, initial_password
from chaiqin.org.models import PeopleImport, Person
from chaiqin.org.services import people_import

pytestmark = pytest.mark.django_db

HEADER = ["員工編號", "姓名", "性別", "職務類型", "職稱", "單位", "到職日期", "直屬主管", "電子郵件", "帳號"]
GOOD = [
    ["N001", "周子翔", "男", "行政人員", "科員", "民政處", "115-02-02", "BOB", "n001@example.gov.tw", "zhou"],
    ["N002", "許惠雯", "女", "約聘僱人員", "約聘研究員", "民政處", "2025/10/1", "N001", "", "hsu"],
    ["N003", "葉正雄", "男", "技工", "技工", "人事處", "民國99年3月9日", "", "", ""],
]


@pytest.fixture(autouse=True)
def _frozen(settings):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"


def as_csv(rows, header=HEADER, encoding="utf-8") -> bytes:
    text = io.StringIO()
    csv.writer(text).writerows([header, *rows])
    return text.getvalue().encode(encoding)


def as_xlsx(rows, header=HEADER, formula_at=None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    if formula_at:
        sheet[formula_at] = '=HYPERLINK("http://evil.example/","點我")'
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run(world, data, *, dry_run=False, filename="staff.csv", agency=None):
    return people_import(agency=agency or world.county, data=data, filename=filename, actor=world.carol, dry_run=dry_run)


def messages(result) -> str:
    return "\n".join(e.message for e in result.errors)


def test_it_creates_the_people_with_their_units_supervisors_and_log_ins(world):
    result = run(world, as_csv(GOOD))
    assert (result.rows, result.created, result.updated, result.errors) == (3, 3, 0, [])
    zhou = Person.objects.get(agency=world.county, employee_no="N001")
    hsu = Person.objects.get(agency=world.county, employee_no="N002")
    ye = Person.objects.get(agency=world.county, employee_no="N003")
    assert (zhou.unit, zhou.supervisor, zhou.hire_date, zhou.regime) == (world.civil_affairs, world.bob, date(2026, 2, 2), "civil")
    assert (hsu.supervisor, hsu.hire_date, hsu.post) == (zhou, date(2025, 10, 1), "contract")
    assert (ye.unit, ye.regime, ye.hire_date, ye.user) == (world.personnel_office, "labor", date(2010, 3, 9), None)
    # Each new log-in has its one-time password, shown once, that logs the person in.
    shown = {username: password for _no, _name, username, password in result.passwords}
    assert set(shown) == {"zhou", "hsu"}
    assert authenticate(username="zhou", password=shown["zhou"]).person == zhou
    assert initial_password.on_initial_password(zhou.user)
    assert PeopleImport.objects.get().created == 3


def test_a_reimport_of_the_same_file_changes_nothing_and_duplicates_no_one(world):
    run(world, as_csv(GOOD))
    users = get_user_model().objects.count()
    again = run(world, as_csv(GOOD))
    assert (again.created, again.updated, again.errors, again.passwords) == (0, 0, [], [])
    assert Person.objects.filter(agency=world.county, employee_no__startswith="N").count() == 3
    assert get_user_model().objects.count() == users


def test_a_reimport_updates_people_by_employee_number(world):
    run(world, as_csv(GOOD))
    changed = [row[:] for row in GOOD]
    changed[0][4] = "專員"
    changed[2][5] = "民政處"
    result = run(world, as_csv(changed))
    assert (result.created, result.updated) == (0, 2)
    assert Person.objects.get(employee_no="N001").title == "專員"
    assert Person.objects.get(employee_no="N003").unit == world.civil_affairs


def test_existing_people_of_the_agency_are_updated_in_place(world):
    row = ["ALICE", "陳雅婷", "女", "行政人員", "專員", "民政處", "108-07-01", "BOB", "alice@example.gov.tw", "alice"]
    result = run(world, as_csv([row]))
    assert (result.created, result.updated, result.errors) == (0, 1, [])
    world.alice.refresh_from_db()
    assert world.alice.title == "專員" and world.alice.user.username == "alice"


def test_big5_csv_as_excel_on_taiwanese_windows_saves_it(world):
    result = run(world, as_csv(GOOD, encoding="cp950"))
    assert result.errors == [] and result.created == 3
    assert Person.objects.get(employee_no="N002").name == "許惠雯"


def test_utf8_with_a_bom_and_columns_in_another_order_with_extra_ones(world):
    header = ["姓名", "員工編號", "備註", *HEADER[2:]]
    rows = [[r[1], r[0], "其他欄", *r[2:]] for r in GOOD]
    result = run(world, b"\xef\xbb\xbf" + as_csv(rows, header=header))
    assert result.errors == [] and result.created == 3
    assert result.ignored == ["備註"]


def test_xlsx_with_dates_and_numbers_as_excel_stores_them(world):
    rows = [[1001, "周子翔", "男", "行政人員", "科員", "民政處", datetime(2024, 8, 1), "BOB", "", "zhou"]]
    result = run(world, as_xlsx(rows), filename="staff.xlsx")
    assert result.errors == [] and result.created == 1
    person = Person.objects.get(employee_no="1001")
    assert person.hire_date == date(2024, 8, 1)


def test_a_dry_run_reports_what_would_happen_and_saves_nothing(world):
    before = Person.objects.count()
    result = run(world, as_csv(GOOD), dry_run=True)
    assert (result.created, result.updated, result.errors, result.passwords) == (3, 0, [], [])
    assert Person.objects.count() == before
    assert not get_user_model().objects.filter(username="zhou").exists()
    assert not PeopleImport.objects.exists()


def test_a_dry_run_lists_each_bad_rows_problem_in_chinese(world):
    rows = [GOOD[0], ["N002", "許惠雯", "女", "約聘僱人員", "", "秘書處", "115-02-02", "", "", ""],
            ["N003", "葉正雄", "X", "技工", "", "人事處", "115-02-02", "", "", ""]]
    result = run(world, as_csv(rows), dry_run=True)
    assert [e.row for e in result.errors] == [3, 4]
    assert "第3列單位「秘書處」不是本機關的單位" in messages(result)
    assert "第4列「性別」欄：「X」不是可用的值，請填：男、女" in messages(result)


@pytest.mark.parametrize("bad, expected", [
    (["N009", "王小明", "男", "行政人員", "", "民政處", "116-01-05", "", "", ""], "第5列到職日期 116-01-05 晚於今天（115-03-09）"),
    (["N009", "王小明", "男", "行政人員", "", "民政處", "1949-12-31", "", "", ""], "民國39年（西元1950年）"),
    (["N009", "王小明", "男", "行政人員", "", "民政處", "115-02-30", "", "", ""], "民國115年2月沒有30日"),
    (["N001", "王小明", "男", "行政人員", "", "民政處", "115-02-02", "", "", ""], "第5列員工編號「N001」與第2列重複"),
    (["N009", "王小明", "男", "行政人員", "", "會計室", "115-02-02", "", "", ""], "第5列單位「會計室」不是本機關的單位"),
    (["N009", "王小明", "男", "行政人員", "", "民政處", "115-02-02", "GINA", "", ""], "第5列直屬主管「GINA」在本機關查無此員工編號"),
    (["N009", "王小明", "男", "行政人員", "", "民政處", "115-02-02", "N009", "", ""], "第5列不可將自己設為直屬主管"),
    (["N009", "王小明", "男", "警察", "", "民政處", "115-02-02", "", "", ""], "第5列「職務類型」欄：「警察」不是可用的值"),
    (["N009", "", "男", "行政人員", "", "民政處", "115-02-02", "", "", ""], "第5列「姓名」欄不可空白"),
    (["N009", "王小明", "男", "行政人員", "", "民政處", "115-02-02", "", "not-mail", ""], "「not-mail」不是有效的電子郵件地址"),
    (["N009", "王小明", "男", "行政人員", "", "民政處", "115-02-02", "", "", "gina"], "第5列帳號「gina」已由其他人使用"),
    (["N009", "王小明", "男", "行政人員", "", "民政處", "115-02-02", "", "", "ZHOU"], "第5列帳號「ZHOU」與第2列重複"),
    (["N009", '=HYPERLINK("http://evil.example/","點我")', "男", "行政人員", "", "民政處", "115-02-02", "", "", ""],
     "第5列「姓名」欄"),
])
def test_one_bad_row_is_refused_by_row_and_rule_and_nothing_is_saved(world, bad, expected):
    before = (Person.objects.count(), get_user_model().objects.count())
    result = run(world, as_csv([*GOOD, bad]))
    assert expected in messages(result), messages(result)
    assert all(e.row == 5 for e in result.errors), messages(result)
    assert (result.created, result.updated, result.passwords) == (0, 0, [])
    assert (Person.objects.count(), get_user_model().objects.count()) == before
    assert not PeopleImport.objects.exists()


def test_a_formula_in_a_csv_cell_is_refused_as_formula_injection(world):
    rows = [GOOD[0], ["N002", "許惠雯", "女", "約聘僱人員", "", "民政處", "115-02-02", "", '=HYPERLINK("http://x/")', ""]]
    result = run(world, as_csv(rows))
    assert "第3列「電子郵件」欄「=HYPERLINK" in messages(result)
    assert "為防公式注入不予匯入" in messages(result)
    assert not Person.objects.filter(employee_no="N001").exists()


def test_a_formula_cell_in_xlsx_is_refused(world):
    result = run(world, as_xlsx(GOOD, formula_at="E3"), filename="staff.xlsx")
    assert "第3列「職稱」欄" in messages(result) and "試算表公式" in messages(result)
    assert result.created == 0 and not Person.objects.filter(employee_no="N001").exists()


def test_more_rows_than_the_limit_are_refused_before_anything_is_checked(world):
    row = ["N{}", "王小明", "男", "行政人員", "", "民政處", "115-02-02", "", "", ""]
    data = as_csv([[row[0].format(n), *row[1:]] for n in range(100_000)])
    assert len(data) < imports.MAX_BYTES
    result = run(world, data)
    assert [e.row for e in result.errors] == [0]
    assert f"超過每次匯入 {imports.MAX_ROWS:,} 列的上限" in messages(result) and "分批匯入" in messages(result)
    assert Person.objects.filter(employee_no__startswith="N").count() == 0


def test_a_file_over_the_size_limit_is_refused(world, monkeypatch):
    monkeypatch.setattr(imports, "MAX_BYTES", 1000)
    result = run(world, as_csv(GOOD * 20))
    assert "MB 上限" in messages(result)


@pytest.mark.parametrize("data, expected", [
    ("\n".join([",".join(HEADER), *[",".join(r) for r in GOOD]]).encode("utf-16"), "UTF-16 等其他編碼"),
    (as_csv(GOOD)[:60] + b"\x80\xff\x80\xff" + as_csv(GOOD)[60:], "檔案編碼無法辨識"),
    ("員工番号,氏名\n1,山田".encode("shift_jis"), "檔案編碼無法辨識"),
    (as_csv(GOOD, encoding="utf-8").decode().replace("員工編號", "EmpNo").encode(), "第1列缺少必要欄位：員工編號"),
    (b"", "檔案是空的"),
    (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "舊版 .xls 無法讀取"),
    (b"PK\x03\x04broken", "XLSX 檔案損壞"),
])
def test_a_file_in_a_wrong_encoding_or_format_is_refused_as_a_whole(world, data, expected):
    result = run(world, data)
    assert expected in messages(result), messages(result)
    assert [e.row for e in result.errors] == [0]


def test_a_missing_required_header_is_refused_naming_it(world):
    result = run(world, as_csv([r[:6] + r[7:] for r in GOOD], header=HEADER[:6] + HEADER[7:]))
    assert "第1列缺少必要欄位：到職日期" in messages(result)


def test_a_supervisor_chain_that_loops_is_refused(world):
    rows = [["N001", "周子翔", "男", "行政人員", "", "民政處", "115-02-02", "N002", "", ""],
            ["N002", "許惠雯", "女", "行政人員", "", "民政處", "115-02-02", "N001", "", ""]]
    result = run(world, as_csv(rows))
    assert "直屬主管關係形成循環" in messages(result)


def test_a_unit_head_cannot_be_moved_out_of_the_unit_they_head(world):
    row = ["DIANA", "王黛安", "女", "行政人員", "處長", "人事處", "104-03-01", "", "", "diana"]
    result = run(world, as_csv([row]))
    assert "「王黛安」是「民政處」的單位主管，不能移到「人事處」" in messages(result)
    world.diana.refresh_from_db()
    assert world.diana.unit == world.civil_affairs


def test_an_existing_log_in_is_not_renamed_by_an_import(world):
    row = ["ALICE", "陳雅婷", "女", "行政人員", "", "民政處", "108-07-01", "BOB", "", "alice2"]
    result = run(world, as_csv([row]))
    assert "已有登入帳號「alice」，匯入不變更帳號" in messages(result)


def test_people_of_another_agency_with_the_same_number_are_not_touched(world):
    # GINA exists in the school: the county's GINA is a new person, the school's stays as she was.
    row = ["GINA", "另一人", "女", "行政人員", "", "民政處", "115-01-05", "", "", ""]
    result = run(world, as_csv([row]))
    assert result.created == 1
    world.gina.refresh_from_db()
    assert world.gina.name == "李思妤" and world.gina.agency == world.school


def test_queries_do_not_grow_with_the_rows(world, django_assert_max_num_queries):
    rows = [[f"M{n:04d}", "王小明", "男", "行政人員", "", "民政處", "115-02-02", "BOB" if n % 2 else "", "", f"m{n}"]
            for n in range(1200)]
    with django_assert_max_num_queries(60):
        result = run(world, as_csv(rows))
    assert result.created == 1200 and len(result.passwords) == 1200


def _grants(person) -> set[tuple]:
    from chaiqin.leave.models import BalanceEntry

    return set(BalanceEntry.objects.filter(person=person, kind="grant")
               .values_list("account", "minutes", "period_start", "period_end", "note"))


def test_people_imported_today_have_the_years_grants_without_any_page_opened(world):
    # 公務人員請假規則第3條第2項, its own example: hired 2026-03-02, 10 months of service this year:
    # 事假 7 × 10/12 = 5.83 → 6 days, 病假 28 × 10/12 = 23.33 → 23.5 days (8 h a day).
    from chaiqin.org.services import person_create

    result = run(world, as_csv([["N010", "鍾文傑", "男", "行政人員", "科員", "民政處", "115-03-02", "", "", ""],
                                GOOD[2]]))
    assert result.saved and result.created == 2
    imported = Person.objects.get(agency=world.county, employee_no="N010")
    grants = {account: minutes for account, minutes, *_ in _grants(imported)}
    assert grants["personal"] == 6 * 480 and grants["sick"] == int(23.5 * 480)
    # Every grant the console's person_create posts for the same person, with the same period and note.
    twin = person_create(agency=world.county, unit=world.civil_affairs, employee_no="N011", name="鍾文傑",
                         gender="M", post="admin", title="科員", hire_date=date(2026, 3, 2))
    assert _grants(imported) == _grants(twin)
    worker = Person.objects.get(agency=world.county, employee_no="N003")  # 勞基法, hired 99-03-09
    assert "annual" in {account for account, *_ in _grants(worker)}


def test_a_dry_run_posts_no_grants_and_a_reimport_posts_none_twice(world):
    from chaiqin.leave.models import BalanceEntry

    before = BalanceEntry.objects.count()
    assert run(world, as_csv(GOOD), dry_run=True).created == 3
    assert BalanceEntry.objects.count() == before
    run(world, as_csv(GOOD))
    posted = BalanceEntry.objects.count()
    assert posted > before
    assert run(world, as_csv(GOOD)).created == 0
    assert BalanceEntry.objects.count() == posted


CARD_HEADER = [*HEADER, "卡號"]


def test_card_numbers_are_imported_with_their_leading_zeros(world):
    rows = [[*GOOD[0], "0000012345"], [*GOOD[1], ""], [*GOOD[2], "A-77"]]
    assert run(world, as_csv(rows, header=CARD_HEADER)).saved
    cards = dict(Person.objects.filter(agency=world.county, employee_no__startswith="N")
                 .values_list("employee_no", "card_no"))
    assert cards == {"N001": "0000012345", "N002": "", "N003": "A-77"}
    # A file without the column leaves the cards as they are.
    assert run(world, as_csv([GOOD[0]])).saved
    assert Person.objects.get(agency=world.county, employee_no="N001").card_no == "0000012345"


def test_the_same_card_twice_in_the_file_is_refused_naming_both_rows_and_the_other_person(world):
    rows = [[*GOOD[0], "0000012345"], [*GOOD[1], "0000012345"]]
    result = run(world, as_csv(rows, header=CARD_HEADER))
    assert messages(result) == "第3列卡號「0000012345」與第2列（周子翔，員工編號 N001）重複：同一張卡不可對應兩人。"
    assert not Person.objects.filter(employee_no__startswith="N").exists()


def test_a_card_of_another_person_of_the_agency_is_refused_naming_that_person(world):
    from chaiqin.org.services import person_set_card_no

    person_set_card_no(actor=world.carol, person=world.alice, card_no="0000012345")
    result = run(world, as_csv([[*GOOD[0], "0000012345"]], header=CARD_HEADER), dry_run=True)
    assert messages(result) == ("第2列卡號「0000012345」已登錄給本機關的陳雅婷（員工編號 ALICE），同一張卡不可對應兩人："
                                "請更正，或在同一檔案中一併更正該人員的卡號。")
    # Another agency's card of the same number is no concern of the county.
    person_set_card_no(actor=world.hank, person=world.gina, card_no="0000099999")
    assert run(world, as_csv([[*GOOD[0], "0000099999"]], header=CARD_HEADER)).saved


def test_two_people_swap_cards_and_a_card_moves_to_a_new_colleague_in_one_file(world):
    from chaiqin.org.services import person_set_card_no

    person_set_card_no(actor=world.carol, person=world.alice, card_no="0000000001")
    person_set_card_no(actor=world.carol, person=world.bob, card_no="0000000002")
    people = [["ALICE", "陳雅婷", "女", "行政人員", "科員", "民政處", "108-07-01", "BOB", "", "", "0000000002"],
              ["BOB", "林柏宇", "男", "行政人員", "科長", "民政處", "108-07-01", "DIANA", "", "", ""],
              [*GOOD[2], "0000000001"]]
    result = run(world, as_csv(people, header=CARD_HEADER))
    assert result.saved, messages(result)
    cards = dict(Person.objects.filter(agency=world.county, employee_no__in=["ALICE", "BOB", "N003"])
                 .values_list("employee_no", "card_no"))
    assert cards == {"ALICE": "0000000002", "BOB": "", "N003": "0000000001"}


def test_a_card_number_too_long_or_with_a_control_character_is_refused(world):
    rows = [[*GOOD[0], "1" * 33], [*GOOD[1], "12\x0734"]]
    result = run(world, as_csv(rows, header=CARD_HEADER))
    assert [e.row for e in result.errors] == [2, 3]
    assert all("卡號最多 32 個字元，且不可含控制字元" in e.message for e in result.errors)
