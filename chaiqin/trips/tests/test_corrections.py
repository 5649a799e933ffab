"""Returned trips and overseas forms corrected and sent again into the same case; drafts edited
and deleted (never a form that was sent)."""

from __future__ import annotations

from datetime import date

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.leave import ledger
from chaiqin.trips import services
from chaiqin.trips.models import Attachment, Overseas, OverseasLeave
from chaiqin.workflow.models import AuditEvent, Case, Step
from chaiqin.workflow.services import case_decide, case_withdraw

from .conftest import PDF, at

pytestmark = pytest.mark.django_db
ON = date(2026, 3, 9)


def returned(case, comment="請補正公差地點"):
    case_decide(case=case, actor=case.current_step.decider, decision="return", comment=comment)
    case.refresh_from_db()
    assert case.status == Case.Status.RETURNED
    return case


def approve_all(case):
    while case.status == Case.Status.PENDING:
        case_decide(case=case, actor=case.current_step.decider, decision="approve")
        case.refresh_from_db()
    return case


def file_trip(person, start="2026-03-10 08:00", end="2026-03-10 17:00", nature="official"):
    return services.trip_file(person=person, nature=nature, place="臺北市", reason="參加研商會議",
                              start=at(start), end=at(end))


def resubmit_trip(trip, actor, start="2026-03-11 08:00", end="2026-03-11 17:00", **extra):
    values = dict(place="新北市", reason="參加研商會議（改期）", start=at(start), end=at(end))
    values.update(extra)
    return services.trip_resubmit(actor=actor, trip=trip, **values)


def test_a_returned_trip_is_corrected_and_goes_again_through_the_same_case(world):
    trip = file_trip(world.alice)
    case = returned(trip.case)
    resubmit_trip(trip, world.alice)
    trip.refresh_from_db()
    assert (trip.place, trip.start, trip.end) == ("新北市", at("2026-03-11 08:00"), at("2026-03-11 17:00"))
    case.refresh_from_db()
    assert case.pk == trip.case_id and case.status == Case.Status.PENDING
    assert "115-03-11" in case.title
    # the return stays in the trail, followed by the resubmission; a fresh chain starts at the supervisor
    actions = list(case.events.values_list("action", flat=True))
    assert actions == ["submit", "return", "resubmit"]
    assert case.steps.get(status=Step.Status.CURRENT).decider == world.bob
    assert approve_all(case).status == Case.Status.APPROVED


def test_a_corrected_trip_may_keep_its_own_period_but_not_overlap_another_form(world):
    other = file_trip(world.alice, start="2026-03-12 08:00", end="2026-03-12 17:00")
    trip = file_trip(world.alice)
    returned(trip.case)
    resubmit_trip(trip, world.alice, start="2026-03-10 08:00", end="2026-03-10 12:00")  # inside its old period
    returned(trip.case)
    with pytest.raises(ChaiqinError, match="時間重疊"):
        resubmit_trip(trip, world.alice, start="2026-03-12 09:00", end="2026-03-12 12:00")
    trip.refresh_from_db()
    assert trip.end == at("2026-03-10 12:00") and trip.case.status == Case.Status.RETURNED
    assert other.case.status == Case.Status.PENDING


def test_only_the_applicant_corrects_only_a_returned_trip(world):
    trip = file_trip(world.alice)
    with pytest.raises(ChaiqinError, match="只有被退回修正的出差單"):
        resubmit_trip(trip, world.alice)
    returned(trip.case)
    with pytest.raises(ChaiqinError, match="只有申請人本人"):
        resubmit_trip(trip, world.bob)
    trip.refresh_from_db()
    assert trip.place == "臺北市" and AuditEvent.objects.filter(case=trip.case, action="resubmit").count() == 0


def test_a_corrected_trip_is_checked_as_at_filing(world):
    trip = file_trip(world.alice)
    returned(trip.case)
    with pytest.raises(ChaiqinError, match="結束時間.*必須晚於開始時間"):
        resubmit_trip(trip, world.alice, start="2026-03-11 17:00", end="2026-03-11 08:00")
    with pytest.raises(ChaiqinError, match="出差期間沒有假日"):
        resubmit_trip(trip, world.alice, overtime_minutes=60)
    trip.refresh_from_db()
    assert trip.place == "臺北市" and trip.case.status == Case.Status.RETURNED


def test_a_travel_expense_line_outside_the_corrected_period_is_refused(world):
    trip = file_trip(world.alice, start="2026-03-10 08:00", end="2026-03-11 17:00")
    services.trip_expenses_save(actor=world.alice, trip=trip, lines=[
        services.ExpenseInput(day=date(2026, 3, 11), route="花蓮－臺北", train=440)])
    returned(trip.case)
    with pytest.raises(ChaiqinError, match="差旅費報告表第1列"):
        resubmit_trip(trip, world.alice, start="2026-03-10 08:00", end="2026-03-10 17:00")


def test_a_returned_trip_drops_and_adds_attachments(world):
    trip = services.trip_file(person=world.alice, nature="official", place="臺北市", reason="研商", start=at("2026-03-10 08:00"),
                              end=at("2026-03-10 17:00"), uploads=(services.Upload("old.pdf", PDF, "memo"),))
    returned(trip.case)
    old = trip.attachments.get()
    resubmit_trip(trip, world.alice, uploads=(services.Upload("new.pdf", PDF, "memo"),), remove_attachments=(old.pk,))
    assert list(Attachment.objects.filter(trip=trip).values_list("name", flat=True)) == ["new.pdf"]


# --- overseas -----------------------------------------------------------------------------------

def save_application(world, lines, overseas=None):
    return services.overseas_save(
        person=world.alice, form="overseas", start=at("2026-03-14 06:00"), end=at("2026-03-22 22:00"), reason="家族旅遊",
        country="日本", agent=world.bob, overseas=overseas,
        leave_lines=[services.LeaveLine(code, at(a), at(b)) for code, a, b in lines])


WHOLE = [("annual", "2026-03-16 08:00", "2026-03-20 17:00")]
GAP = [("annual", "2026-03-16 08:00", "2026-03-17 17:00"), ("personal", "2026-03-19 08:00", "2026-03-20 17:00")]
FILLED = [("annual", "2026-03-16 08:00", "2026-03-18 17:00"), ("personal", "2026-03-19 08:00", "2026-03-20 17:00")]


def test_a_returned_application_with_a_gap_is_corrected_and_resubmitted_with_its_leave_held_once(world):
    annual = ledger.balance(world.alice, "annual", ON)
    personal = ledger.balance(world.alice, "personal", ON)
    form = services.overseas_submit(actor=world.alice, overseas=save_application(world, WHOLE))
    returned(form.case, comment="請將18日改請事假以外之假別")
    # the correction leaves 18 March uncovered: it saves, but 送出 refuses it and it stays returned, editable
    form = save_application(world, GAP, overseas=form)
    with pytest.raises(ChaiqinError, match="上班時間均須請假"):
        services.overseas_submit(actor=world.alice, overseas=form)
    form.refresh_from_db()
    assert form.case.status == Case.Status.RETURNED
    # corrected again, it goes through the same case and holds each line once
    form = save_application(world, FILLED, overseas=form)
    services.overseas_submit(actor=world.alice, overseas=form)
    form.refresh_from_db()
    assert form.case.status == Case.Status.PENDING
    assert list(form.case.events.values_list("action", flat=True)) == ["submit", "return", "resubmit"]
    assert ledger.balance(world.alice, "annual", ON) == annual - 3 * 480
    assert ledger.balance(world.alice, "personal", ON) == personal - 2 * 480
    approve_all(form.case)
    assert ledger.balance(world.alice, "annual", ON) == annual - 3 * 480


def test_a_returned_application_withdrawn_gives_its_leave_back(world):
    annual = ledger.balance(world.alice, "annual", ON)
    form = services.overseas_submit(actor=world.alice, overseas=save_application(world, WHOLE))
    returned(form.case)
    case_withdraw(case=form.case, actor=world.alice)
    assert ledger.balance(world.alice, "annual", ON) == annual


def test_a_draft_is_edited_and_deleted_with_everything_it_holds(world):
    draft = save_application(world, GAP)
    services.attachment_add(actor=world.alice, owner=draft, upload=services.Upload("plan.pdf", PDF))
    draft = save_application(world, FILLED, overseas=draft)
    assert list(draft.leave_lines.values_list("leave_code", flat=True)) == ["annual", "personal"]
    with pytest.raises(ChaiqinError, match="只有申請人本人"):
        services.overseas_draft_delete(actor=world.bob, overseas=draft)
    services.overseas_draft_delete(actor=world.alice, overseas=draft)
    assert not Overseas.objects.exists() and not OverseasLeave.objects.exists() and not Attachment.objects.exists()


def test_a_form_that_was_sent_is_never_deleted(world):
    form = services.overseas_submit(actor=world.alice, overseas=save_application(world, WHOLE))
    with pytest.raises(ChaiqinError, match="不能刪除"):
        services.overseas_draft_delete(actor=world.alice, overseas=form)
    returned(form.case)
    with pytest.raises(ChaiqinError, match="撤回申請"):
        services.overseas_draft_delete(actor=world.alice, overseas=form)
    approve_all(case_resubmitted(world, form))
    with pytest.raises(ChaiqinError, match="不能刪除"):
        services.overseas_draft_delete(actor=world.alice, overseas=form)
    with pytest.raises(ChaiqinError, match="不能再修改"):
        save_application(world, WHOLE, overseas=Overseas.objects.get(pk=form.pk))
    assert Overseas.objects.filter(pk=form.pk).exists() and form.leave_lines.count() == 1


def case_resubmitted(world, form):
    services.overseas_submit(actor=world.alice, overseas=form)
    form.case.refresh_from_db()
    return form.case

