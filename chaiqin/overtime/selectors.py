"""Reads of overtime: who has overtime on which day (for attendance's off-schedule flag), the
monthly overtime sheet per person and unit (its XLSX/ODS: overtime/exports.py), the list of exceptional requests
for the report to the supervising authority, month caps of many people, and roster checks."""

from __future__ import annotations

import calendar as pycalendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import Http404

from chaiqin import rules
from chaiqin.dates import TAIPEI, format_roc
from chaiqin.durations import format_hours
from chaiqin.id_lists import among
from chaiqin.org import access
from chaiqin.org.models import Person

from .models import LIVE, OvertimeRequest, OvertimeSlot


def overtime_days(person_ids: list[int], start: date, end: date) -> set[tuple[int, date]]:
    """(person_id, day) of every live (pending or approved) overtime slot from `start` to `end`. One query."""
    return set(OvertimeSlot.objects.filter(among("person_id", person_ids), day__range=(start, end),
                                           request__case__status__in=LIVE).order_by().values_list("person_id", "day"))


def request_get_for(user, request_id: int) -> OvertimeRequest:
    viewer = access.person_of(user)
    req = OvertimeRequest.objects.select_related("applicant", "case").filter(pk=request_id).first()
    if req is None:
        raise Http404("查無此加班申請。")
    if req.applicant_id == viewer.pk or req.slots.filter(person=viewer).exists() \
            or access.can_see_person(viewer, req.applicant) \
            or (req.case_id and req.case.steps.filter(Q(decider=viewer) | Q(acted_by=viewer)).exists()):
        return req
    raise Http404("查無此加班申請。")


def slot_get_for(user, slot_id: int) -> OvertimeSlot:
    """A slot of the user themselves (only they sign and claim it); else 404."""
    viewer = access.person_of(user)
    slot = OvertimeSlot.objects.select_related("request__case", "person__agency").filter(pk=slot_id, person=viewer).first()
    if slot is None:
        raise Http404("查無此加班時段。")
    return slot


def my_slots(person: Person):
    return OvertimeSlot.objects.filter(person=person).select_related("request__case").order_by("-day", "-start")[:60]


@dataclass
class SheetRow:
    person: Person
    slots: list = field(default_factory=list)
    minutes: dict = field(default_factory=lambda: defaultdict(int))  # per compensation
    pay: Decimal = Decimal("0")

    @property
    def total(self) -> int:
        return sum(self.minutes.values())


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, pycalendar.monthrange(year, month)[1])


def monthly_sheet(people, year: int, month: int) -> list[SheetRow]:
    """加班時數統計表: per person, the claimed slots of the month and the minutes per compensation."""
    first, last = month_bounds(year, month)
    rows: dict[int, SheetRow] = {}
    people = list(people)
    for p in people:
        rows[p.pk] = SheetRow(p)
    slots = OvertimeSlot.objects.filter(person__in=people, day__range=(first, last), claimed_at__isnull=False)
    for slot in slots.order_by("day", "start"):
        row = rows[slot.person_id]
        row.slots.append(slot)
        row.minutes[slot.compensation] += slot.minutes or 0
        row.pay += slot.pay_amount or 0
    return [r for r in rows.values() if r.slots]


@dataclass
class UnitGroup:
    """One unit's rows of the monthly sheet and its subtotal."""

    unit: object
    rows: list = field(default_factory=list)
    minutes: dict = field(default_factory=lambda: defaultdict(int))
    pay: Decimal = Decimal("0")

    @property
    def total(self) -> int:
        return sum(self.minutes.values())


def sheet_by_unit(rows: list[SheetRow]) -> list[UnitGroup]:
    """The sheet's rows grouped by unit (in the order they come), each with its subtotal per
    compensation and of pay."""
    groups: dict[int, UnitGroup] = {}
    for row in rows:
        group = groups.setdefault(row.person.unit_id, UnitGroup(row.person.unit))
        group.rows.append(row)
        for kind, minutes in row.minutes.items():
            group.minutes[kind] += minutes
        group.pay += row.pay
    return list(groups.values())


def hm(minutes: int) -> str:
    """Minutes as 「3時30分」 (chaiqin.durations.format_hours)."""
    return format_hours(minutes)


def exceptional_requests(viewer: Person):
    """Requests under the exceptional caps that must be reported to the supervising authority
    within one month (seed 002), for the personnel office of the viewer's agencies."""
    visible = access.visible_people(viewer).values("pk")
    return OvertimeRequest.objects.filter(report_required=True, applicant__in=visible,
                                          case__status__in=LIVE).select_related("applicant", "case").order_by("report_due")


def month_caps(people, year: int, month: int, *, regular: dict | None = None) -> list[rules.Violation]:
    """Every hours rule broken in the month by `people` (one check_hours per regime): live
    overtime slots plus, when given, `regular` {person_id: [(start, end, break_minutes)]}."""
    first, last = month_bounds(year, month)
    by_regime: dict[tuple, list] = defaultdict(list)
    # workers of an agency with a labour-management agreement are checked against its caps, its
    # three months counted from the agreement's month (勞動基準法第32條第2項但書)
    regime_of = {p.pk: (p.regime, *_agreement_key(p, first)) for p in people}
    ids = list(regime_of)
    for i in range(0, len(ids), 5000):
        rows = OvertimeSlot.objects.filter(person_id__in=ids[i:i + 5000], day__range=(first, last),
                                           request__case__status__in=LIVE).values_list("person_id", "start", "end", "day_kind")
        for pid, s, e, k in rows:
            by_regime[regime_of[pid]].append(rules.Shift(pid, s.astimezone(TAIPEI).replace(tzinfo=None),
                                                         e.astimezone(TAIPEI).replace(tzinfo=None), "overtime", day_kind=k))
    for pid, blocks in (regular or {}).items():
        for s, e, b in blocks:
            by_regime[regime_of[pid]].append(rules.Shift(pid, s, e, "regular", break_minutes=b))
    out: list[rules.Violation] = []
    for (regime, agreement, start_month), shifts in by_regime.items():
        out += rules.check_hours(regime, shifts, min_rest_hours=0, agreement=agreement, quarter_start_month=start_month)
    return out


def _agreement_key(person: Person, day: date) -> tuple[bool, int]:
    agreed = person.agency.labor_agreement_on
    if person.regime == rules.LABOR and agreed is not None and agreed <= day:
        return True, agreed.month
    return False, 1


def roster_check(entries: list[dict], *, schedule: str = "weekly", agreement: bool = False) -> list[rules.Violation]:
    """LSA roster check (勞動基準法第30條之1、第32條、第34條、第36條): the 7-day rule or the
    four-week flexible schedule, the daily and monthly caps, and 11 h of rest at each change
    of shifts. `entries`: {"person", "start", "end", "kind"="regular", "break_minutes"=0,
    "day_kind"="workday"} with naive Taipei datetimes."""
    shifts = [rules.Shift(e["person"], e["start"], e["end"], e.get("kind", "regular"), e.get("break_minutes", 0),
                          e.get("day_kind", "workday")) for e in entries]
    return rules.check_hours(rules.LABOR, shifts, schedule=schedule, agreement=agreement)


@dataclass(frozen=True)
class WorkedSlot:
    """One overtime slot as worked: signed-in/out times when both are there, else the planned
    ones; `minutes` the counted minutes where a claim has counted them, else the span."""

    person_id: int
    start: datetime
    end: datetime
    minutes: int


def worked_slots(person_ids: QuerySet | list[int], start: date, end: date) -> list[WorkedSlot]:
    """Overtime of `person_ids` touching the days [start, end] (Taipei), leaving out requests
    rejected, withdrawn, cancelled or never sent. One query; read by compliance (night work,
    the personnel dashboard) and the lactation allowance."""
    since = datetime.combine(start, time.min, tzinfo=TAIPEI)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=TAIPEI)
    qs = (OvertimeSlot.objects.filter(person_id__in=person_ids, start__lt=until, end__gt=since)
          .exclude(request__case__isnull=True)
          .exclude(request__case__status__in=["rejected", "withdrawn", "cancelled"]))
    out = []
    for person_id, start_at, end_at, signed_in, signed_out, counted in qs.values_list(
            "person_id", "start", "end", "signed_in_at", "signed_out_at", "minutes").order_by():
        s, e = signed_in or start_at, signed_out or end_at
        if e <= s:
            s, e = start_at, end_at
        out.append(WorkedSlot(person_id, s, e, counted if counted is not None else int((e - s).total_seconds() // 60)))
    return out
