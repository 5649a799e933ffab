"""While a decider is on approved leave, the steps waiting for them go to the agent of that leave,
unless they named a delegate for the time; the inbox and the trail say on whose behalf.

bob (alice's supervisor) takes two days of personal leave with erin as his agent; alice's request
then waits for bob.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from chaiqin.dates import TAIPEI
from chaiqin.leave import services as leave
from chaiqin.workflow import selectors, services
from chaiqin.workflow.models import Case, Delegation

pytestmark = pytest.mark.django_db


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TAIPEI)


def _approve_all(case):
    while (case := Case.objects.get(pk=case.pk)).status == Case.Status.PENDING:
        services.case_decide(case=case, actor=case.current_step.decider, decision="approve")
    return case


@pytest.fixture
def bob_away(world, settings):
    settings.CHAIQIN_NOW = "2026-03-06T09:00"
    req = leave.leave_request_submit(person=world.bob, leave_code="personal", start=at("2026-03-09T08:00"),
                                     end=at("2026-03-10T17:00"), agent=world.erin, reason="家中有事")
    assert _approve_all(req.case).status == Case.Status.APPROVED
    alices = leave.leave_request_submit(person=world.alice, leave_code="personal", start=at("2026-03-16T08:00"),
                                        end=at("2026-03-16T17:00"), agent=world.diana, reason="看牙醫")
    services.case_decide(case=alices.case, actor=world.diana, decision="approve")  # the agent accepts
    assert alices.case.current_step.decider == world.bob
    return alices.case


def test_the_agent_of_the_deciders_leave_decides_for_them_while_it_lasts(world, settings, bob_away):
    settings.CHAIQIN_NOW = "2026-03-06T09:00"  # before bob's leave: nobody else may decide
    assert not selectors.inbox(world.erin).filter(case=bob_away).exists()
    settings.CHAIQIN_NOW = "2026-03-09T10:00"
    assert selectors.inbox(world.erin).filter(case=bob_away).exists()
    services.case_decide(case=bob_away, actor=world.erin, decision="approve")
    event = bob_away.events.get(action="approve", actor=world.erin)
    assert event.on_behalf_of == world.bob
    assert bob_away.steps.get(role="supervisor").acted_by == world.erin


def test_a_delegate_the_decider_named_wins_over_the_leaves_agent(world, settings, bob_away):
    settings.CHAIQIN_NOW = "2026-03-09T10:00"
    services.delegation_create(person=world.bob, delegate=world.frank, start=at("2026-03-09T00:00"),
                               end=at("2026-03-11T00:00"), reason="休假")
    assert selectors.inbox(world.frank).filter(case=bob_away).exists()
    assert not selectors.inbox(world.erin).filter(case=bob_away).exists()
    with pytest.raises(Exception, match="未受託代理簽核"):
        services.case_decide(case=bob_away, actor=world.erin, decision="approve")


def test_the_inbox_says_on_whose_behalf(world, settings, bob_away):
    settings.CHAIQIN_NOW = "2026-03-09T10:00"
    client = Client()
    client.force_login(get_user_model().objects.get(username="erin"))
    page = client.get("/workflow/inbox/").content.decode()
    assert "（代理 林柏宇）" in page
    assert "林柏宇：請假中，由我擔任職務代理人" in client.get("/workflow/delegations/").content.decode()


def test_the_delegation_page_names_and_ends_a_delegate(world, settings):
    settings.CHAIQIN_NOW = "2026-03-09T10:00"
    client = Client()
    client.force_login(get_user_model().objects.get(username="bob"))
    response = client.post("/workflow/delegations/new/", {"delegate": world.frank.pk, "start": "115-03-09 08:00",
                                                          "end": "115-03-13 17:00", "reason": "出國"})
    assert response.status_code == 302
    made = Delegation.objects.get(person=world.bob)
    assert made.delegate == world.frank and made.end == at("2026-03-13T17:00")
    response = client.post("/workflow/delegations/new/", {"delegate": world.carol.pk, "start": "115-03-12 08:00",
                                                          "end": "115-03-20 17:00"})
    assert "同一時間只能有一位代理簽核人" in response.content.decode()
    gina_choice = client.post("/workflow/delegations/new/", {"delegate": world.gina.pk, "start": "115-03-21 08:00",
                                                             "end": "115-03-22 17:00"})
    assert gina_choice.status_code == 200 and Delegation.objects.count() == 1  # another agency: not offered
    client.post(f"/workflow/delegations/{made.pk}/end/")
    made.refresh_from_db()
    assert made.end == at("2026-03-09T10:00")


def test_nobody_ends_another_persons_delegation(world, settings):
    settings.CHAIQIN_NOW = "2026-03-09T10:00"
    made = services.delegation_create(person=world.bob, delegate=world.frank, start=at("2026-03-09T08:00"),
                                      end=at("2026-03-13T17:00"))
    client = Client()
    client.force_login(get_user_model().objects.get(username="frank"))
    assert client.post(f"/workflow/delegations/{made.pk}/end/").status_code == 404
    made.refresh_from_db()
    assert made.end == at("2026-03-13T17:00")
