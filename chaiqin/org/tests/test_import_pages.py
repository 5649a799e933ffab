"""The import pages (/console/import/), the templates to download, and a new person's first log-in."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from chaiqin.org.models import Person

pytestmark = pytest.mark.django_db

HEADER = ["員工編號", "姓名", "性別", "職務類型", "職稱", "單位", "到職日期", "直屬主管", "電子郵件", "帳號"]
TEMPLATE_HEADER = [*HEADER, "卡號"]
ROW = ["N001", "周子翔", "男", "行政人員", "科員", "民政處", "115-02-02", "BOB", "", "zhou"]


@pytest.fixture(autouse=True)
def _frozen(settings):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"


def staff_file(*rows) -> SimpleUploadedFile:
    text = io.StringIO()
    csv.writer(text).writerows([HEADER, *rows])
    return SimpleUploadedFile("名冊.csv", text.getvalue().encode())


def carol(world) -> Client:
    client = Client()
    client.force_login(world.carol.user)
    return client


def test_the_page_states_the_columns_the_limits_and_the_initial_password_policy(world):
    page = carol(world).get("/console/import/").content.decode()
    for header in HEADER:
        assert header in page
    assert "每次至多 10000 列" in page
    assert "一次性初始密碼" in page and "須先變更密碼" in page


def test_a_dry_run_saves_nothing_and_says_what_would_happen(world):
    page = carol(world).post("/console/import/", {"file": staff_file(ROW), "dry_run": "1"}).content.decode()
    assert "檢查通過（尚未儲存）" in page and "將新增 1 人" in page
    assert not Person.objects.filter(employee_no="N001").exists()


def test_a_bad_row_is_shown_and_nothing_saved(world):
    bad = [*ROW[:5], "秘書處", *ROW[6:]]
    page = carol(world).post("/console/import/", {"file": staff_file(bad)}).content.decode()
    assert "沒有任何資料被儲存" in page
    assert "第2列單位「秘書處」不是本機關的單位" in page
    assert not Person.objects.filter(employee_no="N001").exists()


def test_the_new_person_logs_in_with_the_one_time_password_and_must_change_it_first(world):
    page = carol(world).post("/console/import/", {"file": staff_file(ROW)}, follow=True).content.decode()
    assert "匯入完成" in page and "新增 1 人" in page
    password = re.search(r"<td>zhou</td><td><code>([a-z0-9-]+)</code>", page).group(1)

    person = Client()
    response = person.post("/login/", {"username": "zhou", "password": password})
    assert response.status_code == 302
    response = person.get("/")
    assert (response.status_code, response["Location"]) == (302, "/password/")
    assert person.get("/api/me").status_code == 403
    assert "初始密碼" in person.get("/password/").content.decode()
    response = person.post("/password/", {"old_password": password, "new_password1": "a-new-secret-2026",
                                          "new_password2": "a-new-secret-2026"})
    assert response.status_code == 302
    assert person.get("/").status_code == 200
    assert not Person.objects.get(employee_no="N001").must_change_password


def test_the_templates_have_the_header_row(world):
    from openpyxl import load_workbook

    client = carol(world)
    response = client.get("/console/import/template.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == TEMPLATE_HEADER
    # 員工編號 and 卡號 are text cells: typed 0000012345 stays 0000012345, leading zeros and all.
    formats = {sheet.cell(row=1, column=i).value: sheet.column_dimensions[sheet.cell(row=1, column=i).column_letter]
               .number_format for i in range(1, len(TEMPLATE_HEADER) + 1)}
    assert formats["卡號"] == formats["員工編號"] == "@" and formats["姓名"] == "General"
    notes = book.worksheets[1]
    assert notes.title == "填寫說明"
    assert any(row[0] == "卡號" and "一卡一人" in row[3] for row in notes.iter_rows(values_only=True))
    text = client.get("/console/import/template.csv").content.decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(text))) == TEMPLATE_HEADER



def test_an_import_redirects_and_shows_its_passwords_once(world):
    # post/redirect/get: a reload of the result asks for no second import and shows no password
    client = carol(world)
    response = client.post("/console/import/", {"file": staff_file(ROW)})
    assert (response.status_code, response["Location"]) == (302, "/console/import/")
    shown = client.get("/console/import/").content.decode()
    assert "匯入完成" in shown and 'data-testid="initial-passwords"' in shown and "<td>zhou</td>" in shown
    again = client.get("/console/import/").content.decode()
    assert "匯入完成" not in again and 'data-testid="initial-passwords"' not in again
    assert Person.objects.filter(employee_no="N001").count() == 1
