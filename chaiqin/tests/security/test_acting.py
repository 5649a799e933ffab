"""People who may SEE alice's records (her supervisor, her unit head, personnel, ethics, the
system administrator, the agency head) still may not ACT as her: withdraw or cancel her
requests, edit them, sign in or claim her overtime, submit or attach to her overseas form, or
decide a step that is not theirs. Each attempt, on the page and through the API with a valid
body, is refused (4xx or the page's refusal message), never a server error, and nothing in the
database changes (公務員服務法第1條: act within one's own authority).
"""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from .conftest import PNG, client_for, snapshot
from .test_ids import api_request

pytestmark = pytest.mark.django_db

VIEWERS = ("bob", "diana", "carol", "erin", "frank", "mia")

# Actions only the applicant may take: (page url, POST data), as functions of the records.
OWNER_PAGES = [
    lambda r: (f"/workflow/cases/{r.case.pk}/withdraw/", {"reason": "代為撤回"}),
    lambda r: (f"/leave/requests/{r.leave.pk}/cancel/", {"reason": "代為銷假"}),
    lambda r: (f"/leave/requests/{r.leave.pk}/edit/", {"leave_code": "personal", "start_date": "115/03/17",
                                                       "start_time": "08:00", "end_date": "115/03/17",
                                                       "end_time": "17:00", "agent": r.extra["bob"], "reason": "改"}),
    lambda r: (f"/overtime/slots/{r.slot.pk}/sign/in/", {}),
    lambda r: (f"/overtime/slots/{r.slot.pk}/claim/", {"compensation": "comp_time"}),
    lambda r: (f"/trips/overseas/{r.overseas.pk}/submit/", {}),
    lambda r: (f"/trips/overseas/{r.overseas.pk}/attach/",
               {"purpose": "other", "attachment": SimpleUploadedFile("x.png", PNG, "image/png")}),
    lambda r: (f"/compliance/lactation/{r.lactation.pk}/resubmit/", {"start": "115/10/05", "end": "116/02/28"}),
]
OWNER_API = [
    ("POST", "/api/workflow/cases/{case_id}/withdraw"),
    ("POST", "/api/leave/requests/{request_id}/cancel"),
    ("POST", "/api/leave/requests/{request_id}/resubmit"),
    ("POST", "/api/overtime/slots/{slot_id}/sign/{direction}"),
    ("POST", "/api/overtime/slots/{slot_id}/claim"),
    ("PUT", "/api/trips/overseas/{overseas_id}"),
    ("PUT", "/api/trips/overseas/{overseas_id}/mainland"),
    ("POST", "/api/trips/overseas/{overseas_id}/attachments"),
    ("POST", "/api/trips/overseas/{overseas_id}/submit"),
]


@pytest.fixture
def mia(world):
    """The county's agency head (機關首長)."""
    from chaiqin.org.models import Person, RoleAssignment
    from chaiqin.org.services import person_create, role_grant

    head = person_create(agency=world.county, unit=world.personnel_office, employee_no="MIA", name="縣長",
                         gender="F", post=Person.Post.ADMIN, hire_date=world.alice.hire_date, username="mia",
                         password="correct-horse-battery", email="mia@example.gov.tw")
    role_grant(person=head, role=RoleAssignment.Role.AGENCY_HEAD)
    return head


def _refused(response) -> bool:
    if 400 <= response.status_code < 500:
        return True
    if response.status_code in (200, 302):  # the page's own refusal: a message, nothing saved (checked below)
        return True
    return False


def test_those_who_may_see_alice_may_not_act_for_her(records, mia, world):
    from chaiqin.org import access

    records.extra["bob"] = world.bob.pk
    for name in VIEWERS:
        viewer = world.__dict__.get(name) or mia
        assert access.can_see_person(viewer, records.person), name
    before = snapshot()
    wrong = []
    for name in VIEWERS:
        client = client_for(name)
        for make in OWNER_PAGES:
            url, data = make(records)
            response = client.post(url, data)
            if not _refused(response):
                wrong.append(f"{name} POST {url} → {response.status_code}")
        for method, path in OWNER_API:
            app = path.split("/")[2]
            url, body = api_request(method, path, app, records)
            if isinstance(body, dict):
                response = client.post(url, body)
            else:
                response = client.generic(method, url, body, content_type="application/json")
            if not 400 <= response.status_code < 500:
                wrong.append(f"{name} {method} {url} → {response.status_code}")
        assert snapshot() == before, f"{name} 變更了 alice 的紀錄"
    assert not wrong, "\n".join(wrong)


def test_only_the_current_steps_decider_decides(records, mia):
    """alice's leave waits for its agent (bob): nobody else — not even personnel or the agency
    head, nor alice on her own case — may approve it, on the page or through the API."""
    before = snapshot()
    for name in ("alice", "diana", "carol", "erin", "frank", "mia"):
        client = client_for(name)
        client.post(f"/workflow/cases/{records.case.pk}/decide/", {"decision": "approve", "comment": "越權"})
        response = client.post(f"/api/workflow/cases/{records.case.pk}/decide",
                               json.dumps({"decision": "approve", "comment": "越權"}), content_type="application/json")
        assert 400 <= response.status_code < 500, (name, response.status_code)
        assert "detail" in response.json()
    assert snapshot() == before
