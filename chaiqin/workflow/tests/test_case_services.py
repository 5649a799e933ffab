"""The workflow services: open, decide, return, reject, withdraw, resubmit, delegate; the trail."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from chaiqin.errors import ChaiqinError
from chaiqin.workflow import selectors, services
from chaiqin.workflow.models import AuditEvent, Case, Notification, Step
from chaiqin.workflow.routing import plan_route

pytestmark = pytest.mark.django_db


def open_case(world, form_unit=None, agent=None):
    form = form_unit or world.civil_affairs
    steps = plan_route(kind="leave", applicant=world.alice, agent=agent)
    return services.case_open(form=form, kind="test_form", applicant=world.alice, title="事假 2日", steps=steps)


def test_approval_by_every_step_approves_the_case_and_calls_the_form(
    world, calls, mailoutbox, django_capture_on_commit_callbacks
):
    case = open_case(world, agent=world.erin)
    for decider in (world.erin, world.bob, world.diana, world.carol):
        assert selectors.inbox(decider).filter(case=case).exists()
        with django_capture_on_commit_callbacks(execute=True):
            services.case_decide(case=case, actor=decider, decision="approve")
    case.refresh_from_db()
    assert case.status == Case.Status.APPROVED and case.decided_at is not None
    assert calls.approved == [world.civil_affairs.pk]
    assert [e.action for e in case.events.all()] == ["submit", "approve", "approve", "approve", "approve"]
    assert Notification.objects.filter(person=world.alice, message__contains="已核准").exists()
    assert any("已核准" in m.subject for m in mailoutbox)


def test_a_decision_moves_the_case_to_the_next_inbox_only(world, calls):
    case = open_case(world)
    assert not selectors.inbox(world.diana).filter(case=case).exists()
    services.case_decide(case=case, actor=world.bob, decision="approve")
    assert selectors.inbox(world.diana).filter(case=case).exists()
    assert not selectors.inbox(world.bob).filter(case=case).exists()


def test_someone_else_cannot_decide(world, calls):
    case = open_case(world)
    with pytest.raises(ChaiqinError, match="不是此關卡的簽核人"):
        services.case_decide(case=case, actor=world.diana, decision="approve")
    assert case.steps.get(order=1).status == Step.Status.CURRENT


def test_return_needs_a_reason_and_lets_the_applicant_resubmit(world, calls):
    case = open_case(world)
    with pytest.raises(ChaiqinError, match="請填寫理由"):
        services.case_decide(case=case, actor=world.bob, decision="return")
    services.case_decide(case=case, actor=world.bob, decision="return", comment="請附證明")
    case.refresh_from_db()
    assert case.status == Case.Status.RETURNED
    services.case_resubmit(case=case, actor=world.alice, steps=plan_route(kind="leave", applicant=world.alice))
    case.refresh_from_db()
    assert case.status == Case.Status.PENDING and selectors.inbox(world.bob).filter(case=case).exists()
    assert case.steps.count() == 6  # the first chain's three steps stay in the record


def test_rejection_closes_the_case_and_tells_the_form(world, calls):
    case = open_case(world)
    services.case_decide(case=case, actor=world.bob, decision="reject", comment="業務繁忙")
    case.refresh_from_db()
    assert case.status == Case.Status.REJECTED
    assert calls.closed == [(world.civil_affairs.pk, "rejected")]
    assert not case.steps.filter(status=Step.Status.WAITING).exists()


def test_the_applicant_withdraws_before_the_final_decision_but_not_after(world, calls):
    case = open_case(world)
    with pytest.raises(ChaiqinError, match="只有申請人本人"):
        services.case_withdraw(case=case, actor=world.bob)
    services.case_withdraw(case=case, actor=world.alice)
    case.refresh_from_db()
    assert case.status == Case.Status.WITHDRAWN and calls.closed == [(world.civil_affairs.pk, "withdrawn")]
    with pytest.raises(ChaiqinError, match="不能撤回"):
        services.case_withdraw(case=case, actor=world.alice)


def test_a_delegate_decides_while_the_delegation_lasts(world, calls, settings):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    now = timezone.make_aware(datetime(2026, 3, 9, 9))
    services.delegation_create(person=world.bob, delegate=world.diana, start=now - timedelta(days=1),
                               end=now + timedelta(days=1), reason="主管休假")
    case = open_case(world)
    assert selectors.inbox(world.diana).filter(case=case).exists()
    services.case_decide(case=case, actor=world.diana, decision="approve")
    step = case.steps.get(order=1)
    assert step.acted_by == world.diana and step.decider == world.bob
    event = case.events.get(action="approve")
    assert event.actor == world.diana and event.on_behalf_of == world.bob


def test_a_delegation_outside_its_period_gives_no_right(world, calls, settings):
    settings.CHAIQIN_NOW = "2026-03-20T09:00"
    start = timezone.make_aware(datetime(2026, 3, 1, 8))
    services.delegation_create(person=world.bob, delegate=world.diana, start=start, end=start + timedelta(days=5))
    case = open_case(world)
    assert not selectors.inbox(world.diana).filter(case=case).exists()
    with pytest.raises(ChaiqinError):
        services.case_decide(case=case, actor=world.diana, decision="approve")


def test_a_delegation_must_stay_inside_the_agency(world):
    now = timezone.now()
    with pytest.raises(ChaiqinError, match="同一機關"):
        services.delegation_create(person=world.bob, delegate=world.gina, start=now, end=now + timedelta(hours=1))


def test_the_audit_trail_cannot_be_edited_or_deleted(world, calls):
    case = open_case(world)
    event = case.events.get()
    event.note = "改寫"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(case=case).update(note="改寫")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(case=case).delete()
    assert case.events.get().note == ""


def test_a_request_the_agency_may_not_refuse_cannot_be_rejected_only_returned(world, calls):
    from chaiqin.workflow import registry

    registry._KINDS["test_form"] = registry._KINDS["test_form"].__class__(
        **{**registry._KINDS["test_form"].__dict__, "not_refusable": ("機關不得拒絕。", "性別平等工作法第21條第1項")})
    case = open_case(world)
    with pytest.raises(ChaiqinError, match="機關不得拒絕") as refused:
        services.case_decide(case=case, actor=world.bob, decision="reject", comment="人力不足")
    assert refused.value.citation == "性別平等工作法第21條第1項"
    case.refresh_from_db()
    assert case.status == Case.Status.PENDING and calls.closed == []
    assert [c for c, _ in registry.form_kind("test_form").decisions()] == ["approve", "return"]
    services.case_decide(case=case, actor=world.bob, decision="return", comment="請補子女出生證明")
    case.refresh_from_db()
    assert case.status == Case.Status.RETURNED
