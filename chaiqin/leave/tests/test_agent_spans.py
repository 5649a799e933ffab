"""Several agents for one leave request, each for part of its period (代理時間; seed 002's
出國申請單: 職務代理人 … 代理時間 起/訖, 新增區間): each agent accepts in turn, and while a span
runs its agent decides the applicant's waiting steps."""

from __future__ import annotations

from datetime import datetime

import pytest

from chaiqin.dates import TAIPEI
from chaiqin.errors import ChaiqinError
from chaiqin.leave import services
from chaiqin.leave.agents import AgentPeriod
from chaiqin.leave.models import AgentSpan, LeaveRequest
from chaiqin.workflow import selectors as workflow
from chaiqin.workflow import services as cases
from chaiqin.workflow.models import Case

pytestmark = pytest.mark.django_db


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TAIPEI)


@pytest.fixture(autouse=True)
def _frozen(settings):
    settings.CHAIQIN_NOW = "2026-03-06T09:00"


def _three_days(world, *spans):
    return services.leave_request_submit(person=world.bob, leave_code="personal", start=at("2026-03-09T08:00"),
                                         end=at("2026-03-11T17:00"), agent=world.alice, reason="家中有事",
                                         more_agents=list(spans))


def test_each_agent_accepts_in_turn_then_the_chain(world):
    req = _three_days(world, AgentPeriod(world.erin, at("2026-03-11T08:00"), at("2026-03-11T17:00")))
    steps = list(req.case.steps.order_by("order").values_list("role", "decider__name"))
    assert steps[:2] == [("agent", "陳雅婷"), ("agent", "蔡怡君")]
    assert AgentSpan.objects.get(request=req).agent == world.erin


def test_while_a_span_runs_its_agent_decides_for_the_applicant(world, settings):
    req = _three_days(world, AgentPeriod(world.erin, at("2026-03-11T08:00"), at("2026-03-11T17:00")))
    while (case := Case.objects.get(pk=req.case_id)).status == Case.Status.PENDING:
        cases.case_decide(case=case, actor=case.current_step.decider, decision="approve")
    # alice's own request then waits for bob, her supervisor.
    alices_case = services.leave_request_submit(person=world.alice, leave_code="personal", start=at("2026-03-16T08:00"),
                                             end=at("2026-03-16T17:00"), agent=world.diana, reason="看牙醫").case
    cases.case_decide(case=alices_case, actor=world.diana, decision="approve")
    settings.CHAIQIN_NOW = "2026-03-10T10:00"  # bob's first agent (alice) covers this day
    assert workflow.inbox(world.alice).filter(case=alices_case).exists()
    settings.CHAIQIN_NOW = "2026-03-11T10:00"  # erin's span
    assert workflow.inbox(world.erin).filter(case=alices_case).exists()
    assert not workflow.inbox(world.alice).filter(case=alices_case).exists()


@pytest.mark.parametrize("span, message", [
    (("erin", "2026-03-11T08:00", "2026-03-12T17:00"), "必須在請假期間之內"),
    (("bob", "2026-03-11T08:00", "2026-03-11T17:00"), "不能是自己"),
    (("gina", "2026-03-11T08:00", "2026-03-11T17:00"), "不是本機關在職人員"),
])
def test_a_bad_span_is_refused_and_nothing_saved(world, span, message):
    who, start, end = span
    with pytest.raises(ChaiqinError, match=message):
        _three_days(world, AgentPeriod(getattr(world, who), at(start), at(end)))
    assert not LeaveRequest.objects.exists() and not AgentSpan.objects.exists()


def test_spans_may_not_overlap(world):
    with pytest.raises(ChaiqinError, match="代理時間重疊"):
        _three_days(world, AgentPeriod(world.erin, at("2026-03-10T08:00"), at("2026-03-11T12:00")),
                    AgentPeriod(world.carol, at("2026-03-11T08:00"), at("2026-03-11T17:00")))


def test_the_form_takes_a_second_agent_and_period(world, client):
    client.force_login(world.bob.user)
    response = client.post("/leave/new/", {
        "leave_code": "personal", "start_date": "115-03-09", "start_time": "08:00", "end_date": "115-03-11",
        "end_time": "17:00", "agent": world.alice.pk, "reason": "家中有事", "span_2": world.erin.pk,
        "span_2_start": "115-03-11 08:00", "span_2_end": "115-03-11 17:00", "submit": "1"})
    req = LeaveRequest.objects.get()
    assert response.status_code == 302
    assert [(s.agent, s.start) for s in req.agent_spans.all()] == [(world.erin, at("2026-03-11T08:00"))]
    page = client.get(f"/leave/requests/{req.pk}/").content.decode()
    assert "115-03-11 08:00 至 115-03-11 17:00 由蔡怡君代理" in page
