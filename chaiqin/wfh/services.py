"""Every change to work from home (seed 000, 居家辦公作業規範): one entry point per state change.

Each runs in one transaction and refuses with a ChaiqinError naming the point of the rule;
nothing is half-written when it refuses. Figures (caps, deadlines, the checklist) come from
chaiqin.rules.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from chaiqin import clock, rowlocks, rules
from chaiqin.calendar import selectors as office_calendar
from chaiqin.compliance.models import ProtectionStatus
from chaiqin.compliance.services import protection_mark
from chaiqin.dates import TAIPEI, format_roc, format_roc_datetime
from chaiqin.dbguard import retry_on_deadlock
from chaiqin.errors import ChaiqinError
from chaiqin.org import access
from chaiqin.org.models import Person
from chaiqin.overtime.services import overtime_from_wfh
from chaiqin.workflow import occupancy
from chaiqin.workflow import services as workflow
from chaiqin.workflow.models import AuditEvent, Case, Step
from chaiqin.workflow.routing import PlannedStep, plan_route

from . import selectors
from .models import WfhApplication, WfhDay, WfhDecision, WfhLog, WfhLogItem, WfhOvertime, WfhWeekReport

# The rule's name, taken from the rules table (any row's citation starts with it).
RULE = rules.wfh_cap(0).citation.split("第3點")[0]
CITE_CAPS = f"{RULE}第3點"
CITE_REST = f"{RULE}第3點第3項"
CITE_SCHEDULE = f"{RULE}第5點第4款第1目"
CITE_HOURS = f"{RULE}第5點第4款第2目"
CITE_LOG = f"{RULE}第5點第3款第2目"
CITE_PLACE = f"{RULE}第5點第3款第1目"
CITE_BREACH = f"{RULE}第6點"
TERM_DAYS = 280  # the due date is 40+0 weeks (rules.wfh.gestation_weeks)


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def leave_form_url() -> str:
    """Where a person goes to ask for leave (the leave app's form, else its home, else "")."""
    for name in ("leave:new", "leave:request_new", "leave:create", "leave:home"):
        url = _url(name)
        if url:
            return url
    return ""


def _rule_error(exc: rules.RuleInputError, field: str | None = None) -> ChaiqinError:
    return ChaiqinError(str(exc), field=field)


def _lock(application: WfhApplication) -> WfhApplication:
    # The applicant, then the application (chaiqin.rowlocks' order); the agency row is only read.
    rowlocks.lock_person_once(application.person_id)
    return (WfhApplication.objects.select_for_update(of=("self",)).select_related("person", "person__agency")
            .get(pk=application.pk))


# ---------------------------------------------------------------- application


def wfh_application_check(*, actor: Person, relation: str, start: date, end: date, workplace: str,
                          due_date: date | None = None, gestation_weeks: int | None = None,
                          correcting: WfhApplication | None = None) -> date:
    """Every check of a WFH application, the one function that applying (wfh_application_submit)
    and correcting a returned one (wfh_application_resubmit) run; returns the due date.

    Give the expected date of delivery, or the completed gestation week today (the due date
    is then computed: 40 weeks on the due date). Refuses a due date in the past, a period
    starting before today or ending before it starts, a period outside 0–45 weeks of
    pregnancy, no agreed place of work, and a period overlapping another open application
    (the one being corrected excepted).
    """
    today = clock.today()
    if relation not in WfhApplication.Relation.values:
        raise ChaiqinError("請選擇本人懷孕或配偶懷孕。", field="relation")
    if due_date is None and gestation_weeks is None:
        raise ChaiqinError("請填寫預產期，或目前懷孕週數。", field="due_date")
    if due_date is None:
        try:
            rules.wfh_cap(gestation_weeks)
        except rules.RuleInputError as exc:
            raise _rule_error(exc, "gestation_weeks") from None
        due_date = today + timedelta(days=TERM_DAYS - 7 * gestation_weeks)
    if due_date < today:
        raise ChaiqinError(
            f"預產期 {format_roc(due_date)} 已經過去：居家辦公實施至分娩前為止，已分娩者不能申請；請確認預產期。",
            citation=f"{RULE}第3點第1項第3款", field="due_date",
        )
    if start < today:
        raise ChaiqinError(f"居家辦公起日 {format_roc(start)} 早於今天，請自今天以後起算（機關應按週預先排定）。",
                           citation=CITE_SCHEDULE, field="start")
    if end < start:
        raise ChaiqinError(f"居家辦公迄日 {format_roc(end)} 早於起日 {format_roc(start)}。", field="end")
    try:
        rules.wfh_weekly_caps(due_date, start, end)
    except rules.RuleInputError as exc:
        raise _rule_error(exc, "due_date") from None
    if not workplace.strip():
        raise ChaiqinError("請填寫約定之居家辦公地點。", citation=CITE_PLACE, field="workplace")
    clash = WfhApplication.objects.filter(person=actor, status__in=WfhApplication.ACTIVE,
                                          start__lte=end, end__gte=start)
    if correcting is not None:
        clash = clash.exclude(pk=correcting.pk)
    clash = clash.first()
    if clash is not None:
        raise ChaiqinError(
            f"您已有{clash.get_status_display()}的居家辦公申請（{format_roc(clash.start)} 至 {format_roc(clash.end)}），"
            "期間不能重疊。", field="start",
        )
    return due_date


def _application_title(application: WfhApplication) -> str:
    return (f"居家辦公申請 {format_roc(application.start)} 至 {format_roc(application.end)}"
            f"（預產期 {format_roc(application.due_date)}）")


@transaction.atomic
def wfh_application_submit(
    *,
    actor: Person,
    relation: str,
    start: date,
    end: date,
    workplace: str,
    due_date: date | None = None,
    gestation_weeks: int | None = None,
    own_device: bool = False,
    contact: str = "",
    note: str = "",
) -> WfhApplication:
    """Apply to work from home because the applicant or their spouse is pregnant (第3點; checks:
    wfh_application_check). Opens a workflow case of kind "wfh" (supervisor → unit head →
    personnel by default)."""
    due_date = wfh_application_check(actor=actor, relation=relation, start=start, end=end, workplace=workplace,
                                     due_date=due_date, gestation_weeks=gestation_weeks)
    application = WfhApplication.objects.create(
        person=actor, relation=relation, due_date=due_date, stated_weeks=gestation_weeks, start=start, end=end,
        workplace=workplace.strip(), own_device=own_device, contact=contact.strip(), note=note.strip(),
        created_at=clock.now(),
    )
    steps = plan_route(kind="wfh", applicant=actor)
    case = workflow.case_open(form=application, kind="wfh", applicant=actor, steps=steps,
                              title=_application_title(application))
    application.case = case
    application.save(update_fields=["case"])
    return application


@transaction.atomic
def wfh_application_resubmit(
    *,
    actor: Person,
    application: WfhApplication,
    relation: str,
    start: date,
    end: date,
    workplace: str,
    due_date: date | None = None,
    gestation_weeks: int | None = None,
    own_device: bool = False,
    contact: str = "",
    note: str = "",
) -> WfhApplication:
    """Correct a returned WFH application (every field) and send it again into the same case:
    the checks of applying (wfh_application_check), a fresh chain whose deciders answer the
    第4點 checklist anew (workflow.case_resubmit). A refusal changes nothing."""
    application = _lock(application)
    workflow.check_correctable(case=application.case, applicant_id=application.person_id, actor=actor,
                               label="居家辦公申請")
    due_date = wfh_application_check(actor=actor, relation=relation, start=start, end=end, workplace=workplace,
                                     due_date=due_date, gestation_weeks=gestation_weeks, correcting=application)
    values = dict(relation=relation, due_date=due_date, stated_weeks=gestation_weeks, start=start, end=end,
                  workplace=workplace.strip(), own_device=own_device, contact=contact.strip(), note=note.strip())
    for name, value in values.items():
        setattr(application, name, value)
    application.save(update_fields=list(values))
    title = _application_title(application)
    Case.objects.filter(pk=application.case_id).update(title=title)
    workflow.case_resubmit(case=application.case, actor=actor, steps=plan_route(kind="wfh", applicant=actor),
                           note=f"修正後重送：{title}")
    return application


@retry_on_deadlock
@transaction.atomic
def wfh_application_decide(
    *, actor: Person, application: WfhApplication, decision: str, answers: dict[str, bool], comment: str = ""
) -> WfhApplication:
    """Decide the current step of an application, answering the 第4點 checklist.

    The answers are stored with the decision (WfhDecision). Approving needs every
    `required` item confirmed (no mainland-China devices; an own device passed the security
    check and its data will be erased at the end); the `consider` items (nature of the work,
    on-site unit, home environment) are recorded for the decider's judgment.
    """
    application = _lock(application)
    if application.case_id is None or application.case.status != Case.Status.PENDING:
        raise ChaiqinError("此居家辦公申請目前不在簽核中。")
    step = application.case.steps.filter(status=Step.Status.CURRENT).first()
    if step is None:  # pragma: no cover - a pending case always has a current step
        raise ChaiqinError("此居家辦公申請目前不在簽核中。")
    clean = {key: bool(value) for key, value in answers.items()}
    if decision == "approve":
        try:
            unmet = rules.wfh_checklist_unmet(clean, own_device=application.own_device)
        except rules.RuleInputError as exc:
            raise _rule_error(exc) from None
        if unmet:
            raise ChaiqinError(
                "下列審核項目未符合，不能核准居家辦公：" + "；".join(item.text for item in unmet),
                citation=unmet[0].citation, code="checklist",
            )
    WfhDecision.objects.create(application=application, step=step, decider=actor, decision=decision, answers=clean,
                               comment=comment.strip(), at=clock.now())
    workflow.case_decide(case=application.case, actor=actor, decision=decision, comment=comment)
    application.refresh_from_db()
    return application


def on_application_approved(application: WfhApplication) -> None:
    """Workflow callback: the final approval must carry the checklist answers (第4點)."""
    last = application.case.steps.filter(status=Step.Status.APPROVED).order_by("-order").first()
    if not WfhDecision.objects.filter(application=application, step=last, decision="approve").exists():
        raise ChaiqinError("核准居家辦公申請須逐項填答第4點審核項目，請自申請內容頁面簽核。",
                           citation=f"{RULE}第4點", code="checklist")
    application.status = WfhApplication.Status.APPROVED
    application.save(update_fields=["status"])
    if application.relation == WfhApplication.Relation.SELF:
        _mark_pregnant(application)


def _mark_pregnant(application: WfhApplication) -> None:
    # An approved application for one's own pregnancy is the agency's knowledge that she is
    # pregnant: the night-work protection (survey item 15) must follow without a second entry.
    # The agency knew on the day she filed the application, not from the first WFH day.
    person = application.person
    filed = application.created_at.astimezone(TAIPEI).date()
    covered = ProtectionStatus.objects.filter(person=person, kind=ProtectionStatus.Kind.PREGNANT,
                                              start__lte=filed).exclude(end__lt=application.due_date)
    if not covered.exists():
        protection_mark(person=person, kind=ProtectionStatus.Kind.PREGNANT, start=filed, known_on=filed,
                        end=application.due_date, note="居家辦公申請（本人懷孕）提出日起註記", actor=person)


def on_application_closed(application: WfhApplication, status: str) -> None:
    application.status = (WfhApplication.Status.WITHDRAWN if status == Case.Status.WITHDRAWN
                          else WfhApplication.Status.REJECTED)
    application.save(update_fields=["status"])


def _require_agency_officer(actor: Person, application: WfhApplication, what: str) -> None:
    if not selectors.is_agency_officer(actor) or not access.can_see_person(actor, application.person):
        raise ChaiqinError(f"只有人事單位或機關首長可以{what}。")


@transaction.atomic
def wfh_application_set_flexible(
    *, actor: Person, application: WfhApplication, days: int | None, reason: str = ""
) -> WfhApplication:
    """The agency sets (or clears, with None) a flexible weekly number with its reason (第3點第2項)."""
    application = _lock(application)
    _require_agency_officer(actor, application, "彈性排定居家辦公日數")
    if days is None:
        application.flexible_days, application.flexible_reason = None, ""
        note = "取消機關彈性排定日數，回復第3點第1項每週日數。"
    else:
        weeks = rules.gestation_weeks(application.due_date, max(clock.today(), application.start))
        try:
            cap = rules.wfh_flexible_cap(weeks, days, reason=reason)
        except rules.RuleInputError as exc:
            raise ChaiqinError(exc.args[0], citation=f"{RULE}第3點第2項", field="flexible_days") from None
        application.flexible_days, application.flexible_reason = cap.days, cap.reason
        note = f"機關彈性排定每週居家辦公 {cap.days} 日（{cap.reason}）。"
    application.save(update_fields=["flexible_days", "flexible_reason"])
    if application.case_id:
        workflow.case_record(case=application.case, actor=actor, action=AuditEvent.Action.CHANGE, note=note)
    workflow.notify(person=application.person, message=f"您的居家辦公申請：{note}", case=application.case,
                    url=_url("wfh:application", application.pk))
    return application


def _cancel_days_from(application: WfhApplication, first: date, actor: Person, reason: str) -> int:
    """Cancel the planned days from `first` on that have no work log; returns how many."""
    now = clock.now()
    return (
        WfhDay.objects.filter(application=application, status=WfhDay.Status.PLANNED, date__gte=first, log__isnull=True)
        .update(status=WfhDay.Status.CANCELLED, reason=reason[:300], changed_by=actor, changed_at=now)
    )


def _end(application: WfhApplication, *, actor: Person, kind: str, on: date, reason: str) -> WfhApplication:
    if application.status != WfhApplication.Status.APPROVED:
        raise ChaiqinError(f"此居家辦公申請目前為「{application.get_status_display()}」，不能結束。")
    application.status = WfhApplication.Status.ENDED
    application.end_kind = kind
    application.ended_on = on
    application.end_reason = reason
    application.save(update_fields=["status", "end_kind", "ended_on", "end_reason", "delivered_on"])
    _cancel_days_from(application, on, actor, reason)
    if application.case_id:
        workflow.case_record(case=application.case, actor=actor, action=AuditEvent.Action.CHANGE,
                             note=f"自 {format_roc(on)} 起停止居家辦公：{application.get_end_kind_display()}（{reason}）")
    return application


@transaction.atomic
def wfh_application_stop(*, actor: Person, application: WfhApplication, reason: str, on: date | None = None) -> WfhApplication:
    """The agency stops a person's WFH for a breach of the rules (第6點), from `on` (default today)."""
    application = _lock(application)
    _require_agency_officer(actor, application, "停止同仁居家辦公")
    if not reason.strip():
        raise ChaiqinError("停止居家辦公須敘明違反之規定或情節。", citation=CITE_BREACH, field="reason")
    on = on or clock.today()
    _end(application, actor=actor, kind=WfhApplication.EndKind.BREACH, on=on, reason=reason.strip())
    workflow.notify(person=application.person, case=application.case, url=_url("wfh:application", application.pk),
                    message=f"機關依居家辦公作業規範第6點，自 {format_roc(on)} 起停止您的居家辦公：{reason.strip()}")
    return application


@transaction.atomic
def wfh_application_rest_order(
    *, actor: Person, application: WfhApplication, on: date, note: str = ""
) -> WfhApplication:
    """A doctor ordered pregnancy rest (安胎): WFH ends from `on`; the rest period is leave (第3點第3項).

    The applicant or the personnel office records it; the person is notified with a link to
    the leave form.
    """
    application = _lock(application)
    if actor.pk != application.person_id and not (
        selectors.is_agency_officer(actor) and access.can_see_person(actor, application.person)
    ):
        raise ChaiqinError("只有申請人本人或人事單位可以登記安胎休養。")
    reason = "經醫師診斷需安胎休養，休養期間依請假規定辦理" + (f"（{note.strip()}）" if note.strip() else "")
    _end(application, actor=actor, kind=WfhApplication.EndKind.REST, on=on, reason=reason)
    workflow.notify(person=application.person, case=application.case, url=leave_form_url(),
                    message=f"自 {format_roc(on)} 起安胎休養不以居家辦公代替，請依請假規定申請（居家辦公作業規範第3點第3項）。")
    return application


@transaction.atomic
def wfh_application_delivered(*, actor: Person, application: WfhApplication, delivered_on: date) -> WfhApplication:
    """Record the delivery: WFH ends the day before it (第3點第1項第3款「至分娩前」)."""
    application = _lock(application)
    if actor.pk != application.person_id and not (
        selectors.is_agency_officer(actor) and access.can_see_person(actor, application.person)
    ):
        raise ChaiqinError("只有申請人本人或人事單位可以登記分娩日。")
    if delivered_on > clock.today():
        raise ChaiqinError(f"分娩日 {format_roc(delivered_on)} 在今天之後，請於分娩後再登記。", field="delivered_on")
    application.delivered_on = delivered_on
    _end(application, actor=actor, kind=WfhApplication.EndKind.DELIVERY, on=delivered_on,
         reason=f"{format_roc(delivered_on)} 分娩")
    return application


# ---------------------------------------------------------------- schedule


def _check_plannable(application: WfhApplication, day: date, *, today: date, allow_today: bool = False) -> None:
    if day < today or (day == today and not allow_today):
        raise ChaiqinError(f"{format_roc(day)} 已到或已過，居家辦公日須預先排定。", citation=CITE_SCHEDULE, field="days")
    if not application.start <= day <= application.last_day:
        raise ChaiqinError(
            f"{format_roc(day)} 不在核准的居家辦公期間（{format_roc(application.start)} 至 "
            f"{format_roc(application.last_day)}）內。", field="days")
    info = office_calendar.day_info(application.person.agency, day)
    if not info.is_workday:
        raise ChaiqinError(f"{format_roc(day)} 為{info.name or '休息日'}，不是上班日，不必排定居家辦公。", field="days")


def _refuse_above_cap(application: WfhApplication, monday: date, count: int) -> None:
    cap = selectors.week_cap(application, max(monday, application.start))
    if cap is not None and count > cap.days:
        basis = "機關彈性排定（第3點第2項）" if cap.flexible else f"懷孕{cap.gestation_weeks}週"
        raise ChaiqinError(
            f"依居家辦公作業規範第3點，{basis}每週至多居家辦公 {cap.days} 日；"
            f"{format_roc(monday)} 起的這一週排定 {count} 日，超過上限。",
            citation=cap.citation, field="days", code="cap",
        )


def _refuse_overlap(person: Person, day: date) -> None:
    start, end = selectors.office_period(person.agency, day)
    occupancy.refuse_overlap(person, start, end)


@transaction.atomic
def wfh_week_plan(*, actor: Person, application: WfhApplication, week_start: date, days: list[date]) -> list[WfhDay]:
    """Plan the WFH days of one calendar week in advance (第5點第4款第1目), within the cap (第3點).

    `days` is the whole plan of the week: days not yet come that were planned and are left
    out are cancelled; days already come stay as they are. Refuses days outside the
    approved period, days off, days already come, days overlapping leave or a trip, and more
    days than the week's cap (naming 第3點 and the cap). Returns the week's planned days.
    """
    application = _lock(application)
    person = application.person
    if actor.pk != person.pk and not selectors.may_manage(actor, person):
        raise ChaiqinError("只有本人或其主管、人事單位可以排定居家辦公日。")
    if application.status != WfhApplication.Status.APPROVED:
        raise ChaiqinError(f"居家辦公申請目前為「{application.get_status_display()}」，核准後才能排定居家辦公日。")
    monday = selectors.monday_of(week_start)
    sunday = monday + timedelta(days=6)
    wanted = sorted(set(days))
    for day in wanted:
        if not monday <= day <= sunday:
            raise ChaiqinError(f"{format_roc(day)} 不在 {format_roc(monday)} 起的這一週。", field="days")
    today = clock.today()
    existing = list(WfhDay.objects.select_for_update().filter(person=person, date__range=(monday, sunday),
                                                                status=WfhDay.Status.PLANNED))
    kept = {d.date for d in existing if d.date <= today}
    final = kept | set(wanted)
    _refuse_above_cap(application, monday, len(final))
    have = {d.date for d in existing}
    new_days = [day for day in wanted if day not in have]
    for day in new_days:
        _check_plannable(application, day, today=today)
        _refuse_overlap(person, day)
    now = clock.now()
    dropped = [d for d in existing if d.date > today and d.date not in final]
    for d in dropped:
        if hasattr(d, "log"):
            raise ChaiqinError(f"{format_roc(d.date)} 已有工作日誌，不能取消。")
        d.status, d.changed_by, d.changed_at, d.reason = WfhDay.Status.CANCELLED, actor, now, "重新排定本週居家辦公日"
        d.save(update_fields=["status", "changed_by", "changed_at", "reason"])
    WfhDay.objects.bulk_create([
        WfhDay(application=application, person=person, date=day, planned_by=actor, planned_at=now) for day in new_days
    ])
    if new_days or dropped:
        listing = "、".join(format_roc(d) for d in sorted(final)) or "無"
        reviewer = selectors.reviewer_of(person)
        if reviewer is not None and reviewer.pk != actor.pk:
            workflow.notify(person=reviewer, url=_url("wfh:week", person.pk, monday.isoformat()),
                            message=f"{person.name}排定 {format_roc(monday)} 起一週居家辦公日：{listing}")
        if actor.pk != person.pk:
            workflow.notify(person=person, url=_url("wfh:week", person.pk, monday.isoformat()),
                            message=f"{actor.name}為您排定 {format_roc(monday)} 起一週居家辦公日：{listing}")
    return list(selectors.planned_days(person, monday, sunday))


def _manageable_day(actor: Person, day: WfhDay, reason: str, what: str) -> WfhDay:
    rowlocks.lock_person_once(day.person_id)
    day = (WfhDay.objects.select_for_update(of=("self",)).select_related("person", "person__agency", "application")
           .get(pk=day.pk))
    if not selectors.may_manage(actor, day.person):
        raise ChaiqinError(f"只有主管或人事單位可以{what}。")
    if day.status != WfhDay.Status.PLANNED:
        raise ChaiqinError(f"{format_roc(day.date)} 目前為「{day.get_status_display()}」，不能{what}。")
    if not reason.strip():
        raise ChaiqinError(f"{what}須敘明理由（業務、防疫、天災或其他特殊緊急狀態）。", citation=CITE_SCHEDULE,
                           field="reason")
    if day.date < clock.today():
        raise ChaiqinError(f"{format_roc(day.date)} 已過，不能{what}。")
    if hasattr(day, "log"):
        raise ChaiqinError(f"{format_roc(day.date)} 已有工作日誌，不能{what}。")
    return day


@transaction.atomic
def wfh_day_recall(*, actor: Person, day: WfhDay, reason: str) -> WfhDay:
    """Call the person back to the office on a planned WFH day, with a reason; they are notified (第5點第4款第1目)."""
    day = _manageable_day(actor, day, reason, "要求返回辦公場所")
    day.status, day.reason, day.changed_by, day.changed_at = WfhDay.Status.RECALLED, reason.strip(), actor, clock.now()
    day.save(update_fields=["status", "reason", "changed_by", "changed_at"])
    workflow.notify(person=day.person, url=_url("wfh:home"),
                    message=f"{actor.name}要求您 {format_roc(day.date)} 返回辦公場所辦公：{reason.strip()}")
    return day


@transaction.atomic
def wfh_day_move(*, actor: Person, day: WfhDay, to: date, reason: str) -> WfhDay:
    """Move a planned WFH day to another date, with a reason; the person is notified (第5點第4款第1目).

    The new date is checked as a newly planned day (period, workday, overlap, the cap of
    its week). Returns the new day; the old one stays as 「已調整日期」.
    """
    day = _manageable_day(actor, day, reason, "調整居家辦公日期")
    application, person = day.application, day.person
    if to == day.date:
        raise ChaiqinError("新的居家辦公日與原日期相同。", field="to")
    _check_plannable(application, to, today=clock.today(), allow_today=True)
    if WfhDay.objects.filter(person=person, date=to, status=WfhDay.Status.PLANNED).exists():
        raise ChaiqinError(f"{format_roc(to)} 已是居家辦公日。", field="to")
    monday = selectors.monday_of(to)
    others = WfhDay.objects.filter(person=person, date__range=(monday, monday + timedelta(days=6)),
                                   status=WfhDay.Status.PLANNED).exclude(pk=day.pk).count()
    _refuse_above_cap(application, monday, others + 1)
    _refuse_overlap(person, to)
    now = clock.now()
    day.status, day.reason, day.changed_by, day.changed_at = WfhDay.Status.MOVED, reason.strip(), actor, now
    day.save(update_fields=["status", "reason", "changed_by", "changed_at"])
    moved = WfhDay.objects.create(application=application, person=person, date=to, moved_from=day.date,
                                  reason=reason.strip(), planned_by=actor, planned_at=now)
    workflow.notify(person=person, url=_url("wfh:home"),
                    message=f"{actor.name}將您 {format_roc(day.date)} 的居家辦公調整至 {format_roc(to)}：{reason.strip()}")
    return moved


# ---------------------------------------------------------------- daily log


def _clean_items(items: list[dict]) -> list[dict]:
    progress = set(WfhLogItem.Progress.values)
    clean = []
    for number, row in enumerate(items, start=1):
        item = str(row.get("item", "")).strip()
        done = str(row.get("done", "")).strip()
        step = str(row.get("progress", "")).strip()
        if not item and not done:
            continue
        if not item or not done:
            raise ChaiqinError(f"第 {number} 列請同時填寫工作項目與執行情形。", field="items")
        if step not in progress:
            raise ChaiqinError(f"第 {number} 列請勾選工作進度：超前進度、符合進度或進度落後。", field="items")
        clean.append({"item": item[:200], "done": done, "progress": step})
    if not clean:
        raise ChaiqinError("工作日誌至少要填一項本日工作內容。", citation=CITE_LOG, field="items")
    return clean


@transaction.atomic
def wfh_log_submit(
    *, actor: Person, day: date, items: list[dict], work_start: time | None = None, work_end: time | None = None
) -> WfhLog:
    """Write (or correct, until reviewed) the daily work log of a WFH day and send it to the direct supervisor.

    第5點第3款第2目: each WFH day's work and progress go into the log (居家辦公工作日誌), sent
    daily to the direct supervisor. `items` are rows {item, done, progress} with progress one
    of ahead / on_track / behind. The working hours default to the agency's office hours
    (第5點第4款第2目). Refuses a day that is not a planned WFH day of the actor, a day not yet
    come, empty rows and a log already reviewed.
    """
    rowlocks.lock_person_once(actor.pk)
    wfh_day = (WfhDay.objects.select_for_update(of=("self",)).select_related("person__agency")
               .filter(person=actor, date=day, status=WfhDay.Status.PLANNED).first())
    if wfh_day is None:
        raise ChaiqinError(
            f"{format_roc(day)} 不是您排定的居家辦公日（或已被召回、調整），不能填寫居家辦公工作日誌。",
            citation=CITE_LOG, field="day", code="not_wfh_day",
        )
    if day > clock.today():
        raise ChaiqinError(f"{format_roc(day)} 還沒到，工作日誌請於當日登載。", citation=CITE_LOG, field="day")
    clean = _clean_items(items)
    agency = actor.agency
    work_start = work_start or agency.office_start
    work_end = work_end or agency.office_end
    if isinstance(work_start, str):
        work_start = time.fromisoformat(work_start)
    if isinstance(work_end, str):
        work_end = time.fromisoformat(work_end)
    if work_end <= work_start:
        raise ChaiqinError("下班時間須晚於上班時間。", citation=CITE_HOURS, field="work_end")
    now = clock.now()
    log = WfhLog.objects.select_for_update().filter(day=wfh_day).first()
    if log is not None and log.status == WfhLog.Status.REVIEWED:
        raise ChaiqinError(f"{format_roc(day)} 的工作日誌已經直屬主管審核，不能再修改。")
    if log is None:
        log = WfhLog.objects.create(day=wfh_day, person=actor, date=day, work_start=work_start, work_end=work_end,
                                    submitted_at=now)
    else:
        log.work_start, log.work_end, log.status, log.submitted_at = work_start, work_end, WfhLog.Status.SUBMITTED, now
        log.reviewer, log.reviewed_at, log.review_comment = None, None, ""
        log.save(update_fields=["work_start", "work_end", "status", "submitted_at", "reviewer", "reviewed_at",
                                "review_comment"])
        log.items.all().delete()
    WfhLogItem.objects.bulk_create([WfhLogItem(log=log, order=i, **row) for i, row in enumerate(clean, start=1)])
    reviewer = selectors.reviewer_of(actor)
    if reviewer is not None:
        workflow.notify(person=reviewer, url=_url("wfh:log", log.pk),
                        message=f"{actor.name} {format_roc(day)} 的居家辦公工作日誌待您審核")
    return log


@transaction.atomic
def wfh_log_review(*, actor: Person, log: WfhLog, decision: str, comment: str = "") -> WfhLog:
    """The direct supervisor reviews a daily log: "approve" (審核) or "return" with a reason (退回補正)."""
    rowlocks.lock_person_once(log.person_id)
    log = WfhLog.objects.select_for_update(of=("self",)).select_related("person", "person__unit").get(pk=log.pk)
    reviewer = selectors.reviewer_of(log.person)
    if reviewer is None or reviewer.pk != actor.pk:
        raise ChaiqinError("工作日誌由直屬主管審核，您不是此人的直屬主管。", citation=CITE_LOG)
    if log.status != WfhLog.Status.SUBMITTED:
        raise ChaiqinError(f"此工作日誌目前為「{log.get_status_display()}」，不能審核。")
    if decision not in ("approve", "return"):
        raise ChaiqinError("請選擇審核通過或退回補正。")
    if decision == "return" and not comment.strip():
        raise ChaiqinError("退回補正時，請填寫理由。", field="comment")
    log.status = WfhLog.Status.REVIEWED if decision == "approve" else WfhLog.Status.RETURNED
    log.reviewer, log.reviewed_at, log.review_comment = actor, clock.now(), comment.strip()
    log.save(update_fields=["status", "reviewer", "reviewed_at", "review_comment"])
    if decision == "return":
        workflow.notify(person=log.person, url=_url("wfh:log", log.pk),
                        message=f"您 {format_roc(log.date)} 的居家辦公工作日誌被退回補正：{comment.strip()}")
    return log


@transaction.atomic
def wfh_week_report(*, actor: Person, person: Person, week_start: date, note: str = "") -> WfhWeekReport:
    """The direct supervisor reports a person's week of logs to the unit head (每週陳報單位主管).

    Refuses while a log of the week still waits for review, and a week already reported.
    """
    reviewer = selectors.reviewer_of(person)
    if reviewer is None or reviewer.pk != actor.pk:
        raise ChaiqinError("工作日誌由直屬主管每週陳報單位主管，您不是此人的直屬主管。", citation=CITE_LOG)
    monday = selectors.monday_of(week_start)
    logs = WfhLog.objects.filter(person=person, date__range=(monday, monday + timedelta(days=6)))
    if not logs.exists():
        raise ChaiqinError(f"{person.name} {format_roc(monday)} 起的這一週沒有工作日誌可陳報。")
    if logs.exclude(status=WfhLog.Status.REVIEWED).exists():
        raise ChaiqinError("本週尚有工作日誌未審核，請先審核後再陳報單位主管。", citation=CITE_LOG)
    if WfhWeekReport.objects.filter(person=person, week_start=monday).exists():
        raise ChaiqinError("這一週已經陳報過單位主管。")
    head = person.unit.head
    if head is not None and head.pk in (actor.pk, person.pk):
        head = None
    report = WfhWeekReport.objects.create(person=person, week_start=monday, reported_by=actor, unit_head=head,
                                          reported_at=clock.now(), note=note.strip()[:300])
    if head is not None:
        workflow.notify(person=head, url=_url("wfh:week", person.pk, monday.isoformat()),
                        message=f"{actor.name}陳報 {person.name} {format_roc(monday)} 起一週的居家辦公工作日誌")
    return report


# ---------------------------------------------------------------- overtime


def _next_workday(agency):
    def following(day: date) -> date:
        found = office_calendar.workdays_between(agency, day + timedelta(days=1), day + timedelta(days=60))
        if not found:
            raise ChaiqinError(f"辦公日曆在 {format_roc(day)} 之後 60 日內沒有工作日，無法計算送核期限。")
        return found[0]
    return following


def wfh_overtime_route(*, applicant: Person, assigner: Person) -> list[PlannedStep]:
    """The assigning supervisor confirms first (第5點第4款第3目), then the usual overtime chain.

    plan_route treats "wfh_overtime" (no RouteRule, no default) with its fallback chain
    supervisor → unit head → personnel; the "assigner" role is added and moved to the front,
    and later steps of the same person are dropped so nobody is asked twice.
    """
    planned = plan_route(kind="wfh_overtime", applicant=applicant, assigner=assigner, extra_roles=("assigner",))
    first = [s for s in planned if s.role == Step.Role.ASSIGNER] or [PlannedStep(Step.Role.ASSIGNER, assigner)]
    return first + [s for s in planned if s.role != Step.Role.ASSIGNER and s.decider.pk != assigner.pk]


@transaction.atomic
def wfh_overtime_file(
    *, actor: Person, assigner: Person, start: datetime, end: datetime, work_done: str, evidence: str
) -> WfhOvertime:
    """File overtime assigned while working from home (第5點第4款第3目).

    Only assigned work outside the agreed hours, with its start and end and evidence (call
    log, messages, delivered documents), filed at the latest on the next working day after
    it ends (rules.wfh_overtime_filing_deadline on the office calendar), confirmed by the
    assigning supervisor (workflow kind "wfh_overtime").
    """
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise ChaiqinError("加班起訖時間須含時區。")
    if end <= start:
        raise ChaiqinError("加班迄時須晚於起時。", field="end")
    now = clock.now()
    if end > now:
        raise ChaiqinError("加班尚未結束，請於加班結束後再送核。", field="end")
    local_start = timezone.localtime(start)
    application = selectors.active_application(actor, local_start.date())
    if application is None:
        raise ChaiqinError(f"{format_roc(local_start.date())} 不在您核准的居家辦公期間內；一般加班請由加班申請辦理。",
                           field="start")
    if assigner.pk == actor.pk or assigner.agency_id != actor.agency_id or not access.can_see_person(assigner, actor):
        raise ChaiqinError("居家辦公加班須經指派工作執行職務之長官確認：請選擇指派工作的主管。",
                           citation=f"{RULE}第5點第4款第3目", field="assigner")
    if not work_done.strip():
        raise ChaiqinError("請填寫指派之工作內容。", field="work_done")
    if not evidence.strip():
        raise ChaiqinError("請附佐證資料（通話紀錄、訊息對話或完成文件交付紀錄）。",
                           citation=f"{RULE}第5點第4款第3目", field="evidence")
    deadline = rules.wfh_overtime_filing_deadline(timezone.localtime(end).replace(tzinfo=None),
                                                  _next_workday(actor.agency))
    if clock.today() > deadline.due:
        raise ChaiqinError(
            f"加班結束於 {format_roc_datetime(end)}，至遲應於次1工作日 {format_roc(deadline.due)} 送核，"
            "已逾期，不能送出。", citation=deadline.citation, field="end", code="late",
        )
    occupancy.refuse_overlap(actor, start, end)
    overtime = WfhOvertime.objects.create(
        application=application, person=actor, assigner=assigner, start=start, end=end,
        minutes=int((end - start).total_seconds() // 60), work_done=work_done.strip(), evidence=evidence.strip(),
        due=deadline.due, filed_at=now,
    )
    case = workflow.case_open(form=overtime, kind="wfh_overtime", applicant=actor,
                              steps=wfh_overtime_route(applicant=actor, assigner=assigner),
                              title=f"居家辦公加班 {format_roc_datetime(start)} 至 {format_roc_datetime(end)}")
    overtime.case = case
    overtime.save(update_fields=["case"])
    return overtime


def on_overtime_approved(overtime: WfhOvertime) -> None:
    """Confirmed: it becomes an overtime record, claimed like any approved overtime (pay, comp
    time or commendation) through the overtime app."""
    overtime.status = WfhOvertime.Status.APPROVED
    overtime.save(update_fields=["status"])
    overtime_from_wfh(wfh_overtime=overtime)


def on_overtime_closed(overtime: WfhOvertime, status: str) -> None:
    overtime.status = WfhOvertime.Status.WITHDRAWN if status == Case.Status.WITHDRAWN else WfhOvertime.Status.REJECTED
    overtime.save(update_fields=["status"])
