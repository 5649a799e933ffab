"""Year end (年度結算) of the leave ledger: annual leave carried over, paid or lapsed, and comp time
past its expiry, posted as ledger rows whose notes give the reason and the article.

Annual leave, per leave year that ended before `on` and has a grant row (the system was in use
that year), in order, once (LeaveYearClose), with rules.annual_leave_carry_over:
- civil (行政院與所屬中央及地方各機關公務人員休假改進措施): of the year's own days, at least
  min(entitled, 10) must be taken and the unused ones inside them lapse; the days beyond are
  kept to the end of the third year. Days taken beyond the year's own grant come from days kept
  from earlier years, the earliest-expiring first; kept days whose time is up lapse, the rest
  move on with their original limit.
- labor (勞動基準法第38條第4項): days deferred into the year are used first; deferred days still
  unused are paid (a payout row records the days to pay); this year's unused days are deferred
  one year when the worker agreed for that year (AnnualLeaveDeferral, leave.deferrals), otherwise paid.
- teacher (教師請假規則第8條): unused days are not kept.
Moving days to the next year is two rows: carry_over −n in the closed year, +n in the next one
(expires_on = the last day they may be used). After closing, the closed year's balance is zero.
Days still held by a request pending at year end count as taken.

Comp time (勞動基準法第32條之1; rules.comp_time_ledger): every grant whose expiry is before `on`
with minutes left gets an expiry row drawing those minutes from it (labor: to be paid within
30 days, 施行細則第22條之2). Idempotent by construction: an expired grant has nothing left.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Exists, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from chaiqin import rowlocks, rules
from chaiqin.errors import ChaiqinError
from chaiqin.org.models import Person

from . import deferrals, ledger
from .models import BalanceEntry, LeaveYearClose

K = BalanceEntry.Kind
ANNUAL = "annual"


@dataclass
class CloseSummary:
    years_closed: int = 0
    carried_minutes: int = 0
    paid_minutes: int = 0
    lapsed_minutes: int = 0
    comp_expired_minutes: int = 0
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        fm = ledger.format_minutes
        text = (f"結算休假年度 {self.years_closed} 筆：保留／遞延 {fm(self.carried_minutes)}、"
                f"未休折發工資 {fm(self.paid_minutes)}、失效 {fm(self.lapsed_minutes)}；"
                f"補休逾期 {fm(self.comp_expired_minutes)}。")
        if self.problems:
            text += f"另有 {len(self.problems)} 筆無法結算：" + "；".join(self.problems[:5])
        return text


def _minutes(days: Decimal) -> int:
    return int((days * ledger.DAY_MINUTES).to_integral_value(rounding=ROUND_HALF_UP))


def leave_year_close(*, on: date) -> CloseSummary:
    """Close every annual-leave year that ended before `on` and is not closed yet, and expire comp
    time past its limit. Safe to run again: what is closed is not closed twice."""
    summary = CloseSummary()
    closed = LeaveYearClose.objects.filter(person=OuterRef("person"), account=ANNUAL, period_start=OuterRef("period_start"))
    pending = (BalanceEntry.objects.filter(account=ANNUAL, kind=K.GRANT, period_end__lt=on).filter(~Exists(closed))
               .values_list("person_id", "period_start", "period_end").order_by("person_id", "period_start").distinct())
    for person_id, start, end in pending:
        try:
            annual_year_close(person_id=person_id, period_start=start, period_end=end, on=on, summary=summary)
        except (ChaiqinError, rules.RuleInputError) as exc:
            summary.problems.append(f"人員{person_id} {start.isoformat()}年度：{exc}")
    summary.comp_expired_minutes += comp_time_expire(on=on)
    return summary


@transaction.atomic
def annual_year_close(*, person_id: int, period_start: date, period_end: date, on: date,
                      summary: CloseSummary | None = None) -> LeaveYearClose | None:
    """Settle one person's annual leave year [period_start, period_end] (see the module docstring)."""
    summary = summary or CloseSummary()
    person = rowlocks.lock_person(person_id, related=("agency",))
    if LeaveYearClose.objects.filter(person=person, account=ANNUAL, period_start=period_start).exists():
        return None
    rows = list(BalanceEntry.objects.filter(person=person, account=ANNUAL, period_start=period_start).order_by("pk"))
    granted = sum(r.minutes for r in rows if r.kind == K.GRANT)
    taken = -sum(r.minutes for r in rows if r.kind in ledger.CONSUMING)
    carried_in = [r for r in rows if r.kind == K.CARRY_OVER and r.minutes > 0]
    year = f"{period_start.isoformat()}至{period_end.isoformat()}年度休假"
    next_start, next_end = ledger.period_of(person, ANNUAL, period_end + timedelta(days=1))

    def post(kind, minutes, note, *, start=period_start, end=period_end, expires_on=None):
        if minutes:
            ledger.post(person=person, account=ANNUAL, kind=kind, minutes=minutes, period_start=start, period_end=end,
                        expires_on=expires_on, note=note)

    def carry(minutes, until, why):
        post(K.CARRY_OVER, -minutes, f"{year}轉入次年度{ledger.format_minutes(minutes)}：{why}")
        post(K.CARRY_OVER, minutes, f"自{year}{'遞延' if person.regime == rules.LABOR else '保留'}"
             f"{ledger.format_minutes(minutes)}，{until.isoformat()}前可休：{why}",
             start=next_start, end=next_end, expires_on=until)
        summary.carried_minutes += minutes

    if person.regime == rules.LABOR:
        agreement = deferrals.deferral_agreed(person, period_start)  # agreed with each worker, not agency-wide
        deferred_in = sum(r.minutes for r in carried_in)
        result = rules.annual_leave_carry_over(person.regime, entitled=ledger.days_of(granted), taken=ledger.days_of(max(0, taken)),
                                               year_end=period_end, deferred_in=ledger.days_of(deferred_in), agreement=agreement)
        why = f"{result.explanation}（{result.citation}）"
        if result.kept_days:
            carry(_minutes(result.kept_days), result.kept_until, why)
        if result.paid_days:
            paid = _minutes(result.paid_days)
            post(K.PAYOUT, -paid, f"{year}未休{ledger.format_minutes(paid)}應發給工資：{why}")
            summary.paid_minutes += paid
    else:
        own_taken = min(max(0, taken), granted)
        from_carried = max(0, taken) - own_taken
        result = rules.annual_leave_carry_over(person.regime, entitled=ledger.days_of(granted), taken=ledger.days_of(own_taken),
                                               year_end=period_end)
        why = f"{result.explanation}（{result.citation}）"
        if result.lapsed_days:
            lapsed = _minutes(result.lapsed_days)
            post(K.EXPIRY, -lapsed, f"{year}未休{ledger.format_minutes(lapsed)}失效：{why}")
            summary.lapsed_minutes += lapsed
        if result.kept_days:
            carry(_minutes(result.kept_days), result.kept_until, why)
        for row in sorted(carried_in, key=lambda r: (r.expires_on or period_end, r.pk)):
            use = min(row.minutes, from_carried)
            from_carried -= use
            left = row.minutes - use
            if not left:
                continue
            until = row.expires_on or period_end
            earlier = f"以前年度保留之休假{ledger.format_minutes(left)}"
            if until <= period_end:
                post(K.EXPIRY, -left, f"{earlier}已屆保留期限（{until.isoformat()}）仍未休畢，失效（{result.citation}，保留至第三年）")
                summary.lapsed_minutes += left
            else:
                carry(left, until, f"{earlier}於{until.isoformat()}前仍可休（{result.citation}）")
    summary.years_closed += 1
    return LeaveYearClose.objects.create(person=person, account=ANNUAL, period_start=period_start,
                                         period_end=period_end, closed_on=on, summary=why[:300])


def comp_time_expire(*, on: date) -> int:
    """Post an expiry row for the minutes left of every comp-time grant that expired before `on`.
    Returns the minutes expired."""
    drawn = (BalanceEntry.objects.filter(source=OuterRef("pk")).values("source").annotate(s=Sum("minutes"))
             .values("s").order_by())
    grants = (BalanceEntry.objects.filter(account=ledger.COMP_TIME, kind=K.GRANT, expires_on__lt=on)
              .annotate(drawn=Coalesce(Subquery(drawn, output_field=IntegerField()), Value(0)))
              .select_related("person").order_by("person_id", "earned_on", "pk"))
    by_person: dict[int, list] = {}
    for g in grants:
        if g.minutes + g.drawn > 0:
            by_person.setdefault(g.person_id, []).append(g)
    total = 0
    for grants_of in by_person.values():
        total += _expire_person(grants_of, on)
    return total


@transaction.atomic
def _expire_person(grants: list[BalanceEntry], on: date) -> int:
    person = ledger.lock_person(grants[0].person)
    remaining = ledger.comp_time_remaining(person)  # again, under the lock
    comp = [rules.CompGrant(g.pk, g.earned_on, remaining[g.pk][1], g.expires_on)
            for g in grants if remaining.get(g.pk, (None, 0))[1] > 0]
    if not comp:
        return 0
    state = rules.comp_time_ledger(person.regime, comp, [], on=on)
    by_pk = {g.pk: g for g in grants}
    total = 0
    for lapse in state.expired:
        grant = by_pk[lapse.grant_id]
        pay = f"，應於{lapse.pay_by.isoformat()}前發給加班費" if lapse.payable and lapse.pay_by else "，逾期未休者不再補休"
        note = (f"補休逾期：{grant.earned_on.isoformat()}取得之補休{ledger.format_minutes(lapse.minutes)}"
                f"已於{lapse.expires_on.isoformat()}屆期未休{pay}（{lapse.citation}）")
        ledger.post(person=person, account=ledger.COMP_TIME, kind=K.EXPIRY, minutes=-lapse.minutes,
                    period_start=grant.period_start, period_end=grant.period_end, earned_on=grant.earned_on,
                    expires_on=grant.expires_on, source=grant, note=note)
        total += lapse.minutes
    return total


@transaction.atomic
def annual_leave_settle_at_contract_end(*, person: Person, last_day: date) -> LeaveYearClose | None:
    """A worker's contract ends after `last_day`: the 特別休假 still unused in the leave year containing
    it, deferred days included, is paid (勞動基準法第38條第4項: 「契約終止仍未休之日數，雇主應發給工資」).
    The year is marked closed so that the year-end close does not settle it again. Not for other
    regimes (None), nor twice."""
    person = rowlocks.lock_person(person.pk, related=("agency",))
    if person.regime != rules.LABOR:
        return None
    start, end = ledger.period_of(person, ANNUAL, last_day)
    if LeaveYearClose.objects.filter(person=person, account=ANNUAL, period_start=start).exists():
        return None
    left = ledger.balance(person, ANNUAL, last_day)
    why = "契約終止仍未休之特別休假（含遞延日數）應發給工資（勞動基準法第38條第4項）"
    if left > 0:
        ledger.ensure_grant(person, ANNUAL, last_day)
        ledger.post(person=person, account=ANNUAL, kind=K.PAYOUT, minutes=-left, period_start=start, period_end=end,
                    note=f"{start.isoformat()}至{end.isoformat()}年度特別休假未休{ledger.format_minutes(left)}：{why}")
    return LeaveYearClose.objects.create(person=person, account=ANNUAL, period_start=start, period_end=end,
                                         closed_on=last_day + timedelta(days=1), summary=why)
