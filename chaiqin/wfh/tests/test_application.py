"""Applying and approving (seed 000 第3點, 第4點): checklist answers stored, caps by gestation week."""

from datetime import date

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.wfh import selectors, services
from chaiqin.wfh.models import WfhApplication, WfhDecision
from chaiqin.workflow.models import Case, Step

from .conftest import ANSWERS, DUE, MONDAY, WEEK_36, apply, approve

pytestmark = pytest.mark.django_db


def test_an_application_goes_to_the_supervisor_unit_head_and_personnel(world):
    application = apply(world)
    assert application.status == WfhApplication.Status.PENDING
    deciders = [step.decider for step in application.case.steps.order_by("order")]
    assert deciders == [world.bob, world.diana, world.carol]


def test_approval_stores_each_deciders_checklist_answers(world):
    application = approve(world, apply(world))
    assert application.status == WfhApplication.Status.APPROVED
    assert application.case.status == Case.Status.APPROVED
    decisions = list(WfhDecision.objects.filter(application=application))
    assert [d.decider for d in decisions] == [world.bob, world.diana, world.carol]
    assert all(d.answers["no_mainland_brand"] is True for d in decisions)


def test_an_approved_application_for_her_own_pregnancy_marks_her_pregnant_until_the_due_date(world):
    # seed 004 item 15: no night work for a pregnant woman; the agency knows from this application.
    from chaiqin.compliance.selectors import is_protected

    application = approve(world, apply(world))
    status = world.alice.protections.get()
    assert status.kind == "pregnant" and status.end == application.due_date
    assert is_protected(world.alice, application.start)


def test_approval_is_refused_when_devices_are_of_a_mainland_brand(world):
    """第4點第2款第1目: no mainland-China brand devices, own or provided."""
    application = apply(world)
    with pytest.raises(ChaiqinError) as refused:
        services.wfh_application_decide(actor=world.bob, application=application, decision="approve",
                                        answers={**ANSWERS, "no_mainland_brand": False})
    assert "大陸廠牌" in refused.value.message and "第4點第2款第1目" in refused.value.citation
    assert not WfhDecision.objects.exists()
    assert application.case.steps.get(order=1).status == Step.Status.CURRENT


def test_an_own_device_must_pass_the_security_check_and_be_erased(world):
    """第4點第2款第2目、第3目 apply only to own devices."""
    application = apply(world, own_device=True)
    with pytest.raises(ChaiqinError) as refused:
        services.wfh_application_decide(actor=world.bob, application=application, decision="approve", answers=ANSWERS)
    assert "資通安全檢測" in refused.value.message
    services.wfh_application_decide(actor=world.bob, application=application, decision="approve",
                                    answers={**ANSWERS, "own_device_security_check": True,
                                             "own_device_data_erasure": True})


def test_final_approval_on_the_generic_case_page_without_the_checklist_is_refused(world):
    from chaiqin.workflow import services as workflow

    application = apply(world)
    workflow.case_decide(case=application.case, actor=world.bob, decision="approve")
    workflow.case_decide(case=application.case, actor=world.diana, decision="approve")
    with pytest.raises(ChaiqinError, match="第4點審核項目"):
        workflow.case_decide(case=application.case, actor=world.carol, decision="approve")
    application.refresh_from_db()
    assert application.status == WfhApplication.Status.PENDING
    assert application.case.status == Case.Status.PENDING


def test_a_due_date_in_the_past_is_refused_and_nothing_is_saved(world):
    with pytest.raises(ChaiqinError) as refused:
        apply(world, due_date=date(2026, 3, 1))
    assert "預產期 115-03-01 已經過去" in refused.value.message
    assert not WfhApplication.objects.exists() and not Case.objects.exists()


def test_a_gestation_week_gives_the_due_date(world):
    """40 weeks on the due date: 30 weeks on 2026-03-04 means a due date ten weeks later."""
    application = apply(world, due_date=None, gestation_weeks=30)
    assert application.due_date == date(2026, 5, 13)


def test_overlapping_open_applications_are_refused(world):
    apply(world)
    with pytest.raises(ChaiqinError, match="期間不能重疊"):
        apply(world, start=date(2026, 4, 1))


def test_the_weekly_cap_follows_the_gestation_week_by_itself(application):
    """第3點第1項: 30 weeks → 3 days; from the week of 36 weeks → 4 days."""
    assert selectors.week_cap(application, MONDAY).days == 3
    assert selectors.week_cap(application, date(2026, 4, 13)).days == 3
    assert selectors.week_cap(application, WEEK_36).days == 4
    assert selectors.week_cap(application, WEEK_36).gestation_weeks == 36


def test_the_agency_sets_a_flexible_number_with_a_reason(world, application):
    """第3點第2項: staff off the office calendar or with special work get the agency's number."""
    with pytest.raises(ChaiqinError, match="理由"):
        services.wfh_application_set_flexible(actor=world.carol, application=application, days=2, reason=" ")
    with pytest.raises(ChaiqinError, match="人事單位"):
        services.wfh_application_set_flexible(actor=world.bob, application=application, days=2, reason="輪班")
    services.wfh_application_set_flexible(actor=world.carol, application=application, days=2, reason="輪班制")
    application.refresh_from_db()
    cap = selectors.week_cap(application, MONDAY)
    assert (cap.days, cap.flexible, cap.standard_days) == (2, True, 3)
    assert "第3點第2項" in cap.citation
    assert DUE == application.due_date
