"""Every write of leave: submit, approve/close (from the workflow), cancel (銷假, a form of its own).

Rules at submission (issue 4): the type must be the person's regime's (rules.leave_type),
the period must end after it starts and contain working time (workdays only, except leave
counted in calendar days), event-bound leave must lie in its window (rules.check_leave_window),
no other leave, trip or WFH may claim the same minute (workflow.occupancy), and the quotas
and merges of rules.leave_charge must not be exceeded, counting pending requests (their
minutes are held in the ledger). The person's row is locked before anything is counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Iterable, Sequence

from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from chaiqin import clock, rowlocks, rules
from chaiqin.dates import format_roc, format_roc_datetime
from chaiqin.dbguard import retry_on_deadlock
from chaiqin.errors import ChaiqinError, refuses_rule_input
from chaiqin.org.models import Person, RoleAssignment
from chaiqin.workflow import occupancy, routing
from chaiqin.workflow import services as workflow
from chaiqin.workflow.models import AuditEvent, Case

from . import agents, durations, extension, ledger
from .attachments import Upload, check_upload
from .feed_tokens import new_token
from .models import (BalanceEntry, CalendarFeedToken, LeaveAttachment, LeaveCancellation, LeaveCancelRequest,
                     LeaveRequest)
from .selectors import _minus

COMP_TIME = ledger.COMP_TIME
PAY_LABELS = {"full": "全薪", "half": "半薪", "none": "不給薪"}


@dataclass(frozen=True)
class OfferedType:
    code: str
    name: str
    hourly: bool
    unit_minutes: int
    calendar_days: bool
    citation: str
    needs_event: bool


def leave_types_for(person: Person, on: date) -> list[OfferedType]:
    """The leave types offered to `person` on `on`: their regime's (rules.leave_types), for their sex,
    not status changes such as 育嬰留職停薪, plus 補休 when they have comp time left."""
    offered = []
    for t in rules.leave_types(person.regime, on):
        if t.is_status or (t.sex == "female" and person.gender != Person.Gender.FEMALE):
            continue
        needs_event = rules.leave_plan(t.regime, t.code, on=on).needs_event_date
        offered.append(OfferedType(t.code, t.name, t.hourly, t.unit_minutes, t.calendar_days, t.citation, needs_event))
    if ledger.comp_time_available(person, on) > 0:
        use = rules.comp_time_use(person.regime, on)
        offered.append(OfferedType(COMP_TIME, "補休", True, use.unit_minutes, False, use.citation, False))
    return offered


@dataclass
class Evaluation:
    """What a request would be: its type, minutes, left-out days, quota slices and what remains."""

    code: str
    name: str
    start: datetime
    end: datetime
    minutes: int
    left_out: list[str]
    parts: list[dict]
    remaining: list[tuple[str, int, int]] = field(default_factory=list)  # (label, before, after)
    comp_allocation: list[tuple[BalanceEntry, int]] = field(default_factory=list)
    citation: str = ""

    @property
    def pay_summary(self) -> str:
        totals: dict[str, int] = {}
        for p in self.parts:
            label = p.get("pay_label") or PAY_LABELS[p["pay"]]
            totals[label] = totals.get(label, 0) + p["minutes"]
        return "、".join(f"{k}{ledger.format_minutes(v)}" for k, v in totals.items())


def _aware(moment: datetime) -> datetime:
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _local_date(moment: datetime) -> date:
    return timezone.localtime(_aware(moment)).date()


def _rule_error(exc: rules.RuleInputError, citation: str = "") -> ChaiqinError:
    return ChaiqinError(str(exc), citation=citation, code="rule")


def _menstrual_month_minutes(person: Person, day: date, exclude_id: int | None) -> int:
    first = day.replace(day=1)
    last = rules.add_months(first, 1)
    qs = LeaveRequest.objects.filter(person=person, leave_code="menstrual", case__status__in=Case.OPEN + (Case.Status.APPROVED,),
                                     start__date__gte=first, start__date__lt=last)
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    agg = qs.aggregate(m=Sum("minutes"), c=Sum("cancelled_minutes"))
    return (agg["m"] or 0) - (agg["c"] or 0)


def _ledger_state(person: Person, keys: Iterable[str], on: date, event_date: date | None):
    """used and entitled minutes per quota key in the period of `on` (one query, no write).

    A yearly grant not posted yet counts as the law gives it (ledger.granted_minutes)."""
    periods = {k: ledger.period_of(person, k, on, event_date=event_date)[0] for k in keys}
    rows = (BalanceEntry.objects.filter(person=person, account__in=list(periods), period_start__in=set(periods.values()))
            .values_list("account", "period_start", "kind").annotate(s=Sum("minutes")))
    used: dict[str, int] = {}
    granted: dict[str, int] = {}
    posted: set[str] = set()
    for account, start, kind, total in rows:
        if periods.get(account) != start:
            continue
        if kind in ledger.CONSUMING:
            used[account] = used.get(account, 0) - total
        else:
            granted[account] = granted.get(account, 0) + total
            if kind == BalanceEntry.Kind.GRANT:
                posted.add(account)
    for key in periods:
        if key not in posted:
            law = ledger.granted_minutes(person, key, on)
            if law is not None:
                granted[key] = granted.get(key, 0) + law
    return used, granted


def evaluate(*, person: Person, leave_code: str, start: datetime, end: datetime, event_date: date | None = None,
             exclude_request: LeaveRequest | None = None) -> Evaluation:
    """Check a request as the rules of submission say and split it into quota slices. Writes nothing
    (a grant not posted yet counts as the law gives it). Raises ChaiqinError naming the rule that refuses it."""
    if start is None or end is None:
        raise ChaiqinError("請填寫請假起迄時間。", field="start")
    start, end = _aware(start), _aware(end)
    if end <= start:
        raise ChaiqinError("請假迄時必須晚於起時。", field="end", code="order")
    first_day = _local_date(start)
    _refuse_unpaid_leave_days(person, first_day, _local_date(end - timedelta(microseconds=1)))
    if leave_code == COMP_TIME:
        return _evaluate_comp_time(person, start, end, first_day)
    try:
        ltype = rules.leave_type(person.regime, leave_code, first_day)
    except rules.RuleInputError as exc:
        raise ChaiqinError(f"{exc}請改選{rules.REGIMES[person.regime]}適用之假別。", code="type", field="leave_code") from None
    if ltype.is_status:
        raise ChaiqinError(f"{ltype.name}非請假，請洽人事室辦理。", citation=ltype.citation, code="type")
    if ltype.sex == "female" and person.gender != Person.Gender.FEMALE:
        raise ChaiqinError(f"{ltype.name}僅適用女性同仁。", citation=ltype.citation, code="type")
    measured = durations.measure(person.agency, start, end, calendar_days=ltype.calendar_days)
    if measured.minutes == 0:
        raise ChaiqinError("請假期間沒有任何上班時間，無須請假：" + "".join(measured.left_out),
                           citation=ltype.citation, code="no_workday", field="start")
    if rules.leave_plan(person.regime, leave_code, on=first_day).needs_event_date:
        if event_date is None:
            raise ChaiqinError(f"{ltype.name}須填寫事實發生日（結婚登記日、死亡日或分娩日）。", field="event_date", code="window")
        last_day = _local_date(end - timedelta(microseconds=1))
        for day in (first_day, last_day):
            check = rules.check_leave_window(person.regime, leave_code, event_date=event_date, leave_date=day)
            if not check.ok:
                raise ChaiqinError(f"{ltype.name}：{check.reason}", citation=check.citation, code="window", field="start")
    requested, counted_note = measured.minutes, ""
    if leave_code == extension.CODE:
        requested, counted_note = _extension_minutes(person, measured.minutes, first_day,
                                                     _local_date(end - timedelta(microseconds=1)),
                                                     exclude_request.pk if exclude_request else None)
    hired = ledger.seniority_start(person)
    plan = rules.leave_plan(person.regime, leave_code, on=first_day)
    keys = {leave_code, "annual", *plan.pools, *plan.after_used_up}
    used, granted = _ledger_state(person, keys, first_day, event_date)
    entitled = {k: Decimal(v) / Decimal(ledger.DAY_MINUTES) for k, v in granted.items()}
    entitled.setdefault("annual", Decimal(0))
    try:
        charge = rules.leave_charge(
            person.regime, leave_code, requested_minutes=requested, used=used, on=first_day,
            entitled=entitled, hired=min(hired, first_day), day_minutes=ledger.DAY_MINUTES,
            menstrual_month_minutes=_menstrual_month_minutes(person, first_day, exclude_request.pk if exclude_request else None)
            if leave_code == "menstrual" else 0)
    except rules.RuleInputError as exc:
        raise ChaiqinError(str(exc), citation=ltype.citation, code="rule") from None
    deducted_label = rules.deducted_pay_label(person.regime)
    parts = [{"quotas": list(p.quotas) + ([ledger.PAY_DEDUCTED] if p.deducted else []), "minutes": p.minutes,
              "pay": p.pay, "pay_label": deducted_label if p.deducted else PAY_LABELS[p.pay],
              "explanation": p.explanation, "citation": p.citation, "beyond": p.beyond_entitlement,
              "deducted": p.deducted, "returned": 0}
             for p in charge.parts]
    if charge.refused:
        beyond = next(p for p in charge.parts if p.beyond_entitlement and not p.deducted)
        raise ChaiqinError(f"{ltype.name}額度不足：申請{ledger.format_minutes(requested)}，其中"
                           f"{ledger.format_minutes(beyond.minutes)}超過可用額度。{beyond.explanation}",
                           citation=beyond.citation, code="quota")
    if counted_note:
        parts[0]["explanation"] += counted_note
    remaining = []
    touched = []
    for p in parts:
        for key in p["quotas"]:
            if key not in touched:
                touched.append(key)
    for key in touched:
        if key in granted or key in ("annual",):
            before = granted.get(key, 0) - used.get(key, 0)
            take = sum(p["minutes"] for p in parts if key in p["quotas"])
            name = ltype.name if key == leave_code else _name(person, key, first_day)
            remaining.append((name, before, before - take))
    return Evaluation(leave_code, ltype.name, start, end, requested, measured.left_out, parts, remaining,
                      citation=ltype.citation)


def _extension_minutes(person: Person, minutes: int, first: date, last: date, exclude_pk: int | None) -> tuple[int, str]:
    """延長病假: refuse a request crossing into the next (school) year, whose 事假 and 病假 come first
    (rules.extended_sick_year_crossing); add a teacher's break between two spells, counted and not
    deducted (rules.extended_sick_bridged_days). Returns the minutes to charge and a note saying why."""
    crossing = rules.extended_sick_year_crossing(person.regime, first, last)
    if not crossing.ok:
        raise ChaiqinError(crossing.reason, citation=crossing.citation, code="window", field="end")
    bridged = extension.bridged_days(person, first, exclude_pk=exclude_pk)
    if not bridged:
        return minutes, ""
    return minutes + bridged * ledger.DAY_MINUTES, (
        f"前次延長病假銷假後，開學後再請，視為未中斷：其間寒暑假{bridged}日計入延長病假，不得扣除。")


def _refuse_unpaid_leave_days(person: Person, first: date, last: date) -> None:
    """留職停薪 suspends the duty to work: leave, which excuses from work, has nothing to excuse on its
    days (rules.unpaid_leave_rule names the act)."""
    for start, end in ledger.unpaid_leave_spans(person):
        if start <= last and (end is None or end >= first):
            until = f"至{format_roc(end)}" if end else "起（尚未復職）"
            raise ChaiqinError(f"{format_roc(start)}{until}為留職停薪期間，不必上班，亦不得請假；"
                               "請假期間須在復職之後。", code="status",
                               citation=rules.unpaid_leave_rule(person.regime, first).citation)


def _name(person: Person, key: str, on: date) -> str:
    try:
        return rules.leave_type(person.regime, key, on).name
    except rules.RuleInputError:
        return key


def _evaluate_comp_time(person: Person, start: datetime, end: datetime, first_day: date) -> Evaluation:
    measured = durations.measure(person.agency, start, end)
    if measured.minutes == 0:
        raise ChaiqinError("補休期間沒有任何上班時間，無須補休：" + "".join(measured.left_out), code="no_workday")
    use = rules.comp_time_use(person.regime, first_day)
    if measured.minutes % use.unit_minutes:
        raise ChaiqinError(f"補休以{use.unit_minutes // 60}小時為單位，請調整起迄時間。", citation=use.citation,
                           code="unit")
    before = ledger.comp_time_available(person, first_day)
    allocation = ledger.comp_time_allocate(person, measured.minutes, first_day)
    explanation = "以加班補休抵充，依加班事實發生先後順序使用：" + "、".join(
        f"{format_roc(g.earned_on)}取得（期限{format_roc(g.expires_on)}）{ledger.format_minutes(m)}" for g, m in allocation)
    parts = [{"quotas": [COMP_TIME], "minutes": measured.minutes, "pay": "full", "pay_label": "全薪",
              "explanation": explanation, "citation": use.citation, "beyond": False, "returned": 0}]
    return Evaluation(COMP_TIME, "補休", start, end, measured.minutes, measured.left_out, parts,
                      [("補休", before, before - measured.minutes)], allocation, citation=use.citation)


def _check_agent_and_overlap(person: Person, agent: Person | None, start: datetime, end: datetime, *,
                             exclude: tuple[str, int] | None = None) -> None:
    """The agent must be a colleague free during [start, end), and the applicant must be free too
    (workflow.occupancy; one look-up for both)."""
    if agent is None:
        raise ChaiqinError("請指定職務代理人：請假期間之職務須由代理人同意代理，代理人為簽核之第一關。", field="agent", code="agent")
    if agent.pk == person.pk:
        raise ChaiqinError("職務代理人不能是自己。", field="agent", code="agent")
    if agent.agency_id != person.agency_id or agent.status != Person.Status.ACTIVE:
        raise ChaiqinError("職務代理人必須是本機關在職人員。", field="agent", code="agent")
    first, last = _local_date(start), _local_date(end - timedelta(microseconds=1))
    if any(s <= last and (e is None or e >= first) for s, e in ledger.unpaid_leave_spans(agent)):
        raise ChaiqinError(f"職務代理人{agent.name}於請假期間留職停薪，無法代理。", field="agent", code="agent")
    busy = occupancy.busy_of([person, agent], start, end)
    clash = busy[agent.pk]
    if clash:
        raise ChaiqinError(f"職務代理人{agent.name}於{format_roc_datetime(clash[0].start)}起亦有{clash[0].label}，無法代理。",
                           field="agent", code="agent")
    mine = [b for b in busy[person.pk] if exclude is None or (b.kind, b.form_id) != exclude]
    if mine:
        raise occupancy.overlap_error(mine)


def _post_grants(person: Person, ev: Evaluation) -> None:
    """The yearly grants of the quotas a request draws on, posted before its holds (evaluate
    counted them as the law gives them; posting them makes the ledger show the same)."""
    first_day = _local_date(ev.start)
    for key in {k for p in ev.parts for k in p["quotas"]} | {"annual"}:
        if key not in (COMP_TIME, ledger.PAY_DEDUCTED):
            ledger.ensure_grant(person, key, first_day)


def _hold_rows(person: Person, req: LeaveRequest, ev: Evaluation, case: Case) -> None:
    _post_holds(person, ev, case, event_date=req.event_date)


def _post_holds(person: Person, ev: Evaluation, case: Case, *, event_date: date | None = None, prefix: str = "") -> None:
    first_day = _local_date(ev.start)
    note = f"{prefix}{ev.name} {format_roc_datetime(ev.start)}至{format_roc_datetime(ev.end)}"
    if ev.code == COMP_TIME:
        for grant, minutes in ev.comp_allocation:
            ledger.post(person=person, account=COMP_TIME, kind=BalanceEntry.Kind.HOLD, minutes=-minutes,
                        period_start=grant.period_start, period_end=grant.period_end, earned_on=grant.earned_on,
                        expires_on=grant.expires_on, source=grant, case=case, note=note + "（申請中）")
        return
    for part in ev.parts:
        for key in part["quotas"]:
            start, end = ledger.period_of(person, key, first_day, event_date=event_date)
            ledger.post(person=person, account=key, kind=BalanceEntry.Kind.HOLD, minutes=-part["minutes"],
                        period_start=start, period_end=end, case=case, note=note + "（申請中）")


def leave_request_check(*, person: Person, leave_code: str, start: datetime, end: datetime, agent: Person | None,
                        event_date: date | None = None, correcting: LeaveRequest | None = None) -> Evaluation:
    """Every check of submission, the one function that 送出 (leave_request_submit, _resubmit) and
    試算 (leave_request_preview) run: the rules of `evaluate` (type, period, window, quotas), the
    agent, overlaps with the person's other leave, trips and WFH days (workflow.occupancy; the
    request being corrected excepted), and a chain with someone to decide it. Returns the
    evaluation; raises ChaiqinError naming the rule. Call with the person's row locked."""
    ev = evaluate(person=person, leave_code=leave_code, start=start, end=end, event_date=event_date,
                  exclude_request=correcting)
    _check_agent_and_overlap(person, agent, ev.start, ev.end, exclude=("leave", correcting.pk) if correcting else None)
    routing.plan_route(kind="leave", applicant=person, minutes=ev.minutes, agent=agent)
    return ev


def _correctable(request: LeaveRequest, actor: Person) -> LeaveRequest:
    """`request` locked, if `actor` applied for it and it was returned for correction; else refuse."""
    req = LeaveRequest.objects.select_for_update(of=("self",)).select_related("case").get(pk=request.pk)
    if actor.pk != req.person_id:
        raise ChaiqinError("只有申請人本人可以修正並重新送出請假單。", code="permission")
    if req.case is None or req.case.status != Case.Status.RETURNED:
        status = req.case.get_status_display() if req.case else "草稿"
        raise ChaiqinError(f"此請假單為「{status}」，只有被退回修正的請假單可以修正後重送。", code="state")
    return req


@refuses_rule_input
def leave_request_preview(*, person: Person, leave_code: str, start: datetime, end: datetime, agent: Person | None,
                          event_date: date | None = None, correcting: LeaveRequest | None = None,
                          attachments: Iterable[Upload] = ()) -> Evaluation:
    """試算: what 送出 would say, by running leave_request_check exactly as submission does (with
    the attachments' checks), inside a transaction that is then rolled back, so nothing it
    touches stays: lazily posted yearly grants, and when `correcting` a returned request, its own
    holds lifted for the count as its resubmission lifts them. Raises ChaiqinError as 送出 would."""
    with transaction.atomic():
        for u in attachments:
            check_upload(u)
        person = rowlocks.lock_person(person.pk, related=("agency", "unit"))
        if correcting is not None:
            correcting = _correctable(correcting, person)
            _release_holds(correcting.case, "試算")
        ev = leave_request_check(person=person, leave_code=leave_code, start=start, end=end, agent=agent,
                                 event_date=event_date, correcting=correcting)
        transaction.set_rollback(True)
    return ev


@refuses_rule_input
@retry_on_deadlock
@transaction.atomic
def leave_request_submit(*, person: Person, leave_code: str, start: datetime, end: datetime, agent: Person | None,
                         reason: str = "", event_date: date | None = None,
                         attachments: Iterable[Upload] = (),
                         more_agents: Sequence[agents.AgentPeriod] = (), filed_by: Person | None = None) -> LeaveRequest:
    """Check (leave_request_check) and file a leave request, hold its minutes in the ledger and
    open its case (agent first).

    `more_agents`: further agents, each for part of the period (leave/agents.py), asked after the first.
    `filed_by`: the personnel officer filing it for `person` (代填, workflow.services.case_open).

    `more_agents`: further agents, each for part of the period (leave/agents.py), asked after the first.
    `filed_by`: the personnel officer filing it for `person` (代填, workflow.services.case_open).

    Everything happens in one transaction after locking the person's row: a refusal
    (ChaiqinError) leaves nothing saved.
    """
    uploads = [check_upload(u) for u in attachments]
    person = rowlocks.lock_person(person.pk, related=("agency", "unit"))
    ev = leave_request_check(person=person, leave_code=leave_code, start=start, end=end, agent=agent,
                             event_date=event_date)
    _post_grants(person, ev)
    agents.check_periods(person, agent, more_agents, ev.start, ev.end)
    req = LeaveRequest.objects.create(
        person=person, leave_code=ev.code, leave_name=ev.name, start=ev.start, end=ev.end, minutes=ev.minutes,
        event_date=event_date, reason=reason.strip()[:300], agent=agent, charge=ev.parts, left_out=ev.left_out,
        created_at=clock.now())
    for u in uploads:
        LeaveAttachment.objects.create(request=req, name=u.name[:200], content_type=u.content_type, size=len(u.data), data=u.data)
    agents.save_periods(req, more_agents)
    steps = routing.plan_route(kind="leave", applicant=person, minutes=ev.minutes, agent=agent,
                               agents=agents.deciders(agent, more_agents))
    title = _title(ev)
    case = workflow.case_open(form=req, kind="leave", applicant=person, title=title, steps=steps, note=reason.strip()[:500],
                              filed_by=filed_by)
    req.case = case
    req.save(update_fields=["case"])
    _hold_rows(person, req, ev, case)
    return req


def _release_holds(case: Case, note: str) -> None:
    for _, held, row in _open_holds(case):
        _post_like(row, kind=BalanceEntry.Kind.RELEASE, minutes=-held, note=note)


def _title(ev: Evaluation) -> str:
    return f"{ev.name} {format_roc_datetime(ev.start)}至{format_roc_datetime(ev.end)}（{ledger.format_minutes(ev.minutes)}）"


@refuses_rule_input
@retry_on_deadlock
@transaction.atomic
def leave_request_resubmit(*, request: LeaveRequest, actor: Person, leave_code: str, start: datetime, end: datetime,
                           agent: Person | None, reason: str = "", event_date: date | None = None,
                           attachments: Iterable[Upload] = (), remove_attachments: Iterable[int] = ()) -> LeaveRequest:
    """Correct a returned request (type, period, agent, reason, attachments) and send it again.

    In one transaction, after locking the person's and the request's rows: the old holds are
    released, the corrected request is evaluated with every rule of submission as if new
    (quotas, windows, overlaps except with itself, the agent), the new holds are posted and
    the case goes through a fresh chain (workflow.case_resubmit). A refusal (ChaiqinError)
    rolls everything back: the request, its holds and its case stay as they were.
    """
    uploads = [check_upload(u) for u in attachments]
    person = rowlocks.lock_person(request.person_id, related=("agency", "unit"))
    req = _correctable(request, actor)
    _release_holds(req.case, "退回修正，解除原保留")
    ev = leave_request_check(person=person, leave_code=leave_code, start=start, end=end, agent=agent,
                             event_date=event_date, correcting=req)
    _post_grants(person, ev)
    agents.save_periods(req, ())  # the corrected request names its agent anew; spans of the returned one go
    req.leave_code, req.leave_name, req.start, req.end, req.minutes = ev.code, ev.name, ev.start, ev.end, ev.minutes
    req.event_date, req.reason, req.agent, req.charge, req.left_out = (event_date, reason.strip()[:300], agent,
                                                                       ev.parts, ev.left_out)
    req.save(update_fields=["leave_code", "leave_name", "start", "end", "minutes", "event_date", "reason", "agent",
                            "charge", "left_out"])
    remove = [int(i) for i in remove_attachments]
    if remove:
        req.attachments.filter(pk__in=remove).delete()
    for u in uploads:
        LeaveAttachment.objects.create(request=req, name=u.name[:200], content_type=u.content_type, size=len(u.data), data=u.data)
    steps = routing.plan_route(kind="leave", applicant=person, minutes=ev.minutes, agent=agent)
    title = _title(ev)
    # the case's subject names the corrected period (the inbox shows it); the audit trail keeps the old one
    Case.objects.filter(pk=req.case_id).update(title=title[:200])
    workflow.case_resubmit(case=req.case, actor=actor, steps=steps, note=f"修正後重送：{title}"[:500])
    req.case.refresh_from_db()
    _hold_rows(person, req, ev, req.case)
    return req


def _open_holds(case: Case) -> list[tuple[tuple, int, BalanceEntry]]:
    """Net held minutes per (account, period, source) of `case` (negative = still held)."""
    net: dict[tuple, list] = {}
    for row in BalanceEntry.objects.filter(case=case, kind__in=(BalanceEntry.Kind.HOLD, BalanceEntry.Kind.RELEASE)).order_by("pk"):
        key = (row.account, row.period_start, row.period_end, row.source_id)
        if key not in net:
            net[key] = [0, row]
        net[key][0] += row.minutes
    return [(k, v[0], v[1]) for k, v in net.items() if v[0] < 0]


def _post_like(row: BalanceEntry, *, kind: str, minutes: int, note: str) -> None:
    ledger.post(person=row.person, account=row.account, kind=kind, minutes=minutes, period_start=row.period_start,
                period_end=row.period_end, earned_on=row.earned_on, expires_on=row.expires_on, source=row.source,
                case=row.case, note=note)


def leave_request_approved(form: LeaveRequest) -> None:
    """Workflow callback, inside the deciding transaction: the held minutes become used."""
    for _, held, row in _open_holds(form.case):
        _post_like(row, kind=BalanceEntry.Kind.RELEASE, minutes=-held, note="核准，解除保留")
        _post_like(row, kind=BalanceEntry.Kind.USE, minutes=held, note=f"核准使用：{form.case.title}")


def leave_request_closed(form: LeaveRequest, status: str) -> None:
    """Workflow callback on rejection or withdrawal: the held minutes are released."""
    label = dict(Case.Status.choices).get(status, status)
    _release_holds(form.case, f"{label}，解除保留")


@dataclass(frozen=True)
class CancelPiece:
    """One period a 銷假 gives back, trimmed to working time, with its minutes per day."""

    start: datetime
    end: datetime
    minutes: int
    by_day: list[tuple[date, int]]


def _calendar_days(person: Person, req: LeaveRequest) -> bool:
    if req.leave_code == COMP_TIME:
        return False
    try:
        return rules.leave_type(person.regime, req.leave_code, _local_date(req.start)).calendar_days
    except rules.RuleInputError:
        return False


def _cancel_holes(req: LeaveRequest) -> list[tuple[datetime, datetime]]:
    """Periods of `req` already given back or asked back by a 銷假單 still waiting for approval."""
    holes = [(c.start, c.end) for c in req.cancellations.all()]
    for form in req.cancel_requests.filter(case__status__in=Case.OPEN):
        holes += [(datetime.fromisoformat(s), datetime.fromisoformat(e)) for s, e, _ in form.pieces]
    return holes


def leave_cancel_plan(*, request: LeaveRequest, actor: Person, start: datetime | None = None,
                      end: datetime | None = None, whole: bool = False) -> list[CancelPiece]:
    """What a 銷假 of `request` would give back: every check of leave_cancel_submit (the confirmation
    page and the submission run this one function). `whole` asks back all that is left; otherwise
    [start, end) is clamped to the request and trimmed to working time, so a whole day typed as
    00:00 to 24:00 reads as that day's office hours. Reads only; raises ChaiqinError."""
    if actor.pk != request.person_id:
        raise ChaiqinError("只有申請人本人可以申請銷假。", code="permission")
    if request.case is None or request.case.status != Case.Status.APPROVED:
        status = request.case.get_status_display() if request.case else "草稿"
        raise ChaiqinError(f"此請假單為「{status}」，只有已核准的請假可以銷假。", code="state")
    if not whole and start is None and end is None:
        raise ChaiqinError("請填寫銷假起迄日期，或勾選「全部銷假」。", code="empty", field="start_date")
    holes = _cancel_holes(request)
    if whole:
        periods = _minus(request.start, request.end, holes)
    else:
        s = max(_aware(start), request.start) if start else request.start
        e = min(_aware(end), request.end) if end else request.end
        if e <= s:
            raise ChaiqinError("銷假期間必須在原請假期間之內，且迄時晚於起時。", code="range", field="start_date")
        if any(h0 < e and h1 > s for h0, h1 in holes):
            raise ChaiqinError("此段期間已經銷假，或已有銷假單簽核中。", code="overlap", field="start_date")
        periods = [(s, e)]
    person = request.person
    calendar_days = _calendar_days(person, request)
    pieces = []
    for p0, p1 in periods:
        trimmed = durations.trim_to_work(person.agency, p0, p1, calendar_days=calendar_days)
        if trimmed is not None:
            found = durations.measure(person.agency, *trimmed, calendar_days=calendar_days)
            pieces.append(CancelPiece(trimmed[0], trimmed[1], found.minutes, found.by_day))
    if not pieces:
        raise ChaiqinError("銷假期間沒有任何請假時數（皆非上班時間）。", code="no_workday", field="start_date")
    pending = sum(int(m) for f in request.cancel_requests.filter(case__status__in=Case.OPEN) for _, _, m in f.pieces)
    if sum(p.minutes for p in pieces) > request.minutes - request.cancelled_minutes - pending:
        raise ChaiqinError("銷假時數超過尚未銷假之請假時數。", code="range")
    return pieces


def _cancel_title(req: LeaveRequest, first: datetime, last: datetime, minutes: int) -> str:
    return (f"{req.leave_name}銷假 {format_roc_datetime(first)}至{format_roc_datetime(last)}"
            f"（{ledger.format_minutes(minutes)}）")


@retry_on_deadlock
@transaction.atomic
def leave_cancel_submit(*, request: LeaveRequest, actor: Person, start: datetime | None = None,
                        end: datetime | None = None, whole: bool = False, reason: str = "") -> LeaveCancelRequest:
    """File a 銷假單 for an approved request (leave_cancel_plan's checks) and send it through the
    chain of the original request: the agency's chain for "leave_cancel" where it set one, else
    its chain for leave without the agent (the agent is told when it is approved). Nothing is
    given back until the last decider approves (leave_cancel_approved)."""
    person = rowlocks.lock_person(request.person_id, related=("agency", "unit"))
    req = LeaveRequest.objects.select_for_update(of=("self",)).select_related("case", "person__agency").get(pk=request.pk)
    pieces = leave_cancel_plan(request=req, actor=actor, start=start, end=end, whole=whole)
    minutes = sum(p.minutes for p in pieces)
    form = LeaveCancelRequest.objects.create(
        request=req, start=pieces[0].start, end=pieces[-1].end, minutes=minutes, reason=reason.strip()[:300],
        pieces=[[p.start.isoformat(), p.end.isoformat(), p.minutes] for p in pieces], created_at=clock.now())
    steps = routing.plan_route(kind="leave_cancel", like="leave", applicant=person, minutes=req.minutes)
    title = _cancel_title(req, pieces[0].start, pieces[-1].end, minutes)
    form.case = workflow.case_open(form=form, kind="leave_cancel", applicant=person, title=title[:200], steps=steps,
                                   note=reason.strip()[:500])
    form.save(update_fields=["case"])
    workflow.case_record(case=req.case, actor=actor, action=AuditEvent.Action.NOTE, note=f"申請{title}"[:500])
    return form


def leave_request_cancel(*, request: LeaveRequest, actor: Person, start: datetime | None = None,
                         end: datetime | None = None, whole: bool = False,
                         reason: str = "") -> LeaveCancelRequest | None:
    """The applicant's 銷假 button: a request still waiting for approval is withdrawn (its holds are
    released; returns None); an approved one gets a 銷假單 (leave_cancel_submit; returns it)."""
    if actor.pk != request.person_id:
        raise ChaiqinError("只有申請人本人可以銷假或撤回請假。", code="permission")
    if request.case is not None and request.case.status in Case.OPEN:
        workflow.case_withdraw(case=request.case, actor=actor, reason=reason or "申請人撤回")
        return None
    return leave_cancel_submit(request=request, actor=actor, start=start, end=end, whole=whole, reason=reason)


def leave_cancel_approved(form: LeaveCancelRequest) -> None:
    """Workflow callback, inside the deciding transaction: the 銷假單 is approved, so its periods
    become LeaveCancellation rows, the quota comes back as reversal rows, the original case
    records it (closed as cancelled when nothing is left), and the agent, the deciders of the
    original request and the personnel office are told."""
    person = rowlocks.lock_person(form.request.person_id, related=("agency",))
    req = LeaveRequest.objects.select_for_update(of=("self",)).select_related("case", "agent").get(pk=form.request_id)
    for s, e, minutes in form.pieces:
        _cancel_piece(person, req, datetime.fromisoformat(s), datetime.fromisoformat(e), int(minutes), form.reason)
    req.save(update_fields=["charge", "cancelled_minutes"])
    close = Case.Status.CANCELLED if req.cancelled_minutes >= req.minutes else None
    decided = form.case.steps.filter(acted_by__isnull=False).order_by("-order").select_related("acted_by").first()
    actor = decided.acted_by if decided else person
    note = f"核准{form.case.title}" + (f"：{form.reason}" if form.reason else "")
    workflow.case_record(case=req.case, actor=actor, action=AuditEvent.Action.CANCEL, note=note[:500], close_as=close)
    _tell_about_cancellation(req, form, person)


def _tell_about_cancellation(req: LeaveRequest, form: LeaveCancelRequest, person: Person) -> None:
    told = {person.pk}
    people = [req.agent] if req.agent else []
    people += [s.decider for s in req.case.steps.select_related("decider").order_by("order")]
    people += [a.person for a in RoleAssignment.objects.filter(agency_id=person.agency_id, role=RoleAssignment.Role.PERSONNEL)
               .exclude(person__status=Person.Status.LEFT).select_related("person")]
    url = reverse("leave:detail", args=[req.pk])
    for p in people:
        if p is None or p.pk in told:
            continue
        told.add(p.pk)
        workflow.notify(person=p, case=req.case, url=url, message=f"{person.name}已核准銷假：{form.case.title}"[:300])


def leave_cancel_closed(form: LeaveCancelRequest, status: str) -> None:
    """Workflow callback on a 銷假單 rejected or withdrawn: nothing was given back, nothing to undo."""


def _cancel_piece(person: Person, req: LeaveRequest, start: datetime, end: datetime, minutes: int,
                  reason: str) -> LeaveCancellation:
    if end <= start:
        raise ChaiqinError("銷假迄時必須晚於起時。", code="order", field="end")
    if start < req.start or end > req.end:
        raise ChaiqinError("銷假期間必須在原請假期間之內。", code="range", field="start")
    for c in req.cancellations.all():
        if c.start < end and c.end > start:
            raise ChaiqinError("此段期間已經銷假。", code="overlap", field="start")
    if minutes == 0:
        raise ChaiqinError("銷假期間沒有任何請假時數（皆非上班時間）。", code="no_workday")
    if minutes > req.minutes - req.cancelled_minutes:
        raise ChaiqinError("銷假時數超過尚未銷假之請假時數。", code="range")
    note = f"銷假 {format_roc_datetime(start)}至{format_roc_datetime(end)}（{ledger.format_minutes(minutes)}）"
    _reverse(person, req, minutes, note)
    cancellation = LeaveCancellation.objects.create(request=req, start=start, end=end, minutes=minutes,
                                                    reason=reason.strip()[:300], created_at=clock.now())
    req.cancelled_minutes += minutes
    return cancellation


def _reverse(person: Person, req: LeaveRequest, minutes: int, note: str) -> None:
    """Give back `minutes` from the request's later slices first (the quota used last returns first)."""
    left = minutes
    if req.leave_code == COMP_TIME:
        uses: dict[int, list] = {}
        for row in BalanceEntry.objects.filter(case=req.case, kind__in=(BalanceEntry.Kind.USE, BalanceEntry.Kind.REVERSAL)).select_related("source"):
            uses.setdefault(row.source_id, [0, row])[0] += row.minutes
        for _, (net, row) in sorted(uses.items(), key=lambda kv: (kv[1][1].expires_on, kv[0]), reverse=True):
            take = min(-net, left)
            if take > 0:
                _post_like(row, kind=BalanceEntry.Kind.REVERSAL, minutes=take, note=note)
                left -= take
    first_day = _local_date(req.start)
    for part in reversed(req.charge):
        if left == 0:
            break
        take = min(part["minutes"] - part.get("returned", 0), left)
        if take <= 0:
            continue
        part["returned"] = part.get("returned", 0) + take
        left -= take
        if req.leave_code == COMP_TIME:
            continue
        for key in part["quotas"]:
            start, end = ledger.period_of(person, key, first_day, event_date=req.event_date)
            ledger.post(person=person, account=key, kind=BalanceEntry.Kind.REVERSAL, minutes=take, period_start=start,
                        period_end=end, case=req.case, note=note)


# --- leave lines of other forms (出國申請單) ----------------------------------------------------

@dataclass(frozen=True)
class LeaveLineSpec:
    """One leave line of another form: a leave type over [start, end) (e.g. trips.OverseasLeave)."""

    leave_code: str
    start: datetime
    end: datetime


@transaction.atomic
def leave_lines_hold(*, person: Person, case: Case, lines: Iterable[LeaveLineSpec], label: str = "") -> list[Evaluation]:
    """Charge the leave lines of another form's `case` to the ledger as holds, like a leave request
    waiting for approval: each line is evaluated with the quota rules (rules.leave_charge, the
    person's regime's types, pending requests counted) after the lines before it are held, so the
    lines together can never exceed a balance. Holds the case still has from an earlier
    submission (a returned form sent again) are released first. A refusal raises ChaiqinError
    naming the line and the rule; the caller's transaction then saves nothing.
    The other form holds the time in the occupancy registry itself: no LeaveRequest is made."""
    person = rowlocks.lock_person(person.pk, related=("agency",))
    _release_holds(case, "重新送出，解除原保留")
    done = []
    for number, line in enumerate(lines, start=1):
        try:
            ev = evaluate(person=person, leave_code=line.leave_code, start=line.start, end=line.end)
        except ChaiqinError as exc:
            raise ChaiqinError(f"第{number}項請假類別：{exc.message}", citation=exc.citation, field="leave_lines",
                               code=exc.code) from None
        _post_grants(person, ev)
        _post_holds(person, ev, case, prefix=f"{label}第{number}項 " if label else "")
        done.append(ev)
    return done


def leave_lines_settle(*, case: Case, approved: bool, note: str = "") -> None:
    """The other form's case is decided: held lines become used (approved) or are released
    (rejected, withdrawn). Call inside the deciding transaction (the workflow callbacks)."""
    if approved:
        for _, held, row in _open_holds(case):
            _post_like(row, kind=BalanceEntry.Kind.RELEASE, minutes=-held, note="核准，解除保留")
            _post_like(row, kind=BalanceEntry.Kind.USE, minutes=held, note=note or f"核准使用：{case.title}"[:300])
    else:
        _release_holds(case, note or "未核准或撤回，解除保留")


def calendar_token_issue(*, person: Person) -> str:
    """Give `person` a new iCalendar subscription token and return it (the only time it exists
    in clear: the row keeps its digest); any earlier link of theirs stops working."""
    token, digest = new_token()
    with transaction.atomic():
        now = clock.now()
        CalendarFeedToken.objects.filter(person=person, revoked_at__isnull=True).update(revoked_at=now)
        CalendarFeedToken.objects.create(person=person, digest=digest, created_at=now)
    return token


def calendar_token_revoke(*, person: Person) -> int:
    """Stop `person`'s iCalendar subscription link; returns how many live links were stopped (0 or 1)."""
    with transaction.atomic():
        return CalendarFeedToken.objects.filter(person=person, revoked_at__isnull=True).update(revoked_at=clock.now())
