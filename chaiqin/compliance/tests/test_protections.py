"""Protection forms through the workflow (性別平等工作法第18條、第19條、第21條)."""

from datetime import date

import pytest

from chaiqin.compliance import services
from chaiqin.compliance.models import ChildcareHoursRequest, ProtectionStatus
from chaiqin.errors import ChaiqinError
from chaiqin.workflow import services as workflow
from chaiqin.workflow.models import Case


def _childcare(world, **kw):
    args = dict(person=world.alice, child_birth_date=date(2025, 5, 1), mode="reduce",
                start=date(2026, 10, 5), end=date(2027, 4, 30))
    args.update(kw)
    return services.childcare_request_submit(**args)


def test_a_reduced_hours_request_opens_a_case_for_one_hour_a_day(world):
    form = _childcare(world)
    assert form.reduced_minutes == 60
    assert form.case.status == Case.Status.PENDING
    assert form.case.kind == "childcare_hours"


def test_the_decider_cannot_reject_a_reduced_hours_request_article_21(world):
    form = _childcare(world)
    with pytest.raises(ChaiqinError) as exc:
        workflow.case_decide(case=form.case, actor=world.bob, decision="reject", comment="人力不足")
    assert "第21條" in str(exc.value)
    form.case.refresh_from_db()
    assert form.case.status == Case.Status.PENDING
    assert form.case.steps.get(order=1).status == "current"


def test_the_decider_may_return_it_for_correction_and_the_applicant_resubmits(world):
    form = _childcare(world)
    workflow.case_decide(case=form.case, actor=world.bob, decision="return", comment="請改自11月起")
    services.protection_request_resubmit(form=form, actor=world.alice, start=date(2026, 11, 1), end=date(2027, 4, 30))
    form.refresh_from_db()
    assert form.case.status == Case.Status.PENDING and form.start == date(2026, 11, 1)


def test_approval_through_every_step_grants_it(world):
    form = _childcare(world)
    for _ in range(5):
        case = Case.objects.get(pk=form.case_id)
        if case.status != Case.Status.PENDING:
            break
        workflow.case_decide(case=case, actor=case.current_step.decider, decision="approve")
    assert Case.objects.get(pk=form.case_id).status == Case.Status.APPROVED


def test_reduced_hours_end_when_the_child_turns_three_article_19(world):
    with pytest.raises(ChaiqinError) as exc:
        _childcare(world, end=date(2028, 5, 1))
    assert "第19條" in str(exc.value)
    assert not ChildcareHoursRequest.objects.exists()


def test_adjusting_hours_needs_the_new_times(world):
    with pytest.raises(ChaiqinError):
        _childcare(world, mode="adjust")
    form = _childcare(world, mode="adjust", work_start="09:30", work_end="18:30")
    assert form.reduced_minutes == 0


def test_lactation_time_is_sixty_minutes_for_a_child_under_two_article_18(world):
    form = services.lactation_request_submit(person=world.alice, child_birth_date=date(2026, 3, 1),
                                             start=date(2026, 10, 5), end=date(2027, 2, 28))
    assert form.daily_minutes == 60
    with pytest.raises(ChaiqinError) as exc:
        services.lactation_request_submit(person=world.alice, child_birth_date=date(2026, 3, 1),
                                          start=date(2026, 10, 5), end=date(2028, 3, 1))
    assert "第18條" in str(exc.value)


def test_lactation_adds_thirty_minutes_with_an_hour_of_overtime():
    from chaiqin.compliance.protection_law import lactation_minutes

    assert lactation_minutes(overtime_minutes=59) == 60
    assert lactation_minutes(overtime_minutes=60) == 90


def test_approved_lactation_time_marks_the_person_nursing(world):
    form = services.lactation_request_submit(person=world.alice, child_birth_date=date(2026, 3, 1),
                                             start=date(2026, 10, 5), end=date(2027, 2, 28))
    while (case := Case.objects.get(pk=form.case_id)).status == Case.Status.PENDING:
        workflow.case_decide(case=case, actor=case.current_step.decider, decision="approve")
    status = ProtectionStatus.objects.get(person=world.alice)
    assert status.kind == "nursing" and status.end == date(2027, 2, 28)


def test_only_the_person_or_the_personnel_office_marks_a_protection(world):
    services.protection_mark(person=world.alice, kind="pregnant", start=date(2026, 6, 1), actor=world.alice)
    services.protection_mark(person=world.alice, kind="nursing", start=date(2026, 6, 1),
                             child_birth_date=date(2026, 5, 1), actor=world.carol)
    with pytest.raises(ChaiqinError):
        services.protection_mark(person=world.alice, kind="pregnant", start=date(2026, 6, 1), actor=world.bob)
