"""The staff import as every role: only the personnel office of an agency may import, and only into it.

Pages under /console/import/ and `POST /api/org/people/import` answer 403 to every role without the
personnel role (employee, supervisor, unit head, ethics, system administrator, a teacher, the unit
head of another unit), and nothing changes. The school's personnel officer (hank) reaches only the
school: a file naming the county's people, units or supervisors neither finds nor changes them.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chaiqin.org.models import Person

from .conftest import client_for, snapshot

pytestmark = pytest.mark.django_db

HEADER = ["員工編號", "姓名", "性別", "職務類型", "職稱", "單位", "到職日期", "直屬主管", "電子郵件", "帳號"]
WITHOUT_THE_ROLE = ("alice", "bob", "diana", "erin", "frank", "gina", "ivy", "leo", "ken")
PAGES = ("/console/import/", "/console/import/template.csv", "/console/import/template.xlsx")


def staff_file(*rows) -> SimpleUploadedFile:
    text = io.StringIO()
    csv.writer(text).writerows([HEADER, *rows])
    return SimpleUploadedFile("staff.csv", text.getvalue().encode(), content_type="text/csv")


ROW = ["N001", "周子翔", "男", "行政人員", "科員", "民政處", "115-02-02", "", "", "zhou"]


@pytest.fixture(autouse=True)
def _frozen(settings):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"


@pytest.mark.parametrize("username", WITHOUT_THE_ROLE)
def test_every_role_without_personnel_gets_403_on_the_pages_and_the_api(world, people, username):
    client = client_for(username)
    before = snapshot()
    for path in PAGES:
        assert client.get(path).status_code == 403, path
    assert client.post("/console/import/", {"file": staff_file(ROW)}).status_code == 403
    response = client.post("/api/org/people/import", {"file": staff_file(ROW), "dry_run": "false"})
    assert response.status_code == 403
    assert "人事" in response.json()["detail"]
    assert snapshot() == before


def test_anonymous_is_sent_to_log_in_and_the_api_answers_401(world):
    from django.test import Client

    client = Client()
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert client.post("/api/org/people/import", {"file": staff_file(ROW)}).status_code == 401


def test_the_personnel_office_imports_through_the_api_into_its_own_agency(world):
    client = client_for("carol")
    response = client.post("/api/org/people/import", {"file": staff_file(ROW), "dry_run": "true"})
    assert response.status_code == 200
    assert response.json() == {"rows": 1, "created": 1, "updated": 0, "errors": [], "initial_passwords": []}
    assert not Person.objects.filter(employee_no="N001").exists()
    response = client.post("/api/org/people/import", {"file": staff_file(ROW), "dry_run": "false"})
    body = response.json()
    assert (response.status_code, body["created"], body["errors"]) == (200, 1, [])
    assert [p["username"] for p in body["initial_passwords"]] == ["zhou"]
    assert Person.objects.get(employee_no="N001").agency == world.county


def test_a_bad_row_through_the_api_is_400_with_each_rows_problem_and_nothing_saved(world):
    bad = ["N002", "許惠雯", "女", "約聘僱人員", "", "民政處", "116-01-01", "", "", ""]
    response = client_for("carol").post("/api/org/people/import", {"file": staff_file(ROW, bad), "dry_run": "false"})
    assert response.status_code == 400
    body = response.json()
    assert (body["rows"], body["created"], body["updated"]) == (2, 0, 0)
    assert body["errors"] == [{"row": 3, "message": "第3列到職日期 116-01-01 晚於今天（115-03-09）：尚未到職者請於到職後再匯入。"}]
    assert not Person.objects.filter(employee_no__in=["N001", "N002"]).exists()


def test_another_agencys_personnel_office_cannot_reach_the_countys_people_units_or_log_ins(world):
    client = client_for("hank")
    before = snapshot()
    rows = [["ALICE", "陳雅婷", "女", "行政人員", "", "民政處", "108-07-01", "BOB", "", "alice"]]
    response = client.post("/api/org/people/import", {"file": staff_file(*rows), "dry_run": "false"})
    assert response.status_code == 400
    text = "\n".join(e["message"] for e in response.json()["errors"])
    assert "單位「民政處」不是本機關的單位" in text
    assert "直屬主管「BOB」在本機關查無此員工編號" in text
    assert "帳號「alice」已由其他人使用" in text
    assert snapshot() == before
    # A school row with the county's employee number is a new school person; alice stays the county's.
    rows = [["ALICE", "另一位", "女", "專任教師", "教師", "機械科", "108-07-01", "", "", ""]]
    response = client.post("/api/org/people/import", {"file": staff_file(*rows), "dry_run": "false"})
    assert response.status_code == 200 and response.json()["created"] == 1
    world.alice.refresh_from_db()
    assert (world.alice.name, world.alice.agency) == ("陳雅婷", world.county)
    assert Person.objects.get(agency=world.school, employee_no="ALICE").name == "另一位"
