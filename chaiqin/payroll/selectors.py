"""Reads of wage data: the row in force on a day, many people's rows at once (one query), and
the hourly base of overtime pay that a row gives under each regime."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Iterable

from django.db.models import Sum

from chaiqin import rules
from chaiqin.id_lists import among
from chaiqin.leave import ledger
from chaiqin.leave.models import BalanceEntry, LeaveYearClose
from chaiqin.org.models import Person

from .models import PayrollSetting, WageRecord


def wage_on(person: Person, day: date) -> WageRecord | None:
    """The wage row of `person` in force on `day`, or None. One query."""
    return _in_force(WageRecord.objects.filter(person=person, valid_from__lte=day).order_by("-valid_from").first(), day)


def _in_force(row: WageRecord | None, day: date) -> WageRecord | None:
    if row is None or (row.valid_to is not None and row.valid_to < day):
        return None
    return row


class WageBook:
    """Many people's wage rows over a period, read once (one query, the ids as one parameter),
    to answer `on(person_id, day)` without further queries."""

    def __init__(self, person_ids: Iterable[int], first: date, last: date):
        self._rows: dict[int, list[WageRecord]] = defaultdict(list)
        qs = WageRecord.objects.filter(among("person_id", person_ids), valid_from__lte=last).exclude(
            valid_to__lt=first).order_by("person_id", "valid_from")
        for row in qs.iterator(chunk_size=5000):
            self._rows[row.person_id].append(row)
        self._starts = {pid: [r.valid_from for r in rows] for pid, rows in self._rows.items()}

    def on(self, person_id: int, day: date) -> WageRecord | None:
        rows = self._rows.get(person_id)
        if not rows:
            return None
        i = bisect_right(self._starts[person_id], day) - 1
        return _in_force(rows[i], day) if i >= 0 else None


@dataclass(frozen=True)
class HourlyBase:
    """What an hour of overtime is paid from: `hourly` (shown on the sheet), and for the civil
    rule the `monthly_total` it is divided from (the pay is computed from it exactly)."""

    hourly: Decimal
    monthly_total: Decimal | None
    citation: str
    exact: Fraction | None = None  # the LSA hourly wage before rounding, for the pay itself


def hourly_base(row: WageRecord, regime: str, day: date) -> HourlyBase:
    """The hourly base of overtime pay from wage row `row` on `day`: the LSA's 月薪 ÷ 30 ÷ 8 or
    時薪 (rules.labor_hourly_wage); the civil rule's (薪俸 + 專業加給 + 主管職務加給) ÷ 240 or
    單一薪酬 ÷ 240 (rules.civil_hourly_base, 各機關加班費支給辦法第4條)."""
    B = WageRecord.Basis
    if regime == rules.LABOR:
        wage = {"hourly": row.hourly_wage} if row.basis == B.HOURLY else {"monthly": _monthly_of(row)}
        return HourlyBase(rules.labor_hourly_wage(on=day, **wage), None, "勞動基準法第24條",
                          rules.labor_hourly_wage(on=day, exact=True, **wage))
    if row.basis == B.SINGLE:
        total = row.single_pay
        base = rules.civil_hourly_base(on=day, single_pay=total)
    else:
        total = row.salary + row.professional + row.supervisory
        base = rules.civil_hourly_base(on=day, salary=row.salary, professional=row.professional,
                                       supervisory=row.supervisory)
    return HourlyBase(base, total, "各機關加班費支給辦法第4條")


def _monthly_of(row: WageRecord) -> Decimal:
    """The monthly wage of an LSA row: 月薪, or for a row kept as salary the sum of its parts."""
    if row.basis == WageRecord.Basis.MONTHLY:
        return row.monthly_wage
    if row.basis == WageRecord.Basis.SINGLE:
        return row.single_pay
    return row.salary + row.professional + row.supervisory


def monthly_total(row: WageRecord) -> Decimal:
    """The monthly pay a row stands for (for the daily rates of unused leave)."""
    return _monthly_of(row)


def setting_of(agency) -> PayrollSetting | None:
    return PayrollSetting.objects.filter(agency=agency).first()


def pay_caps(agency, day: date) -> rules.CivilPayCaps:
    """The paid-hour caps of 各機關加班費支給辦法第5條 on `day`, with the agency's stricter ones."""
    s = setting_of(agency)
    if s is None:
        return rules.civil_pay_caps(day)
    return rules.civil_pay_caps(day, workday_hours=s.workday_hours, day_off_hours=s.day_off_hours,
                                month_hours=s.month_hours)


def wage_rows_of(person: Person):
    return WageRecord.objects.filter(person=person).order_by("-valid_from")


def annual_leave_payable(person: Person, period_end: date) -> int | None:
    """Minutes of annual leave that the close of `person`'s leave year ending `period_end` left
    payable, or None when that year is not closed (leave.yearend.annual_year_close). Reads only.

    - labor: the days the close posted as to be paid (payout rows, 勞動基準法第38條第4項);
    - civil: the days beyond the compulsory ones that the close kept (carry-over rows into the next
      year that run past it, which only this year's own kept days do: days kept earlier expire
      sooner), less any of them already paid, and never more than the next year's balance (kept
      days already taken cannot be paid).
    Three queries at most."""
    closed = LeaveYearClose.objects.filter(person=person, account="annual", period_end=period_end).first()
    if closed is None:
        return None
    K = BalanceEntry.Kind
    if person.regime == rules.LABOR:
        paid = BalanceEntry.objects.filter(person=person, account="annual", period_start=closed.period_start,
                                           kind=K.PAYOUT).aggregate(s=Sum("minutes"))["s"] or 0
        return -paid
    next_start = period_end + timedelta(days=1)
    rows = BalanceEntry.objects.filter(person=person, account="annual", period_start=next_start)
    next_end = rows.values_list("period_end", flat=True).first()
    if next_end is None:
        return 0
    kept = rows.filter(kind=K.CARRY_OVER, minutes__gt=0, expires_on__gt=next_end).aggregate(s=Sum("minutes"))["s"] or 0
    paid = -(rows.filter(kind=K.PAYOUT).aggregate(s=Sum("minutes"))["s"] or 0)
    return max(0, min(kept - paid, ledger.balance(person, "annual", next_start)))
