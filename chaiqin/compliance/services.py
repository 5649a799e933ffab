"""Every write of the compliance app: one entry point per state change, keyword-only, in a
transaction. Figures of the law come from `chaiqin.rules` (survey, committees, travel card)
and from protection_law.py (lactation and child-under-3 hours, cited there).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.urls import reverse

from chaiqin import clock, rules
from chaiqin.dates import format_roc
from chaiqin.durations import format_hours
from chaiqin.errors import ChaiqinError
from chaiqin.org.models import Agency, Person
from chaiqin.workflow import routing
from chaiqin.workflow import services as workflow

from . import protection_law as law
from .models import (ChildcareHoursRequest, Committee, CommitteeMember, LactationRequest, ProtectionStatus, RosterShift,
                     SurveyAnswer, TravelCardSelfUse, UnpaidLeave)
from .roles import is_personnel_of
from .selectors import night_violations, survey_item_view, survey_view

LACTATION = "lactation"
CHILDCARE = "childcare_hours"

NO_REFUSAL_MESSAGE = (
    "依性別平等工作法第21條第1項，受僱者依第14條至第20條（含第18條哺（集）乳時間、第19條為撫育未滿三歲子女"
    "減少或調整工作時間）提出請求時，機關不得拒絕；申請內容如需修正，請選擇「退回修正」並說明理由。"
)


# --- permissions ---------------------------------------------------------------------------

def _require_personnel(actor: Person, agency: Agency) -> None:
    if not is_personnel_of(actor, agency):
        raise ChaiqinError(f"只有{agency.name}的人事人員可以辦理此項作業。")


def _require_self_or_personnel(actor: Person, person: Person) -> None:
    if actor.pk != person.pk and not is_personnel_of(actor, person.agency):
        raise ChaiqinError("只有本人或本機關人事人員可以登錄此項資料。")


# --- protection status ---------------------------------------------------------------------

@transaction.atomic
def protection_mark(*, person: Person, kind: str, start: date, end: date | None = None,
                    child_birth_date: date | None = None, note: str = "", actor: Person,
                    known_on: date | None = None) -> ProtectionStatus:
    """Mark `person` pregnant or nursing from `start` (to `end`), by the person or the personnel
    office; `known_on` the day the agency learned of it, from which the night-work protection
    binds it (survey item 15; 勞動基準法第49條, 銓敘部函釋比照), `start` when not given."""
    _require_self_or_personnel(actor, person)
    if kind not in ProtectionStatus.Kind.values:
        raise ChaiqinError("類別只能是妊娠期間或哺乳期間。", field="kind")
    if end is not None and end < start:
        raise ChaiqinError("迄日不可早於起日。", field="end")
    if kind == ProtectionStatus.Kind.NURSING and child_birth_date is None:
        raise ChaiqinError("哺乳期間請填寫子女出生日。", field="child_birth_date")
    if known_on is not None and end is not None and known_on > end:
        raise ChaiqinError("機關知悉日不可晚於迄日。", field="known_on")
    return ProtectionStatus.objects.create(person=person, kind=kind, start=start, end=end,
                                           child_birth_date=child_birth_date, known_on=known_on, note=note,
                                           entered_by=actor, created_at=clock.now())


@transaction.atomic
def protection_end(*, status: ProtectionStatus, end: date, actor: Person) -> ProtectionStatus:
    """Close a protection period on `end`."""
    _require_self_or_personnel(actor, status.person)
    if end < status.start:
        raise ChaiqinError("迄日不可早於起日。", field="end")
    status.end = end
    status.save(update_fields=["end"])
    return status


# --- protection forms through the workflow -------------------------------------------------

def _check_child(*, child_birth_date: date, start: date, end: date, months: int, what: str, citation: str) -> None:
    if end < start:
        raise ChaiqinError("迄日不可早於起日。", field="end")
    if child_birth_date > start:
        raise ChaiqinError("起日不可早於子女出生日。", field="start")
    last = law.months_later(child_birth_date, months) - timedelta(days=1)
    if end > last:
        raise ChaiqinError(
            f"{what}以子女未滿{months // 12}歲為限：子女於 {format_roc(last)} 後已滿{months // 12}歲，迄日請調整至該日以前。",
            citation=citation, field="end")


_SPAN = re.compile(r"(\d{1,2})[:：](\d{2})\s*[–—\-~～至到]\s*(\d{1,2})[:：](\d{2})")


def _check_lactation_times(times: str) -> None:
    text = times.strip()
    if not text:
        return
    spans = _SPAN.findall(text)
    if not spans:
        raise ChaiqinError("哺（集）乳時段請以「10:00–10:30、15:00–15:30」的方式填寫。", field="times")
    total = 0
    for h0, m0, h1, m1 in spans:
        minutes = (int(h1) * 60 + int(m1)) - (int(h0) * 60 + int(m0))
        if minutes <= 0:
            raise ChaiqinError(f"哺（集）乳時段 {h0}:{m0}–{h1}:{m1} 的迄時須晚於起時。", field="times")
        total += minutes
    allowed = law.lactation_minutes(overtime_minutes=0)
    if total > allowed:
        raise ChaiqinError(f"哺（集）乳時段合計{format_hours(total)}，超過法定每日{format_hours(allowed)}"
                           f"（延長工作時間達{format_hours(law.LACTATION_OVERTIME_THRESHOLD_MINUTES)}以上者，"
                           f"另得於當日加給{law.LACTATION_OVERTIME_EXTRA_MINUTES}分鐘）。",
                           citation=law.LACTATION_CITATION, field="times", code="lactation_minutes")


@transaction.atomic
def lactation_request_submit(*, person: Person, child_birth_date: date, start: date, end: date,
                             times: str = "") -> LactationRequest:
    """Apply for lactation time (性別平等工作法第18條) and open its workflow case. A schedule of
    times (`times`, e.g. 「10:00–10:30、15:00–15:30」) longer in total than the law's daily
    minutes (rules.lactation_minutes) is refused with the article, never saved shortened."""
    _check_lactation_times(times)
    _check_child(child_birth_date=child_birth_date, start=start, end=end, months=law.LACTATION_CHILD_MONTHS,
                 what="哺（集）乳時間", citation=law.LACTATION_CITATION)
    form = LactationRequest.objects.create(
        person=person, child_birth_date=child_birth_date, start=start, end=end, times=times.strip(),
        daily_minutes=law.lactation_minutes(overtime_minutes=0), created_at=clock.now())
    steps = routing.plan_route(kind=LACTATION, applicant=person)
    form.case = workflow.case_open(form=form, kind=LACTATION, applicant=person, steps=steps,
                                   title=f"哺（集）乳時間 {format_roc(start)}～{format_roc(end)}")
    form.save(update_fields=["case"])
    return form


@transaction.atomic
def childcare_request_submit(*, person: Person, child_birth_date: date, mode: str, start: date, end: date,
                             work_start: time | None = None, work_end: time | None = None,
                             reason: str = "", reduce_at: str = ChildcareHoursRequest.ReduceAt.END) -> ChildcareHoursRequest:
    """Ask to reduce working time by 1 hour a day or adjust hours for a child under 3 (§19).

    The agency may not refuse it (§21): its case can be approved or returned for correction.
    """
    _check_child(child_birth_date=child_birth_date, start=start, end=end, months=law.CHILDCARE_CHILD_MONTHS,
                 what="育兒減少或調整工作時間", citation=law.CHILDCARE_CITATION)
    if mode not in ChildcareHoursRequest.Mode.values:
        raise ChaiqinError("請選擇「每天減少工作時間一小時」或「調整工作時間」。", field="mode")
    if mode == ChildcareHoursRequest.Mode.REDUCE and reduce_at not in ChildcareHoursRequest.ReduceAt.values:
        raise ChaiqinError("請選擇減少的一小時為「下班提前」或「上班延後」。", field="reduce_at")
    if mode == ChildcareHoursRequest.Mode.ADJUST:
        if work_start is None or work_end is None or work_end <= work_start:
            raise ChaiqinError("調整工作時間請填寫調整後的上班與下班時間（下班晚於上班）。", field="work_start",
                               citation=law.CHILDCARE_CITATION)
    form = ChildcareHoursRequest.objects.create(
        person=person, child_birth_date=child_birth_date, mode=mode, start=start, end=end,
        reduced_minutes=law.CHILDCARE_REDUCE_MINUTES if mode == ChildcareHoursRequest.Mode.REDUCE else 0,
        reduce_at=reduce_at if mode == ChildcareHoursRequest.Mode.REDUCE else ChildcareHoursRequest.ReduceAt.END,
        work_start=work_start if mode == ChildcareHoursRequest.Mode.ADJUST else None,
        work_end=work_end if mode == ChildcareHoursRequest.Mode.ADJUST else None,
        reason=reason.strip(), created_at=clock.now())
    steps = routing.plan_route(kind=CHILDCARE, applicant=person)
    label = ChildcareHoursRequest.Mode(mode).label
    form.case = workflow.case_open(form=form, kind=CHILDCARE, applicant=person, steps=steps,
                                   title=f"育兒{label} {format_roc(start)}～{format_roc(end)}")
    form.save(update_fields=["case"])
    return form


@transaction.atomic
def protection_request_resubmit(*, form, actor: Person, start: date, end: date, note: str = ""):
    """After a return for correction, the applicant corrects the period and sends it again."""
    if form.person_id != actor.pk:
        raise ChaiqinError("只有申請人本人可以修正後重送。")
    months, what, citation = ((law.LACTATION_CHILD_MONTHS, "哺（集）乳時間", law.LACTATION_CITATION)
                              if isinstance(form, LactationRequest)
                              else (law.CHILDCARE_CHILD_MONTHS, "育兒減少或調整工作時間", law.CHILDCARE_CITATION))
    _check_child(child_birth_date=form.child_birth_date, start=start, end=end, months=months, what=what,
                 citation=citation)
    kind = LACTATION if isinstance(form, LactationRequest) else CHILDCARE
    form.start, form.end = start, end
    form.save(update_fields=["start", "end"])
    workflow.case_resubmit(case=form.case, actor=actor, steps=routing.plan_route(kind=kind, applicant=actor), note=note)
    return form


def _on_lactation_approved(form: LactationRequest) -> None:
    # Approved lactation time means the person is nursing: the night-work protection follows.
    covered = ProtectionStatus.objects.filter(person=form.person, kind=ProtectionStatus.Kind.NURSING,
                                              start__lte=form.start).exclude(end__lt=form.end).exists()
    if not covered:
        ProtectionStatus.objects.create(person=form.person, kind=ProtectionStatus.Kind.NURSING, start=form.start,
                                        end=form.end, child_birth_date=form.child_birth_date,
                                        note="哺（集）乳時間核准時自動註記", created_at=clock.now())


def _on_closed(form, status: str) -> None:
    # Withdrawn by the applicant: nothing to undo. A rejection never reaches here: the workflow
    # refuses it before any change (not_refusable, 性別平等工作法第21條).
    return None


def register_forms() -> None:
    from chaiqin.workflow import registry

    registry.register(LACTATION, label="哺（集）乳時間", model=LactationRequest,
                      on_approved=_on_lactation_approved, on_closed=_on_closed,
                      url=lambda form: reverse("compliance:lactation", args=[form.pk]),
                      not_refusable=(NO_REFUSAL_MESSAGE, law.NO_REFUSAL_CITATION))
    registry.register(CHILDCARE, label="育兒減少或調整工作時間", model=ChildcareHoursRequest,
                      on_approved=lambda form: None, on_closed=_on_closed,
                      url=lambda form: reverse("compliance:childcare", args=[form.pk]),
                      not_refusable=(NO_REFUSAL_MESSAGE, law.NO_REFUSAL_CITATION))


# --- rosters (night work) ------------------------------------------------------------------

@transaction.atomic
def roster_assign(*, person: Person, start: datetime, end: datetime, actor: Person, note: str = "") -> tuple[RosterShift, list[str]]:
    """Record that `person` was assigned to work [start, end). Returns the shift and warnings:
    a pregnant or nursing woman assigned between 22:00 and 06:00 (survey item 15)."""
    if end <= start:
        raise ChaiqinError("排班迄時必須晚於起時。", field="end")
    if actor.pk != person.pk and not is_personnel_of(actor, person.agency) and person.supervisor_id != actor.pk \
            and not (person.unit.head_id == actor.pk):
        raise ChaiqinError("只有直屬主管、單位主管或人事人員可以指派排班。")
    shift = RosterShift.objects.create(person=person, start=start, end=end, assigned_by=actor, note=note,
                                       created_at=clock.now())
    warnings = [v.detail for v in night_violations(person.agency, [person], start.date(), end.date())]
    return shift, warnings


# --- leave without pay ---------------------------------------------------------------------

@transaction.atomic
def unpaid_leave_record(*, person: Person, reason: str, start: date, end: date, actor: Person,
                        original_title: str = "", was_supervisor: bool = False) -> UnpaidLeave:
    """Record a leave without pay (留職停薪) the agency granted."""
    _require_personnel(actor, person.agency)
    if end < start:
        raise ChaiqinError("預定迄日不可早於起日。", field="end")
    if reason not in UnpaidLeave.Reason.values:
        raise ChaiqinError("請選擇留職停薪事由。", field="reason")
    return UnpaidLeave.objects.create(person=person, reason=reason, start=start, end=end, entered_by=actor,
                                      original_title=original_title or person.title, was_supervisor=was_supervisor)


@transaction.atomic
def unpaid_leave_return(*, leave: UnpaidLeave, returned_on: date, returned_title: str, to_original: bool,
                        actor: Person, note: str = "") -> UnpaidLeave:
    """Record the return (回職復薪). Not to the original (supervisory) post needs its legal basis
    (公務人員留職停薪辦法第2條第2項、第9條第2項)."""
    _require_personnel(actor, leave.person.agency)
    if returned_on < leave.start:
        raise ChaiqinError("回職復薪日不可早於留職停薪起日。", field="returned_on")
    if not to_original and leave.reason in (UnpaidLeave.Reason.CHILD, UnpaidLeave.Reason.ADOPTION) and not note.strip():
        raise ChaiqinError("育嬰留職停薪人員回職復薪，除業務調整精簡、整併、改制、裁撤、移撥或當事人書面同意外，"
                           "應回復原（主管）職務；未回復者請填寫依據。",
                           citation="公務人員留職停薪辦法第2條第2項、第9條第2項", field="note")
    leave.returned_on, leave.returned_title = returned_on, returned_title
    leave.returned_to_original, leave.return_note = to_original, note.strip()
    leave.save(update_fields=["returned_on", "returned_title", "returned_to_original", "return_note"])
    return leave


# --- committees ----------------------------------------------------------------------------

@transaction.atomic
def committee_set_members(*, agency: Agency, year: int, kind: str, members: list[tuple[str, str]],
                          actor: Person) -> Committee:
    """Replace the members (name, gender) of the agency's committee of `year` (survey items 6, 7)."""
    _require_personnel(actor, agency)
    if kind not in Committee.Kind.values:
        raise ChaiqinError("委員會只能是考績委員會或甄審委員會。", field="kind")
    for name, gender in members:
        if not name.strip() or gender not in Person.Gender.values:
            raise ChaiqinError(f"委員「{name}」的姓名或性別不完整（性別請填 男 或 女）。", field="members")
    committee, _ = Committee.objects.get_or_create(agency=agency, year=year, kind=kind)
    committee.members.all().delete()
    CommitteeMember.objects.bulk_create(
        [CommitteeMember(committee=committee, name=name.strip(), gender=gender) for name, gender in members])
    return committee


# --- the survey ----------------------------------------------------------------------------

@transaction.atomic
def survey_answer_set(*, agency: Agency, year: int, number: int, answer: str, actor: Person,
                      reason: str = "", evidence: str = "") -> SurveyAnswer:
    """The personnel office answers item `number`: confirming the records' answer, answering an
    item the system cannot know (with evidence), or overriding the records with a reason."""
    _require_personnel(actor, agency)
    try:
        rules.survey_item_completed(number, answer, year=year)  # validates number and answer
    except rules.RuleInputError as exc:
        raise ChaiqinError(str(exc), citation="115年度「法定性別友善事項達成率」檢核表", field="answer") from None
    view = survey_item_view(agency, year, number)
    if view.derived is None:
        source = SurveyAnswer.Source.MANUAL
        if not evidence.strip():
            raise ChaiqinError(f"第 {number} 項系統無法由紀錄判斷，請填寫佐證說明（如規範名稱、公告處所、辦理情形）。",
                               field="evidence")
    elif answer == view.derived:
        source = SurveyAnswer.Source.CONFIRMED
    else:
        source = SurveyAnswer.Source.OVERRIDE
        if not reason.strip():
            raise ChaiqinError(f"第 {number} 項系統依紀錄判斷為「{view.derived}」，改填「{answer}」請說明更正理由。",
                               field="reason")
    text = evidence.strip() or "\n".join(view.evidence)
    row, _ = SurveyAnswer.objects.update_or_create(
        agency=agency, year=year, number=number,
        defaults=dict(answer=answer, source=source, derived=view.derived or "", evidence=text,
                      reason=reason.strip(), answered_by=actor, answered_at=clock.now()))
    return row


@transaction.atomic
def survey_confirm_derived(*, agency: Agency, year: int, actor: Person) -> int:
    """Confirm every answer the records give (overrides and manual answers are kept). Returns how many."""
    _require_personnel(actor, agency)
    count = 0
    for item in survey_view(agency, year).items:
        if item.derived is None or (item.stored and item.stored.source == SurveyAnswer.Source.OVERRIDE):
            continue
        SurveyAnswer.objects.update_or_create(
            agency=agency, year=year, number=item.number,
            defaults=dict(answer=item.derived, source=SurveyAnswer.Source.CONFIRMED, derived=item.derived,
                          evidence="\n".join(item.evidence), reason="", answered_by=actor, answered_at=clock.now()))
        count += 1
    return count


# --- travel card ---------------------------------------------------------------------------

@transaction.atomic
def travel_card_self_use_accept(*, person: Person, year: int, reason: str, actor: Person, note: str = "") -> TravelCardSelfUse:
    """The agency accepts that `person` cannot travel in `year`: the whole subsidy is self-use
    (休假改進措施第5點第1項第1款第4目)."""
    _require_personnel(actor, person.agency)
    if reason not in TravelCardSelfUse.Reason.values:
        raise ChaiqinError("請選擇認定事由（懷孕、身心障礙或重大傷病）。", field="reason")
    row, _ = TravelCardSelfUse.objects.update_or_create(
        person=person, year=year,
        defaults=dict(reason=reason, note=note.strip(), accepted_by=actor, accepted_at=clock.now()))
    return row
