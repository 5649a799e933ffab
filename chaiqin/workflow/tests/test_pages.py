"""The inbox and the case page through the test client."""

import pytest

from chaiqin.workflow import services
from chaiqin.workflow.models import Case
from chaiqin.workflow.routing import plan_route

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world, calls):
    steps = plan_route(kind="leave", applicant=world.alice)
    return services.case_open(form=world.civil_affairs, kind="test_form", applicant=world.alice,
                              title="事假 115-03-09 至 115-03-10", steps=steps)


def test_the_supervisor_sees_the_case_in_his_inbox_and_approves_it(client, world, case):
    client.force_login(world.bob.user)
    html = client.get("/workflow/inbox/").content.decode()
    assert "事假 115-03-09 至 115-03-10" in html and world.alice.name in html
    response = client.post(f"/workflow/cases/{case.pk}/decide/", {"decision": "approve", "comment": ""})
    assert response.status_code == 302
    assert case.steps.get(order=1).status == "approved"


def test_a_refused_decision_is_explained_on_the_page(client, world, case):
    client.force_login(world.bob.user)
    response = client.post(f"/workflow/cases/{case.pk}/decide/", {"decision": "reject", "comment": ""}, follow=True)
    assert "請填寫理由" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Case.Status.PENDING


def test_a_person_of_another_agency_cannot_open_the_case(client, world, case):
    client.force_login(world.gina.user)
    assert client.get(f"/workflow/cases/{case.pk}/").status_code == 404
    assert client.post(f"/workflow/cases/{case.pk}/decide/", {"decision": "approve"}).status_code == 404


def test_the_applicant_withdraws_from_the_case_page(client, world, case):
    client.force_login(world.alice.user)
    assert "撤回申請" in client.get(f"/workflow/cases/{case.pk}/").content.decode()
    client.post(f"/workflow/cases/{case.pk}/withdraw/")
    case.refresh_from_db()
    assert case.status == Case.Status.WITHDRAWN


def test_the_api_inbox_and_decision(client, world, case):
    client.force_login(world.bob.user)
    items = client.get("/api/workflow/inbox").json()
    assert [i["case_id"] for i in items] == [case.pk]
    response = client.post(f"/api/workflow/cases/{case.pk}/decide", {"decision": "approve"},
                           content_type="application/json")
    assert response.status_code == 200, response.content
