"""The 銷假單 and the leave form's live duration, attacked: people who may not see alice (another
agency, a peer, the head of another unit) get 404 for her 銷假單's case and her leave, cannot file a
銷假單 for her, and the live duration answers only the viewer's own arithmetic (no record is read
by id; anonymous callers are sent to log in)."""

from __future__ import annotations

import pytest

from chaiqin.leave import services as leave
from chaiqin.workflow import services as workflow
from chaiqin.workflow.models import Step

from .conftest import client_for, snapshot

pytestmark = pytest.mark.django_db

ATTACKERS = ("gina", "hank", "ivy", "leo")
EVERY_ROLE = ("alice", "bob", "diana", "carol", "erin", "frank", "gina", "hank", "ivy", "leo", "ken")


@pytest.fixture
def cancel_form(records, world):
    """alice's leave of 2026-03-16 approved, and a 銷假單 for it waiting for bob (her supervisor)."""
    req = records.leave
    while req.case.status == "pending":
        step = req.case.steps.get(status=Step.Status.CURRENT)
        workflow.case_decide(case=req.case, actor=step.decider, decision="approve")
        req.case.refresh_from_db()
    return leave.leave_request_cancel(request=req, actor=world.alice, whole=True, reason="提前返回")


@pytest.mark.parametrize("username", ATTACKERS)
def test_outsiders_get_404_for_the_cancel_case_and_cannot_file_one(cancel_form, username):
    client = client_for(username)
    before = snapshot()
    assert client.get(f"/workflow/cases/{cancel_form.case_id}/").status_code == 404
    assert client.get(f"/leave/requests/{cancel_form.request_id}/").status_code == 404
    posted = client.post(f"/leave/requests/{cancel_form.request_id}/cancel/", {"whole": "on", "confirm": "1"})
    assert posted.status_code == 404
    assert client.post(f"/workflow/cases/{cancel_form.case_id}/decide/",
                       {"decision": "approve", "comment": ""}).status_code == 404
    assert snapshot() == before


def test_the_decider_of_a_cancel_form_sees_the_leave_it_gives_back(cancel_form, world):
    client = client_for("bob")
    assert client.get(f"/workflow/cases/{cancel_form.case_id}/").status_code == 200
    assert client.get(f"/leave/requests/{cancel_form.request_id}/").status_code == 200


@pytest.mark.parametrize("username", EVERY_ROLE)
def test_every_role_gets_only_arithmetic_from_the_live_duration(records, username):
    query = {"leave_code": "personal", "start_date": "115-03-10", "start_time": "08:00", "end_date": "115-03-11",
             "end_time": "17:00"}
    response = client_for(username).get("/leave/duration/", query)
    assert response.status_code == 200
    assert "共計 <strong>2日</strong>" in response.content.decode()
    bad = client_for(username).get("/leave/duration/", {**query, "start_date": "2100-99-99"})
    assert bad.status_code == 200 and "請填寫起迄日期與時間" in bad.content.decode()


def test_anonymous_callers_are_sent_to_log_in(records, client):
    response = client.get("/leave/duration/", {"start_date": "115-03-10"})
    assert response.status_code == 302 and "/login" in response["Location"]


@pytest.mark.parametrize("username", ATTACKERS + ("alice", "diana", "carol", "erin", "frank"))
def test_the_inbox_batch_decides_nothing_that_is_not_the_callers_step(records, username):
    # alice's leave waits for bob (her agent in these records): nobody else can decide it in a batch
    client = client_for(username)
    before = snapshot()
    response = client.post("/workflow/inbox/decide/", {"case": [records.case.pk], "decision": "approve"})
    assert response.status_code == 302
    assert snapshot() == before
