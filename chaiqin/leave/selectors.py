"""Reads of leave: periods a person is away, requests one may see, balances for the pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from chaiqin import clock, rules
from chaiqin.dates import TAIPEI, format_roc, format_roc_datetime
from chaiqin.id_lists import among
from chaiqin.org import access
from chaiqin.org import selectors as org_selectors
from chaiqin.org.models import Person
from chaiqin.workflow import occupancy
from chaiqin.workflow.models import Case
from chaiqin.workflow.selectors import return_reason as case_return_reason

from . import durations, ledger
from .feed_tokens import digest_of
from .models import AgentSpan, BalanceEntry, CalendarFeedToken, LeaveCancellation, LeaveRequest

HOLDING = (Case.Status.PENDING, Case.Status.RETURNED, Case.Status.APPROVED)


@dataclass(frozen=True)
class LeavePeriod:
    request_id: int
    person_id: int
    code: str
    name: str
    start: datetime
    end: datetime
    status: str  # the case status: "pending", "returned" or "approved"


def _minus(start: datetime, end: datetime, holes: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    pieces = [(start, end)]
    for h0, h1 in sorted(holes):
        out = []
        for p0, p1 in pieces:
            if h1 <= p0 or h0 >= p1:
                out.append((p0, p1))
                continue
            if p0 < h0:
                out.append((p0, h0))
            if h1 < p1:
                out.append((h1, p1))
        pieces = out
    return pieces


def leave_periods_for(people, start: datetime, end: datetime) -> list[LeavePeriod]:
    """Approved and pending leave of `people` (ids or a queryset) overlapping [start, end), cancellations removed.

    Two queries whatever the number of people. Plain values, not model instances: a county's
    month of day statuses reads some 10,000 requests here.
    """
    holding = dict(start__lt=end, end__gt=start, case__status__in=HOLDING)
    requests = LeaveRequest.objects.filter(among("person_id", people), **holding).order_by().values_list(
        "pk", "person_id", "leave_code", "leave_name", "start", "end", "case__status")
    holes: dict[int, list[tuple[datetime, datetime]]] = {}
    for request_id, c0, c1 in (LeaveCancellation.objects.filter(among("request__person_id", people),
                                                                **{f"request__{k}": v for k, v in holding.items()})
                               .order_by().values_list("request_id", "start", "end")):
        holes.setdefault(request_id, []).append((c0, c1))
    found = []
    for request_id, person_id, code, name, r0, r1, status in requests:
        for p0, p1 in _minus(r0, r1, holes.get(request_id, [])):
            if p0 < end and p1 > start:
                found.append(LeavePeriod(request_id, person_id, code, name, p0, p1, status))
    return sorted(found, key=lambda p: (p.start, p.person_id))


def birth_leave_periods(people, start: date, end: date) -> list[LeavePeriod]:
    """Approved and pending 娩假 and 流產假 of `people` (ids or a queryset) overlapping the days
    [start, end] (rules.birth_leave_codes of each regime; for the yearly survey's item 14)."""
    codes = {c for regime in rules.REGIMES for c in rules.birth_leave_codes(regime, on=end)}
    t0 = datetime.combine(start, datetime.min.time(), tzinfo=TAIPEI)
    t1 = datetime.combine(end, datetime.max.time(), tzinfo=TAIPEI)
    return [p for p in leave_periods_for(people, t0, t1) if p.code in codes]


def leave_periods(person: Person, start: datetime, end: datetime) -> list[LeavePeriod]:
    """Approved and pending leave of `person` overlapping [start, end) (for attendance's daily status)."""
    return leave_periods_for([person.pk], start, end)


def requests_of(person: Person) -> QuerySet[LeaveRequest]:
    return LeaveRequest.objects.filter(person=person).select_related("case", "agent").order_by("-start")


def duration_of(person: Person, leave_code: str, start: datetime, end: datetime) -> int:
    """Minutes of leave in [start, end) for `person` by their agency's office hours and calendar, as
    the form counts them (calendar days for types counted so). Two queries; no rule is checked."""
    calendar_days = False
    try:
        calendar_days = rules.leave_type(person.regime, leave_code, start.date()).calendar_days
    except rules.RuleInputError:  # 補休, or no type chosen yet: working time
        pass
    return durations.measure(person.agency, start, end, calendar_days=calendar_days).minutes


def own_schedule(person: Person, days: int = 60) -> list:
    """The person's leave, trips and WFH days from now for `days` days (workflow.occupancy), to
    show beside the leave form: what a new request may not overlap."""
    now = clock.now()
    return occupancy.busy_between(person, now, now + timedelta(days=days))


@dataclass(frozen=True)
class Covered:
    """A period of someone's leave that an agent covers: what is left of `request` after 銷假."""

    request: LeaveRequest
    start: datetime
    end: datetime


def covering(agent: Person) -> list[Covered]:
    """Leave that `agent` covers (代理), from now on, pending or approved, cancelled days removed
    (a request cut in two by 銷假 gives two rows). Two queries."""
    now = clock.now()
    requests = (LeaveRequest.objects.filter(agent=agent, end__gt=now, case__status__in=HOLDING)
                .select_related("person", "case").order_by("start")
                .prefetch_related(Prefetch("cancellations", queryset=LeaveCancellation.objects.order_by("start"))))
    return [Covered(req, p0, p1) for req in requests
            for p0, p1 in _minus(req.start, req.end, [(c.start, c.end) for c in req.cancellations.all()]) if p1 > now]


def leave_request_get_for(user, request_id: int) -> LeaveRequest:
    """The request if `user` applied, covers it, decides its case or may see the applicant; else 404."""
    viewer = access.person_of(user)
    try:
        req = LeaveRequest.objects.select_related("person", "person__agency", "agent", "case").get(pk=request_id)
    except LeaveRequest.DoesNotExist:
        raise Http404("查無此請假單，或您沒有檢視權限。") from None
    if req.person_id == viewer.pk or req.agent_id == viewer.pk:
        return req
    if req.case_id and req.case.steps.filter(decider=viewer).exists():
        return req
    if req.cancel_requests.filter(case__steps__decider=viewer).exists():  # a decider of its 銷假單
        return req
    if access.can_see_person(viewer, req.person):
        return req
    raise Http404("查無此請假單，或您沒有檢視權限。")


def return_reason(req: LeaveRequest) -> str:
    """Why the request was last returned (the decider's comment), for the correction page."""
    return case_return_reason(req.case)


@dataclass
class BalanceLine:
    account: str
    name: str
    period_start: date
    period_end: date
    granted: int
    used: int
    pending: int
    reversed: int
    other: int
    available: int
    rows: list


def balance_lines(person: Person, on: date | None = None) -> list[BalanceLine]:
    """The person's main balances on `on` with every row that explains them.

    Two queries: the rows of the main accounts' current periods, and the comp-time rows. Nothing
    is written: a grant not posted yet is shown as the law gives it (an unsaved row).
    """
    on = on or clock.today()
    codes = {t.code: t.name for t in rules.leave_types(person.regime, on)}
    periods = {a: ledger.period_of(person, a, on) for a in rules.balance_accounts(on).accounts if a in codes}

    def load():
        found: dict[str, list] = {a: [] for a in periods}
        for r in (BalanceEntry.objects.filter(person=person, account__in=list(periods),
                                              period_start__in={p[0] for p in periods.values()})
                  .order_by("created_at", "pk")):
            if periods[r.account][0] == r.period_start:
                found[r.account].append(r)
        return found

    by_account = load()
    for a, rows in by_account.items():
        if any(r.kind == BalanceEntry.Kind.GRANT for r in rows):
            continue
        minutes = ledger.granted_minutes(person, a, on)
        if minutes is not None:
            # shown as the law gives it, not written: grants are posted by services (ledger.grants_post)
            start, end = periods[a]
            rows.insert(0, BalanceEntry(person=person, account=a, kind=BalanceEntry.Kind.GRANT, minutes=minutes,
                                        period_start=start, period_end=end, created_at=start,
                                        note=f"{codes[a]}依規定核給{ledger.format_minutes(minutes)}（尚未入帳）"))
    lines = [_line(a, codes[a], *periods[a], by_account[a]) for a in periods]
    comp_rows = list(BalanceEntry.objects.filter(person=person, account=ledger.COMP_TIME).order_by("created_at", "pk"))
    if comp_rows:
        drawn: dict[int, int] = {}
        for r in comp_rows:
            if r.source_id:
                drawn[r.source_id] = drawn.get(r.source_id, 0) + r.minutes
        available = sum(max(0, r.minutes + drawn.get(r.pk, 0)) for r in comp_rows
                        if r.kind == BalanceEntry.Kind.GRANT and r.earned_on <= on <= r.expires_on)
        line = _line(ledger.COMP_TIME, "補休", on, on, comp_rows)
        line.available = available
        line.other = available - (line.granted + line.used + line.pending + line.reversed)
        lines.append(line)
    return lines


def _line(account, name, start, end, rows) -> BalanceLine:
    sums = {k: 0 for k in BalanceEntry.Kind.values}
    for r in rows:
        sums[r.kind] += r.minutes
    granted = sums["grant"] + sums["carry_over"] + sums["deferral"]
    used = sums["use"]
    pending = sums["hold"] + sums["release"]
    return BalanceLine(account, name, start, end, granted, used, pending, sums["reversal"], sums["expiry"],
                       sum(sums.values()), rows)


def closing_rows(person: Person, limit: int = 30) -> list[BalanceEntry]:
    """The person's year-end rows (carry-over, payout, lapse, comp time expiry), newest first."""
    return list(BalanceEntry.objects.filter(person=person, kind__in=(BalanceEntry.Kind.CARRY_OVER, BalanceEntry.Kind.EXPIRY,
                                                                     BalanceEntry.Kind.PAYOUT))
                .order_by("-created_at", "-pk")[:limit])


TABLE_PAGE_SIZE = 50
EXPORT_CHUNK = 500


def balance_people(viewer: Person, query: str = "") -> QuerySet[Person]:
    """Everyone `viewer` may see, optionally those whose name, employee number or unit contains `query`."""
    qs = access.visible_people(viewer).select_related("agency", "unit")
    query = (query or "").strip()
    if query:
        qs = qs.filter(Q(name__contains=query) | Q(employee_no__istartswith=query) | Q(unit__name__contains=query))
    return qs.order_by("agency__code", "unit__sort_order", "employee_no", "pk")


def balances_for(people: list[Person], on: date | None = None) -> dict[int, dict[str, int | None]]:
    """Available minutes per main account (and comp time) for each of `people` on `on`.

    Two queries whatever the number of people, and no writes: one GROUP BY over the ledger
    rows of the people's current periods, one over their usable comp-time grants with what
    was drawn from them. Where a yearly grant has not been posted yet, the grant the law
    gives (ledger.granted_minutes, from chaiqin.rules) is added as if posted.
    `people` must carry their agency (select_related) for the leave year of labor staff.
    """
    on = on or clock.today()
    if not people:
        return {}
    accounts = rules.balance_accounts(on).accounts
    wanted: dict[tuple[int, str], date] = {}
    for p in people:
        codes = _codes_of(p.regime, on)
        for account in accounts:
            if account in codes:
                wanted[(p.pk, account)] = ledger.period_of(p, account, on)[0]
    sums: dict[tuple[int, str], int] = {}
    has_grant: set[tuple[int, str]] = set()
    rows = (BalanceEntry.objects.filter(person__in=[p.pk for p in people], account__in=accounts,
                                        period_start__in=set(wanted.values()))
            .values_list("person_id", "account", "period_start", "kind").annotate(s=Sum("minutes")).order_by())
    for person_id, account, start, kind, total in rows:
        if wanted.get((person_id, account)) != start:
            continue
        sums[(person_id, account)] = sums.get((person_id, account), 0) + total
        if kind == BalanceEntry.Kind.GRANT:
            has_grant.add((person_id, account))
    drawn = (BalanceEntry.objects.filter(source=OuterRef("pk")).values("source").annotate(s=Sum("minutes"))
             .values("s").order_by())
    comp: dict[int, int] = {}
    grants = (BalanceEntry.objects.filter(person__in=[p.pk for p in people], account=ledger.COMP_TIME,
                                          kind=BalanceEntry.Kind.GRANT, earned_on__lte=on, expires_on__gte=on)
              .annotate(drawn=Coalesce(Subquery(drawn, output_field=IntegerField()), Value(0)))
              .values_list("person_id", "minutes", "drawn").order_by())
    for person_id, minutes, drawn_minutes in grants:
        comp[person_id] = comp.get(person_id, 0) + max(0, minutes + drawn_minutes)
    ungranted = {pid for (pid, account) in wanted if (pid, account) not in has_grant}
    # 留職停薪 periods of those whose grant is computed, in one query rather than one per person
    spans = org_selectors.unpaid_leave_spans([p for p in people if p.pk in ungranted]) if ungranted else {}
    out: dict[int, dict[str, int | None]] = {}
    for p in people:
        row: dict[str, int | None] = {}
        for account in accounts:
            if (p.pk, account) not in wanted:
                row[account] = None
                continue
            total = sums.get((p.pk, account), 0)
            if (p.pk, account) not in has_grant:
                try:
                    total += ledger.granted_minutes(p, account, on, spans=spans[p.pk]) or 0
                except rules.RuleInputError:
                    pass
            row[account] = total
        row[ledger.COMP_TIME] = comp.get(p.pk, 0)
        out[p.pk] = row
    return out


_CODES: dict[tuple[str, date], set[str]] = {}


def _codes_of(regime: str, on: date) -> set[str]:
    key = (regime, on)
    if key not in _CODES:
        _CODES[key] = {t.code for t in rules.leave_types(regime, on)}
    return _CODES[key]


def balance_table(viewer: Person, on: date | None = None, query: str = ""):
    """Everyone `viewer` may see with their available minutes per account, in chunks of EXPORT_CHUNK
    people (a bounded number of queries per chunk; nothing is written). Yields (person, row)."""
    on = on or clock.today()
    qs = balance_people(viewer, query)
    offset = 0
    while True:
        chunk = list(qs[offset:offset + EXPORT_CHUNK])
        found = balances_for(chunk, on)
        for p in chunk:
            yield p, found[p.pk]
        if len(chunk) < EXPORT_CHUNK:
            return
        offset += EXPORT_CHUNK


def calendar_feed_person(token: str) -> Person | None:
    """The person whose live iCalendar token `token` is, or None (unknown, revoked, malformed)."""
    if not token or len(token) > 100:
        return None
    row = (CalendarFeedToken.objects.select_related("person").filter(digest=digest_of(token), revoked_at__isnull=True)
           .first())
    return row.person if row else None


def calendar_feed_token_of(person: Person):
    """The person's live CalendarFeedToken row (when it was made), or None."""
    return CalendarFeedToken.objects.filter(person=person, revoked_at__isnull=True).first()
def away_covered_by(agent_id: int, at) -> set[int]:
    """Ids of the people on approved leave at `at` whose agent then is `agent_id` (workflow.away): the
    request's agent, except while one of its spans (leave/agents.py) names another. One query (it runs
    with every page's inbox badge)."""
    spans_now = AgentSpan.objects.filter(request=OuterRef("pk"), start__lte=at, end__gt=at)
    return set(LeaveRequest.objects.filter(case__status=Case.Status.APPROVED, start__lte=at, end__gt=at)
               .filter((Q(agent_id=agent_id) & ~Exists(spans_now)) | Exists(spans_now.filter(agent_id=agent_id)))
               .values_list("person_id", flat=True))


def leave_summary(req: LeaveRequest) -> list[tuple[str, str]]:
    """A leave request as its deciders read it on the decision page (workflow registry summary)."""
    rows = [("假別", req.leave_name), ("期間", f"{format_roc_datetime(req.start)} 至 {format_roc_datetime(req.end)}"),
            ("時數", ledger.format_minutes(req.minutes)
             + (f"（已銷假 {ledger.format_minutes(req.cancelled_minutes)}）" if req.cancelled_minutes else ""))]
    if req.event_date:
        rows.append(("事實發生日", format_roc(req.event_date)))
    rows += [("職務代理人", req.agent.name if req.agent else "—"), ("事由", req.reason or "—")]
    rows += [("額度與給薪", "\n".join(f"{p['pay_label']}：{p['explanation']}（{p['citation']}）" for p in req.charge))]
    if req.left_out:
        rows.append(("不計入之日", "\n".join(req.left_out)))
    if req.attachments.exists():
        rows.append(("附件", "、".join(a.name for a in req.attachments.defer("data"))))
    return rows


def cancel_summary(form) -> list[tuple[str, str]]:
    """A 銷假單 as its deciders read it: the leave it gives back, the days, the reason."""
    req = form.request
    periods = "\n".join(f"{format_roc_datetime(datetime.fromisoformat(s))} 至 {format_roc_datetime(datetime.fromisoformat(e))}"
                        f"（{ledger.format_minutes(int(m))}）" for s, e, m in form.pieces)
    return [("原請假", f"{req.leave_name} {format_roc_datetime(req.start)} 至 {format_roc_datetime(req.end)}"
                       f"（{ledger.format_minutes(req.minutes)}）"),
            ("銷假期間", periods), ("銷假時數", ledger.format_minutes(form.minutes)), ("事由", form.reason or "—")]


def annual_leave_taken_minutes(person: Person, year_start: date, year_end: date) -> int:
    """Annual leave minutes `person` has used in the leave year [year_start, year_end]: the
    ledger's uses minus their reversals. One query; read by the travel-card page."""
    total = (BalanceEntry.objects.filter(person=person, account="annual", period_start__lte=year_end,
                                         period_end__gte=year_start,
                                         kind__in=[BalanceEntry.Kind.USE, BalanceEntry.Kind.REVERSAL])
             .aggregate(s=Sum("minutes"))["s"] or 0)
    return max(0, -total)


def balances_ending(person_ids: QuerySet | list[int], *, accounts: tuple[str, ...], today: date,
                    within_days: int) -> list[dict]:
    """Balances of `accounts` whose period ends within `within_days` of `today` with time left,
    soonest first, at most 200. Each row: person_id, person__name, account, name (Chinese),
    left (minutes), left_text (2日4時), period_end. One query and the leave names from the rules."""
    horizon = today + timedelta(days=within_days)
    rows = list(BalanceEntry.objects.filter(person_id__in=person_ids, account__in=accounts,
                                            period_end__gte=today, period_end__lte=horizon)
                .values("person_id", "person__name", "person__regime", "account", "period_end")
                .annotate(left=Sum("minutes")).filter(left__gt=0).order_by("period_end", "person__name")[:200])
    for row in rows:
        row["name"] = "補休" if row["account"] == ledger.COMP_TIME else rules.leave_type(
            row["person__regime"], row["account"], on=today).name
        row["left_text"] = ledger.format_minutes(row["left"])
    return rows
