"""The monthly 加班費印領清冊: per person the paid overtime hours of each kind of day, the hourly
base and the amount, from the wage data on each day worked; subtotals per unit and the
agency's total. Also the unused-leave sheet of a year. Reads only.

Queries are flat in the number of people: the slots in one query (people as a subquery), the
wage rows in chunks of 5,000 people (selectors.WageBook).
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from chaiqin.overtime.models import OvertimeSlot

from . import selectors
from .models import UnusedLeavePay
from .pay import amount_for

KINDS = ("workday", "rest_day", "holiday", "regular_day_off")
KIND_LABELS = {"workday": "平日", "rest_day": "休息日", "holiday": "國定假日", "regular_day_off": "例假"}


@dataclass
class PayLine:
    person: object
    minutes: dict = field(default_factory=lambda: defaultdict(int))  # paid minutes per day kind
    hourly_base: Decimal | None = None
    amount: Decimal = Decimal("0.00")
    missing_wage_days: list = field(default_factory=list)
    slots: list = field(default_factory=list)  # (slot, pay minutes, amount or None)

    @property
    def total_minutes(self) -> int:
        return sum(self.minutes.values())


@dataclass
class PayGroup:
    """A unit's lines and subtotal (or, for the agency, every line)."""

    unit: object
    lines: list = field(default_factory=list)
    minutes: dict = field(default_factory=lambda: defaultdict(int))
    amount: Decimal = Decimal("0.00")

    def add(self, line: PayLine) -> None:
        self.lines.append(line)
        for kind, m in line.minutes.items():
            self.minutes[kind] += m
        self.amount += line.amount

    @property
    def total_minutes(self) -> int:
        return sum(self.minutes.values())


@dataclass
class PaySheet:
    year: int
    month: int
    groups: list
    minutes: dict
    amount: Decimal

    @property
    def lines(self) -> list[PayLine]:
        return [line for g in self.groups for line in g.lines]

    @property
    def total_minutes(self) -> int:
        return sum(self.minutes.values())


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def overtime_pay_sheet(people, year: int, month: int) -> PaySheet:
    """加班費印領清冊 of `people` (a Person queryset) for overtime worked in `year`-`month` and
    claimed as pay: the minutes paid (the civil caps' rest went to comp time at the claim), the
    amount from the wage row in force on each day worked (rules.overtime_pay for LSA workers,
    rules.civil_overtime_pay otherwise). A day without a wage row pays nothing here and is
    listed in `missing_wage_days` for the personnel office."""
    first, last = month_bounds(year, month)
    slots = (OvertimeSlot.objects.filter(person__in=people.values("pk"), day__range=(first, last),
                                         compensation=OvertimeSlot.Compensation.PAY, claimed_at__isnull=False)
             .select_related("person__unit", "person__agency")
             .order_by("person__agency_id", "person__unit__sort_order", "person__unit_id", "person__employee_no",
                       "person_id", "day", "start"))
    slots = list(slots)
    book = selectors.WageBook({s.person_id for s in slots}, first, last)
    lines: dict[int, PayLine] = {}
    for slot in slots:
        person = slot.person
        line = lines.setdefault(person.pk, PayLine(person))
        minutes = slot.pay_minutes if slot.pay_minutes is not None else (slot.minutes or 0)
        row = book.on(person.pk, slot.day)
        amount = None
        if row is None:
            line.missing_wage_days.append(slot.day)
        elif minutes:
            amount = amount_for(row, person.regime, slot.day, slot.day_kind, minutes)
            line.amount += amount
            line.hourly_base = selectors.hourly_base(row, person.regime, slot.day).hourly
        line.minutes[slot.day_kind] += minutes
        line.slots.append((slot, minutes, amount))
    groups: dict[tuple, PayGroup] = {}
    total_minutes: dict = defaultdict(int)
    total = Decimal("0.00")
    for line in lines.values():
        key = (line.person.agency_id, line.person.unit_id)
        groups.setdefault(key, PayGroup(line.person.unit)).add(line)
        for kind, m in line.minutes.items():
            total_minutes[kind] += m
        total += line.amount
    return PaySheet(year, month, list(groups.values()), total_minutes, total)


def unused_leave_sheet(people, year: int) -> list[UnusedLeavePay]:
    """The unused leave paid for leave years ending in `year` (未休假加班費, §38 IV, §32-1 II)."""
    return list(UnusedLeavePay.objects.filter(person__in=people.values("pk"), period_end__year=year)
                .select_related("person__unit", "person__agency")
                .order_by("person__unit__sort_order", "person__employee_no", "kind"))


def hours(minutes: int) -> Decimal:
    """Minutes as decimal hours to two places (90 → 1.50), for numeric cells."""
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))
