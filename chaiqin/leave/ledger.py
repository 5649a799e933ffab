"""The leave balance ledger: append-only rows, a balance is a sum (DESIGN.md "Balances").

Accounts are the quota keys of chaiqin.rules ("annual", "personal", "sick", "family_care",
pools such as "sick_paid") plus "comp_time" (補休). Every row belongs to the leave year
(or month, school year, event) of its account that contains the day it is about
(`period_of`). Yearly grants are posted by services only (`grants_post`: at hire, by the
yearly command, at submission and at a status change), once per person, account and
period: annual leave by seniority from rules.annual_leave_days, fixed quotas from
rules.leave_quota_minutes (prorated in the first year, rules.first_year_quota_days). Reads
count a grant not posted yet as the law gives it and write nothing.

Kinds: grant (+), hold (− while a request waits), release (+, the hold lifted on a
decision), use (− once approved), reversal (+, 銷假), expiry (−), carry_over (+),
deferral (±). `post` locks the Person row first (select_for_update), so two requests of
the same person at once are serialised and cannot both take the last day.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Sum

from chaiqin import clock, rowlocks, rules
from chaiqin.dates import format_roc
from chaiqin.errors import ChaiqinError
from chaiqin.durations import days_of, format_minutes  # noqa: F401 - re-exported
from chaiqin.org import selectors as org_selectors
from chaiqin.org.models import Person
from chaiqin.rowlocks import holds_lock, mark_locked  # noqa: F401 - re-exported: the services call ledger.mark_locked

from . import extension
from .models import BalanceEntry

DAY_MINUTES = rules.DAY_MINUTES
COMP_TIME = "comp_time"
# Leave granted beyond its quota with pay deducted by the day (ChargePart.deducted): its minutes are
# posted to this account so that the pay office can sum them per year.
PAY_DEDUCTED = "pay_deducted"
CONSUMING = (BalanceEntry.Kind.HOLD, BalanceEntry.Kind.RELEASE, BalanceEntry.Kind.USE, BalanceEntry.Kind.REVERSAL)
GRANTING = (BalanceEntry.Kind.GRANT, BalanceEntry.Kind.CARRY_OVER, BalanceEntry.Kind.EXPIRY, BalanceEntry.Kind.DEFERRAL,
            BalanceEntry.Kind.PAYOUT)
_GRANTED_PERIODS = ("year", "school_year")


def lock_person(person: Person) -> Person:
    """Lock `person`'s row until the transaction ends (no-op outside PostgreSQL's row locks); once per
    transaction: a row this transaction already locked is not locked again (no query)."""
    if holds_lock(person.pk):
        return person
    return rowlocks.lock_person(person.pk)


def seniority_start(person: Person) -> date:
    """The hire date moved back by the service years counted before it (採計年資)."""
    return rules.add_months(person.hire_date, -int(person.prior_service_months or 0))


def unpaid_leave_spans(person: Person) -> list[tuple[date, date | None]]:
    """`person`'s 留職停薪 periods (org.selectors.unpaid_leave_spans). One query."""
    return org_selectors.unpaid_leave_spans([person])[person.pk]


def service_start(person: Person, on: date, spans=None) -> date:
    """The day annual-leave seniority counts from on `on`: seniority_start moved later by the days on
    留職停薪 before `on` (rules.seniority_after_unpaid_leave)."""
    spans = unpaid_leave_spans(person) if spans is None else spans
    return rules.seniority_after_unpaid_leave(person.regime, seniority_start(person), spans, on)


def _annual_basis(person: Person) -> str:
    return person.agency.labor_leave_basis if person.regime == rules.LABOR else "anniversary"


def period_of(person: Person, account: str, on: date, *, event_date: date | None = None) -> tuple[date, date]:
    """First and last day of the period of `account` that contains `on`.

    annual: the person's leave year (rules.annual_leave_year: calendar, school or
    anniversary year); a quota key: its period kind (rules.quota_period) and bounds
    (rules.period_bounds); the pay-deducted account and unknown keys: the calendar year.
    """
    if account == COMP_TIME:
        return on, on
    if account == extension.CODE:
        found = extension.window(person, on)  # two years from the first day of extended sick leave
        return found.start, found.end
    if account == "annual":
        hired = seniority_start(person)
        if hired > on:
            return date(on.year, 1, 1), date(on.year, 12, 31)
        return rules.annual_leave_year(person.regime, hired, on, basis=_annual_basis(person))
    try:
        kind = rules.quota_period(person.regime, account, on=on)
    except rules.RuleInputError:
        kind = "year"
    return rules.period_bounds(kind, on, event_date=event_date)


def granted_minutes(person: Person, account: str, on: date, *, spans=None) -> int | None:
    """What the law grants `person` in `account` for the period containing `on`; None if no yearly grant
    (nor on a day of 留職停薪: no leave is granted while the clock is stopped).

    Annual leave after 留職停薪: by the seniority that leaves its days out, and for civil servants
    and teachers by the months in service of a leave year it touches (rules.return_year_annual_days).
    `spans`: the person's 留職停薪 periods when the caller read them for many people at once."""
    spans = unpaid_leave_spans(person) if spans is None else spans
    if rules.on_unpaid_leave(spans, on):
        return None
    return _law_minutes(person, account, on, spans)


def _law_minutes(person: Person, account: str, on: date, spans) -> int | None:
    if account == "annual":
        year_start, year_end = period_of(person, account, on)
        # the time on 留職停薪 before the leave year starts is left out of the seniority it is granted by
        hired = service_start(person, year_start, spans)
        if hired > on:
            return 0
        days = rules.annual_leave_days(person.regime, hired, on, basis=_annual_basis(person),
                                       admin_post=person.admin_post)
        if spans:
            days = rules.return_year_annual_days(person.regime, days, spans, year_start=year_start, year_end=year_end)
        return int(days * DAY_MINUTES)
    if account == COMP_TIME:
        return None
    try:
        ltype = rules.leave_type(person.regime, account, on)
    except rules.RuleInputError:
        return None
    if ltype.quota_days is None or ltype.period not in _GRANTED_PERIODS:
        return None
    # the year someone takes up service: by the months in service (公務人員請假規則第3條第2項)
    first_year = rules.first_year_quota_days(person.regime, account, hired=person.hire_date, on=on) \
        if person.hire_date <= on else None
    if first_year is not None:
        return int(first_year * DAY_MINUTES)
    return rules.leave_quota_minutes(person.regime, account, on=on, day_minutes=DAY_MINUTES)


def post(*, person: Person, account: str, kind: str, minutes: int, period_start: date, period_end: date,
         note: str = "", case=None, earned_on: date | None = None, expires_on: date | None = None,
         source: BalanceEntry | None = None) -> BalanceEntry:
    """Append one row to `person`'s ledger, holding the lock on their row first (taken once per transaction)."""
    if kind not in BalanceEntry.Kind.values:
        raise ChaiqinError(f"未知的帳目類別「{kind}」。")
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise ChaiqinError(f"帳目分鐘數必須是整數，收到 {minutes!r}。")
    if period_end < period_start:
        raise ChaiqinError("帳目年度之迄日不得早於起日。")
    # checked above, so no savepoint is needed: the lock and the row belong to the caller's transaction
    with transaction.atomic(savepoint=False):
        lock_person(person)
        return BalanceEntry.objects.create(
            person=person, account=account, kind=kind, minutes=minutes, period_start=period_start,
            period_end=period_end, note=note[:300], case=case, earned_on=earned_on, expires_on=expires_on,
            source=source, created_at=clock.now())


def granted_accounts(person: Person, on: date) -> list[str]:
    """The accounts of `person`'s regime that have a yearly grant in force on `on` (annual leave first)."""
    codes = [t.code for t in rules.leave_types(person.regime, on)]
    return [a for a in ["annual", *[c for c in codes if c != "annual"]] if granted_minutes(person, a, on) is not None]


def grants_post(*, person: Person, on: date) -> list[BalanceEntry]:
    """Post every yearly grant of `person` for the periods containing `on` that is not posted yet.

    Called at the start of a year (the management command `post_leave_grants`, for cron), at
    submission and when a status changes; at hire `grants_post_for_new_people` posts the same
    rows. Pages only read.
    """
    if person.status == Person.Status.LEFT or rules.on_unpaid_leave(unpaid_leave_spans(person), on):
        return []  # left, or on 留職停薪 that day: no leave to grant (posted once back in service)
    with transaction.atomic():
        found = [ensure_grant(person, a, on) for a in granted_accounts(person, on)]
    return [row for row in found if row is not None]


@transaction.atomic
def annual_grant_restate(*, person: Person, since: date) -> list[BalanceEntry]:
    """After 留職停薪 is entered or ended: every annual-leave grant already posted for a leave year
    ending on or after `since` brought to what the law gives now (seniority without the time away,
    rules.seniority_after_unpaid_leave; the year it touches, rules.return_year_annual_days), by one
    more grant row of the difference. Years whose grant is not posted yet are left to grants_post."""
    lock_person(person)
    spans = unpaid_leave_spans(person)
    rows = (BalanceEntry.objects.filter(person=person, account="annual", kind=BalanceEntry.Kind.GRANT, period_end__gte=since)
            .values_list("period_start", "period_end").annotate(s=Sum("minutes")).order_by("period_start"))
    posted = []
    for start, end, minutes in rows:
        law = _law_minutes(person, "annual", start, spans) or 0
        if law == minutes:
            continue
        rule = rules.unpaid_leave_rule(person.regime, start)
        posted.append(post(person=person, account="annual", kind=BalanceEntry.Kind.GRANT, minutes=law - minutes,
                           period_start=start, period_end=end,
                           note=f"{format_roc(start)}至{format_roc(end)}年度休假因留職停薪改核{format_minutes(law)}"
                                f"（{rule.seniority_citation}）"))
    return posted


def ensure_grant(person: Person, account: str, on: date) -> BalanceEntry | None:
    """The grant row of `account` for the period containing `on`, posted once if missing (idempotent)."""
    start, end = period_of(person, account, on)
    found = BalanceEntry.objects.filter(person=person, account=account, kind=BalanceEntry.Kind.GRANT,
                                        period_start=start).order_by("pk")
    existing = found.first()  # the common case: posted already, no lock taken
    if existing is not None:
        return existing
    minutes = granted_minutes(person, account, on)
    if minutes is None:
        return None
    return _post_grant(person, account, start, end, minutes, on)


@transaction.atomic
def _post_grant(person: Person, account: str, start: date, end: date, minutes: int, on: date) -> BalanceEntry:
    lock_person(person)  # then look again: another request may just have posted it
    existing = BalanceEntry.objects.filter(person=person, account=account, kind=BalanceEntry.Kind.GRANT,
                                           period_start=start).order_by("pk").first()
    if existing is not None:
        return existing
    return post(person=person, account=account, kind=BalanceEntry.Kind.GRANT, minutes=minutes, period_start=start,
                period_end=end, note=_grant_note(person, account, start, end, minutes, on))


def _grant_note(person: Person, account: str, start: date, end: date, minutes: int, on: date) -> str:
    name = "休假" if account == "annual" else _name(person, account, on)
    return f"{format_roc(start)}至{format_roc(end)}年度{name}核給{format_minutes(minutes)}"


def grants_post_for_new_people(*, people: list[Person], on: date) -> int:
    """What `grants_post` posts for each of `people`, in a few bulk inserts; the number of rows.

    Only for people created in the caller's still open transaction (the staff import, thousands at
    once): no other transaction can see them, so none of their grants can exist yet and neither
    `ensure_grant`'s look-up nor the row lock is needed. The same accounts, periods, minutes and
    notes as `grants_post` (prorated in the year of hire, 公務人員請假規則第3條第2項).
    """
    now = clock.now()
    rows = []
    # People of the same regime, post and hire date are granted alike: the rules run once for them.
    alike: dict[tuple, list[tuple]] = {}
    for person in people:
        if person.status != Person.Status.ACTIVE or person.hire_date > on:
            continue
        key = (person.regime, person.post, person.hire_date, person.prior_service_months, _annual_basis(person))
        if key not in alike:
            alike[key] = [_grant_row(person, account, on) for account in granted_accounts(person, on)]
        rows += [BalanceEntry(person=person, account=account, kind=BalanceEntry.Kind.GRANT, minutes=minutes,
                              period_start=start, period_end=end, note=note, created_at=now)
                 for account, minutes, start, end, note in alike[key]]
    BalanceEntry.objects.bulk_create(rows)
    return len(rows)


def _grant_row(person: Person, account: str, on: date) -> tuple[str, int, date, date, str]:
    minutes = granted_minutes(person, account, on)
    start, end = period_of(person, account, on)
    return account, minutes, start, end, _grant_note(person, account, start, end, minutes, on)[:300]


def _name(person: Person, account: str, on: date) -> str:
    try:
        return rules.leave_type(person.regime, account, on).name
    except rules.RuleInputError:
        return account


def _period_rows(person: Person, account: str, on: date, *, event_date: date | None = None):
    start, _ = period_of(person, account, on, event_date=event_date)
    return BalanceEntry.objects.filter(person=person, account=account, period_start=start)


def used(person: Person, account: str, on: date, *, event_date: date | None = None) -> int:
    """Minutes charged to `account` in the period containing `on`, pending holds included."""
    total = _period_rows(person, account, on, event_date=event_date).filter(kind__in=CONSUMING).aggregate(
        s=Sum("minutes"))["s"] or 0
    return -total


def entitled(person: Person, account: str, on: date) -> int | None:
    """Minutes granted (grant, carry-over, expiry, deferral) in the period; None when nothing is granted."""
    rows = _period_rows(person, account, on).filter(kind__in=GRANTING)
    if not rows.filter(kind=BalanceEntry.Kind.GRANT).exists() and not rows.exists():
        return None
    return rows.aggregate(s=Sum("minutes"))["s"] or 0


def balance(person: Person, account: str, on: date) -> int:
    """Minutes available in `account` in the period containing `on`, pending holds deducted.

    A grant not posted yet counts as the law gives it (nothing is written). Comp time:
    comp_time_available.
    """
    if account == COMP_TIME:
        return comp_time_available(person, on)
    rows = _period_rows(person, account, on)
    total = rows.aggregate(s=Sum("minutes"))["s"] or 0
    if not rows.filter(kind=BalanceEntry.Kind.GRANT).exists():
        total += granted_minutes(person, account, on) or 0
    return total


# --- comp time (補休) -------------------------------------------------------------------------

@transaction.atomic
def comp_time_grant(*, person: Person, minutes: int, earned_on: date, expires_on: date, case=None,
                    note: str = "") -> BalanceEntry:
    """Comp time earned by approved overtime: `minutes` usable from `earned_on` through `expires_on`."""
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
        raise ChaiqinError(f"補休時數必須是正整數分鐘，收到 {minutes!r}。")
    if expires_on < earned_on:
        raise ChaiqinError("補休期限不得早於加班日。", citation="勞動基準法第32條之1")
    return post(person=person, account=COMP_TIME, kind=BalanceEntry.Kind.GRANT, minutes=minutes,
                period_start=earned_on, period_end=expires_on, earned_on=earned_on, expires_on=expires_on,
                case=case, note=note or f"加班換補休{format_minutes(minutes)}（{format_roc(earned_on)}）")


def comp_time_remaining(person: Person) -> dict[int, tuple[BalanceEntry, int]]:
    """Every comp-time grant of `person` with its minutes left (grant + its draws), oldest first. Two queries."""
    grants = list(BalanceEntry.objects.filter(person=person, account=COMP_TIME, kind=BalanceEntry.Kind.GRANT)
                  .order_by("earned_on", "expires_on", "pk"))
    draws = dict(BalanceEntry.objects.filter(person=person, account=COMP_TIME, source__isnull=False)
                 .values_list("source_id").annotate(s=Sum("minutes")).values_list("source_id", "s"))
    return {g.pk: (g, g.minutes + (draws.get(g.pk) or 0)) for g in grants}


def comp_time_available(person: Person, on: date | None = None) -> int:
    """Comp-time minutes usable on `on` (default today): grants earned by then and not expired, pending holds deducted."""
    on = on or clock.today()
    return sum(left for g, left in comp_time_remaining(person).values()
               if left > 0 and g.earned_on <= on <= g.expires_on)


def comp_time_allocate(person: Person, minutes: int, on: date) -> list[tuple[BalanceEntry, int]]:
    """Which grants `minutes` of comp time taken on `on` use, oldest first with their expiry
    (rules.comp_time_ledger; 勞動基準法第32條之1, seed 003 Q.6). ChaiqinError when too little is left."""
    remaining = comp_time_remaining(person)
    grants = [rules.CompGrant(pk, g.earned_on, left, g.expires_on) for pk, (g, left) in remaining.items() if left > 0]
    try:
        ledger = rules.comp_time_ledger(person.regime, grants, [rules.CompUse("use", on, minutes)], on=on)
    except rules.RuleInputError:
        have = comp_time_available(person, on)
        raise ChaiqinError(f"可用補休不足：{format_roc(on)} 可用 {format_minutes(have)}，申請 {format_minutes(minutes)}。",
                           citation="勞動基準法第32條之1", code="quota") from None
    return [(remaining[a.grant_id][0], a.minutes) for a in ledger.allocations]
