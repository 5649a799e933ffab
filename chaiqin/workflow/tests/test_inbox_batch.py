"""The inbox decides several cases at once, each checked and audited one by one (issue 16)."""

import pytest

from chaiqin.workflow import services
from chaiqin.workflow.models import AuditEvent, Case
from chaiqin.workflow.routing import plan_route

pytestmark = pytest.mark.django_db


def open_case(world, applicant, title, form=None):
    # one case per form: a second case stands on another unit row
    return services.case_open(form=form or world.civil_affairs, kind="test_form", applicant=applicant, title=title,
                              steps=plan_route(kind="leave", applicant=applicant))


def test_two_cases_approved_at_once_each_with_its_own_audit_event(client, world, calls):
    first, second = open_case(world, world.alice, "事假 115-03-10"), open_case(world, world.alice, "病假 115-03-11",
                                                                            form=world.personnel_office)
    client.force_login(world.bob.user)
    page = client.post("/workflow/inbox/decide/", {"case": [first.pk, second.pk], "decision": "approve",
                                                   "comment": "同意"}, follow=True).content.decode()
    assert "已完成簽核 2 件" in page
    for case in (first, second):
        assert case.steps.get(order=1).status == "approved"
        assert AuditEvent.objects.filter(case=case, action="approve", actor=world.bob, note="同意").count() == 1


def test_one_refusal_leaves_the_others_decided_and_is_named(client, world, calls):
    mine = open_case(world, world.alice, "事假 115-03-10")
    not_mine = open_case(world, world.bob, "休假 115-03-12", form=world.personnel_office)  # bob's own: its first step is diana's
    client.force_login(world.bob.user)
    page = client.post("/workflow/inbox/decide/", {"case": [mine.pk, not_mine.pk], "decision": "approve"},
                       follow=True).content.decode()
    assert "已完成簽核 1 件" in page and "「休假 115-03-12」未簽核" in page
    assert mine.steps.get(order=1).status == "approved"
    assert not_mine.steps.get(order=1).status == "current"


def test_reject_without_a_reason_is_refused_case_by_case(client, world, calls):
    case = open_case(world, world.alice, "事假 115-03-10")
    client.force_login(world.bob.user)
    page = client.post("/workflow/inbox/decide/", {"case": [case.pk], "decision": "reject"}, follow=True)
    assert "請填寫理由" in page.content.decode()
    case.refresh_from_db()
    assert case.status == Case.Status.PENDING


def test_a_case_of_another_agency_is_not_decided(client, world, calls):
    case = open_case(world, world.alice, "事假 115-03-10")
    client.force_login(world.gina.user)
    page = client.post("/workflow/inbox/decide/", {"case": [case.pk], "decision": "approve"}, follow=True)
    assert "1 件查無此案件" in page.content.decode()
    assert case.steps.get(order=1).status == "current"
