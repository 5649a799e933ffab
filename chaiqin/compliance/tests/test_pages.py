"""Pages and API: the personnel office's dashboard and survey; others see their own things."""

from datetime import date, timedelta

import pytest
from django.test import Client

from chaiqin import clock
from chaiqin.compliance import services
from chaiqin.conftest import PASSWORD
from chaiqin.workflow.models import Case


def _client(username):
    c = Client()
    assert c.login(username=username, password=PASSWORD)
    return c


def test_the_dashboard_lists_requests_waiting_longer_than_n_days(world):
    form = services.childcare_request_submit(person=world.alice, child_birth_date=date(2025, 5, 1), mode="reduce",
                                             start=date(2026, 10, 5), end=date(2027, 4, 30))
    Case.objects.filter(pk=form.case_id).update(created_at=clock.now() - timedelta(days=5))
    page = _client("carol").get("/compliance/?days=3").content.decode()
    assert "人事室儀表板" in page and "育兒減少或調整工作時間" in page and "5 日" in page
    assert "逾 3 日未結案" in page


def test_an_employee_sees_her_own_travel_card_not_the_dashboard(world):
    page = _client("alice").get("/compliance/").content.decode()
    assert "人事室儀表板" not in page and "16000" in page


def test_the_survey_page_is_for_the_personnel_office_only(world):
    assert _client("alice").get("/compliance/survey/").status_code == 403
    page = _client("carol").get("/compliance/survey/115/").content.decode()
    assert "是否依法訂定申訴管道" in page and "受僱總人數" in page


def test_the_personnel_office_answers_through_the_page(world):
    c = _client("carol")
    c.post("/compliance/survey/115/", {"confirm": "1"})
    c.post("/compliance/survey/115/", {"number": "10", "answer": "是", "evidence": "均依規定請領"})
    page = c.get("/compliance/survey/115/").content.decode()
    assert page.count("確認系統判斷") >= 10 and "人工填答" in page


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_exports_download(world, fmt):
    response = _client("carol").get(f"/compliance/rollup/115/export.{fmt}")
    assert response.status_code == 200 and len(response.content) > 1000


def test_the_api_gives_the_survey_and_the_roll_up(world):
    c = _client("carol")
    survey = c.get("/api/compliance/survey/115").json()
    assert len(survey["items"]) == 19 and survey["headcount"] == 6
    r = c.put("/api/compliance/survey/115/11", data={"answer": "是"}, content_type="application/json")
    assert r.json()["source"] == "confirmed"
    rollup = c.get("/api/compliance/rollup/115").json()
    assert rollup["total"] == 1 and rollup["rate"] == "0.00"
    bad = c.put("/api/compliance/survey/115/11", data={"answer": "也許"}, content_type="application/json")
    assert bad.status_code == 400


def test_the_api_refuses_a_rejection_free_request_beyond_age_three(world):
    c = _client("alice")
    r = c.post("/api/compliance/childcare", data={"child_birth_date": "2025-05-01", "mode": "reduce",
                                                  "start": "2026-10-05", "end": "2028-06-01"},
               content_type="application/json")
    assert r.status_code == 400 and "第19條" in r.json()["citation"]
    assert c.get("/api/compliance/travel-card/2026").json()["total"] == "16000"


def test_the_dashboard_shows_this_months_overtime_per_unit(world, settings):
    from datetime import datetime

    from chaiqin.dates import TAIPEI
    from chaiqin.overtime import services as overtime

    overtime.overtime_request_submit(
        applicant=world.alice, reason="預算書彙整", work_items="彙整各科預算",
        slots=[overtime.PlannedSlot(world.alice, datetime(2026, 10, 1, 17, 30, tzinfo=TAIPEI),
                                    datetime(2026, 10, 1, 20, 30, tzinfo=TAIPEI))])
    page = _client("carol").get("/compliance/").content.decode()
    assert 'data-testid="overtime-bars"' in page and "民政處" in page and "3 小時" in page
