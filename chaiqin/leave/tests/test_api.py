"""The REST API: preview, submit, list, cancel, balances; refusals are 400 with the rule."""

import base64

import pytest

from .conftest import approve_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, world):
    assert client.login(username="alice", password="correct-horse-battery")
    return client


def test_preview_submit_cancel_and_balances_through_the_api(api, world, ivy):
    body = {"leave_code": "personal", "start": "115-03-10 08:00", "end": "115-03-11 17:00", "agent_id": ivy.pk,
            "reason": "家中有事"}
    preview = api.post("/api/leave/preview", body, content_type="application/json").json()
    assert preview["duration"] == "2日" and preview["remaining"][0]["after_minutes"] == 5 * 480
    created = api.post("/api/leave/requests", body, content_type="application/json")
    assert created.status_code == 200
    from chaiqin.leave.models import LeaveRequest

    approve_all(LeaveRequest.objects.get(pk=created.json()["id"]))
    out = api.post(f"/api/leave/requests/{created.json()['id']}/cancel",
                   {"start": "2026-03-11T08:00", "end": "2026-03-11T17:00"}, content_type="application/json").json()
    assert out["cancelled_minutes"] == 0  # a 銷假單 was filed: nothing is given back before its approval
    req = LeaveRequest.objects.get(pk=created.json()["id"])
    approve_all(req.cancel_requests.get())
    assert api.get(f"/api/leave/requests/{req.pk}").json()["cancelled_minutes"] == 480
    balances = {b["account"]: b for b in api.get("/api/leave/balances").json()}
    assert balances["personal"]["available"] == "6日"
    assert [r["id"] for r in api.get("/api/leave/requests").json()] == [created.json()["id"]]


def test_a_refusal_is_a_400_naming_the_rule(api, world, ivy):
    # 家庭照顧假每年以7日為限 (公務人員請假規則第3條第1項第1款): 9 days are refused
    body = {"leave_code": "family_care", "start": "115-03-10 08:00", "end": "115-03-20 17:00", "agent_id": ivy.pk}
    response = api.post("/api/leave/requests", body, content_type="application/json")
    assert response.status_code == 400
    assert "額度不足" in response.json()["detail"] and "公務人員請假規則" in response.json()["citation"]


def test_an_attachment_that_is_not_a_document_is_refused(api, world, ivy):
    body = {"leave_code": "sick", "start": "115-03-10 08:00", "end": "115-03-10 17:00", "agent_id": ivy.pk,
            "attachments": [{"name": "x.pdf", "content_base64": base64.b64encode(b"<html>").decode()}]}
    response = api.post("/api/leave/requests", body, content_type="application/json")
    assert response.status_code == 400 and "不是 PDF" in response.json()["detail"]
