"""代填: the county's personnel officer (carol) files leave, a missed punch and overtime for alice
(back-entering paper forms): the form is alice's, the audit trail records carol filing on alice's
behalf, alice is notified, and only the personnel office of alice's own agency may do it."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.test import Client

from chaiqin.dates import TAIPEI
from chaiqin.errors import ChaiqinError
from chaiqin.workflow.models import AuditEvent, Case, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen(settings):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TAIPEI)


def _filed(case: Case, world) -> AuditEvent:
    event = case.events.get(action=AuditEvent.Action.SUBMIT)
    assert (event.actor, event.on_behalf_of, case.applicant) == (world.carol, world.alice, world.alice)
    note = Notification.objects.get(person=world.alice, case=case)
    assert note.message.startswith("人事人員張佳穎已代您填寫")
    return event


def test_leave_filed_for_a_person_is_theirs_with_the_officer_in_the_trail(world):
    from chaiqin.leave import services

    req = services.leave_request_submit(person=world.alice, leave_code="personal", start=at("2026-03-04T08:00"),
                                        end=at("2026-03-04T17:00"), agent=world.bob, reason="紙本假單補登",
                                        filed_by=world.carol)
    assert req.person == world.alice and req.minutes == 8 * 60
    _filed(req.case, world)
    # the chain is alice's own: her agent decides first
    assert req.case.steps.get(order=1).decider == world.bob


def test_a_missed_punch_filed_for_a_person(world):
    from chaiqin.attendance import services

    form = services.missed_punch_submit(person=world.alice, at=at("2026-03-06T08:02"), direction="in",
                                        reason="紙本補登單", filed_by=world.carol)
    assert form.person == world.alice
    _filed(form.case, world)


def test_overtime_filed_for_a_person(world):
    from chaiqin.overtime import services

    slots = services.slots_for_range(world.alice, date(2026, 3, 10), date(2026, 3, 10), time(18), time(20))
    made = services.overtime_request_submit(applicant=world.alice, reason="紙本加班單補登", work_items="年度預算編列",
                                            slots=slots, filed_by=world.carol)
    assert made.applicant == world.alice
    _filed(made.case, world)


@pytest.mark.parametrize("who", ["bob", "diana", "erin", "frank", "hank"])
def test_only_the_personnel_office_of_the_persons_agency_may_file_for_them(world, who):
    from chaiqin.attendance import services
    from chaiqin.attendance.models import MissedPunch

    with pytest.raises(ChaiqinError) as refused:
        services.missed_punch_submit(person=world.alice, at=at("2026-03-06T08:02"), direction="in",
                                     reason="紙本補登單", filed_by=getattr(world, who))
    assert "所屬機關的人事人員可以代為填寫" in refused.value.message
    assert not MissedPunch.objects.exists() and not Case.objects.exists()


def test_filing_for_oneself_is_an_ordinary_submission(world):
    from chaiqin.attendance import services

    form = services.missed_punch_submit(person=world.alice, at=at("2026-03-06T08:02"), direction="in",
                                        reason="忘記刷卡", filed_by=world.alice)
    event = form.case.events.get()
    assert (event.actor, event.on_behalf_of) == (world.alice, None)
    assert not Notification.objects.filter(person=world.alice).exists()


def test_the_officer_files_on_the_page_and_the_case_shows_who_filed_for_whom(world):
    client = Client()
    client.force_login(world.carol.user)
    page = client.get("/console/on-behalf/?q=陳雅").content.decode()
    assert world.alice.name in page and f"/console/on-behalf/{world.alice.pk}/missed-punch/" in page
    response = client.post(f"/console/on-behalf/{world.alice.pk}/missed-punch/",
                           {"at": "115-03-06 08:02", "direction": "in", "reason": "紙本補登單"})
    assert response.status_code == 302
    case = Case.objects.get(applicant=world.alice)
    page = client.get(f"/workflow/cases/{case.pk}/").content.decode()
    assert "張佳穎（代陳雅婷填寫） 送出申請" in page


def test_a_refusal_of_the_form_is_shown_on_the_page(world):
    client = Client()
    client.force_login(world.carol.user)
    response = client.post(f"/console/on-behalf/{world.alice.pk}/leave/",
                           {"leave_code": "personal", "start_date": "115-03-04", "start_time": "08:00",
                            "end_date": "115-03-04", "end_time": "17:00", "reason": "紙本"})
    assert response.status_code == 200
    assert "請指定職務代理人" in response.content.decode()
    assert not Case.objects.exists()
