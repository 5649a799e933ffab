"""Overtime pay of one claim, from the wage data on the day worked: how many minutes are paid
(the civil rule's caps send the rest to comp time), the amount, and what the personnel office
must know (a cap reached, a §32 day exceeded). The claimant never supplies a wage.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from chaiqin import rules
from chaiqin.org.models import Person
from chaiqin.overtime.models import OvertimeSlot

from . import selectors
from .models import WageRecord

# Exceptional overtime approved by the agency (OvertimeRequest.Situation): 專案加班, whose paid
# hours may go beyond 20 a month (各機關加班費支給辦法第5條).
PROJECT_SITUATIONS = frozenset({"major_project", "disaster", "emergency"})


@dataclass(frozen=True)
class SlotPay:
    pay_minutes: int
    comp_minutes: int
    amount: Decimal | None  # None while the personnel office has no wage row for the day
    note: str


def amount_for(row: WageRecord, regime: str, day: date, day_kind: str, pay_minutes: int) -> Decimal:
    """The pay of `pay_minutes` on `day` from wage row `row`: the LSA's §24/§39/§40 bands on the
    hourly wage (rules.overtime_pay, every hour worked), or the civil rule's monthly total ÷ 240
    an hour (rules.civil_overtime_pay)."""
    base = selectors.hourly_base(row, regime, day)
    if regime == rules.LABOR:
        return rules.overtime_pay(base.exact, Decimal(pay_minutes) / 60, day_kind, on=day)
    return rules.civil_overtime_pay(base.monthly_total, pay_minutes, on=day)


def paid_minutes(person: Person, first: date, last: date, *, exclude_slot: int | None = None) -> int:
    """Minutes already paid to `person` for overtime worked from `first` to `last`."""
    qs = OvertimeSlot.objects.filter(person=person, day__range=(first, last), compensation="pay",
                                     claimed_at__isnull=False)
    if exclude_slot:
        qs = qs.exclude(pk=exclude_slot)
    return int(qs.aggregate(n=Sum("pay_minutes"))["n"] or 0)


def slot_pay(*, person: Person, day: date, day_kind: str, minutes: int, situation: str = "normal",
             slot_id: int | None = None) -> SlotPay:
    """The pay of a claim of `minutes` worked on `day` by `person`.

    Civil servants, 聘僱 and school staff: 各機關加班費支給辦法 — the day's and month's paid-hour
    caps (第5條, or the agency's stricter 管制要點) cut the paid minutes, the rest becomes comp
    time (第6條); 專案加班 (`situation` in PROJECT_SITUATIONS) is paid beyond 20 h a month.
    LSA workers: every minute is paid (勞動基準法第24條、第39條、第40條); hours beyond the
    12-hour day are noted for the report (第32條第2項), never withheld.
    """
    row = selectors.wage_on(person, day)
    note = ""
    if person.regime == rules.LABOR:
        pay = minutes
        over = rules.overtime_hours_over_cap(Decimal(minutes) / 60, day_kind, on=day)
        if over > 0:
            note = f"超過每日工時上限 {over} 小時（勞動基準法第32條第2項），工資照付，列入違規報表"
        comp = 0
    else:
        month_first = day.replace(day=1)
        split = rules.civil_overtime_split(
            minutes, day_kind, on=day, project=situation in PROJECT_SITUATIONS,
            paid_today=paid_minutes(person, day, day, exclude_slot=slot_id),
            paid_this_month=paid_minutes(person, month_first, _month_last(day), exclude_slot=slot_id),
            caps=selectors.pay_caps(person.agency, day))
        pay, comp, note = split.pay_minutes, split.comp_minutes, split.reason
    amount = amount_for(row, person.regime, day, day_kind, pay) if row is not None and pay else None
    if row is None and pay:
        note = "；".join(x for x in (note, "人事室尚未登錄該日薪資資料，金額待登錄後計算") if x)
    return SlotPay(pay, comp, amount, note[:200])


def _month_last(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])
