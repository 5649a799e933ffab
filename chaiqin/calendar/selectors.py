"""Reads of the office calendar: is a date a workday for an agency, and what is it called.

Precedence, highest first (DESIGN.md "Office calendar"):

1. the agency's Closure (停止上班) for that date;
2. a CalendarDay for the agency, then a nationwide CalendarDay (the imported DGPA calendar
   or a manual entry);
3. the national calendar of the `holidays` package (national.py): holidays, observed days,
   bridge days, make-up workdays (補行上班);
4. Saturday and Sunday off, Monday to Friday workdays.

Every function here runs at most two queries whatever the length of the range (the range's
CalendarDay rows, then its Closure rows); the national calendar is computed and cached per
year in memory.
"""

from __future__ import annotations

import calendar as pycalendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q

from .models import CalendarDay, Closure
from .national import national_year

__all__ = ["DayInfo", "day_info", "is_workday", "workdays_between", "month_days", "days_between", "days_between_for"]

WORKDAY = "workday"
WEEKEND = "weekend"
HOLIDAY = "holiday"
MAKEUP_WORKDAY = "makeup_workday"
CLOSURE = "closure"

# CalendarDay kinds as DayInfo kinds: the finer DGPA kinds (補假, 調整放假) are days off.
_STORED_KIND = {
    CalendarDay.Kind.HOLIDAY: HOLIDAY,
    CalendarDay.Kind.SUBSTITUTE: HOLIDAY,
    CalendarDay.Kind.BRIDGE: HOLIDAY,
    CalendarDay.Kind.WEEKEND: WEEKEND,
    CalendarDay.Kind.MAKEUP_WORKDAY: MAKEUP_WORKDAY,
    CalendarDay.Kind.WORKDAY: WORKDAY,
}
_STORED_DEFAULT_NAME = {
    CalendarDay.Kind.SUBSTITUTE: "補假",
    CalendarDay.Kind.BRIDGE: "調整放假",
    CalendarDay.Kind.MAKEUP_WORKDAY: "補行上班",
}


@dataclass(frozen=True)
class DayInfo:
    """What a date is for one agency.

    - `is_workday`: whether people of the agency are expected at work. A half-day closure
      leaves it True (the other half is worked): look at `closure_part`.
    - `kind`: "workday", "weekend", "holiday" (also observed days and bridge days),
      "makeup_workday" (補行上班) or "closure" (停止上班 on what would have been a workday).
    - `name`: Chinese, e.g. 「春節」「補行上班」「颱風停止上班」; "" for an ordinary day. A
      workday may carry a commemorative name that is not a day off (「植樹節」).
    - `closure_part`: "" or "whole", "morning", "afternoon" — also set when a closure was
      declared for a day that is off anyway (kind then stays "weekend"/"holiday").
    - `source`: where the answer came from: "closure", "dgpa", "manual", "national", "weekday".
    """

    date: date
    is_workday: bool
    kind: str
    name: str = ""
    closure_part: str = ""
    source: str = "weekday"

    @property
    def is_day_off(self) -> bool:
        return not self.is_workday


def _agency_id(agency) -> int | None:
    if agency is None:
        return None
    return agency if isinstance(agency, int) else agency.pk


def _base_day(day: date, stored: CalendarDay | None) -> DayInfo:
    """The day without closures: a stored override, else the national calendar, else weekday rule."""
    if stored is not None:
        kind = CalendarDay.Kind(stored.kind)
        return DayInfo(
            date=day, is_workday=not stored.is_day_off, kind=_STORED_KIND[kind],
            name=stored.name or _STORED_DEFAULT_NAME.get(kind, ""), source=stored.source,
        )
    weekend = day.weekday() >= 5
    national = national_year(day.year).get(day)
    if national is not None and national.kind == HOLIDAY:
        return DayInfo(day, False, HOLIDAY, national.name, source="national")
    if national is not None and national.kind == MAKEUP_WORKDAY:
        return DayInfo(day, True, MAKEUP_WORKDAY, national.name, source="national")
    name = national.name if national is not None else ""
    return DayInfo(day, not weekend, WEEKEND if weekend else WORKDAY, name, source="national" if name else "weekday")


def _with_closure(info: DayInfo, closure: Closure | None) -> DayInfo:
    if closure is None:
        return info
    if not info.is_workday:
        # Nothing to close on a day off; keep what the day is, but show the declaration.
        return DayInfo(info.date, False, info.kind, info.name or closure.label, closure.part, info.source)
    whole = closure.part == Closure.Part.WHOLE
    return DayInfo(info.date, not whole, CLOSURE, closure.label, closure.part, "closure")


def days_between(agency, start: date, end: date) -> list[DayInfo]:
    """DayInfo for every date from `start` to `end` inclusive ([] if end < start).

    `agency` is an org.Agency, its id, or None for the nationwide calendar (no closures).
    Two queries at most.
    """
    agency_id = _agency_id(agency)
    return days_between_for([agency_id], start, end)[agency_id]


def days_between_for(agencies, start: date, end: date) -> dict[int | None, list[DayInfo]]:
    """`days_between` of several agencies at once (Agency objects, ids, or None for the nationwide
    calendar): {agency id: [DayInfo…]}. Two queries whatever the number of agencies, for reports
    that span a county."""
    ids = list(dict.fromkeys(_agency_id(a) for a in agencies))
    if end < start:
        return {agency_id: [] for agency_id in ids}
    real = [i for i in ids if i is not None]
    nationwide: dict[date, CalendarDay] = {}
    own: dict[int, dict[date, CalendarDay]] = {i: {} for i in real}
    for row in CalendarDay.objects.filter(Q(agency__isnull=True) | Q(agency_id__in=real), date__range=(start, end)):
        (nationwide if row.agency_id is None else own[row.agency_id])[row.date] = row
    closures: dict[int, dict[date, Closure]] = {i: {} for i in real}
    if real:
        for c in Closure.objects.filter(agency_id__in=real, date__range=(start, end)):
            closures[c.agency_id][c.date] = c
    base: dict[date, DayInfo] = {}  # the nationwide answer of each date, shared by every agency
    result: dict[int | None, list[DayInfo]] = {}
    for agency_id in ids:
        mine, shut = own.get(agency_id, {}), closures.get(agency_id, {})
        days = []
        day = start
        while day <= end:
            if day in mine:
                info = _base_day(day, mine[day])
            else:
                if day not in base:
                    base[day] = _base_day(day, nationwide.get(day))
                info = base[day]
            days.append(_with_closure(info, shut.get(day)))
            day += timedelta(days=1)
        result[agency_id] = days
    return result


def day_info(agency, day: date) -> DayInfo:
    """What `day` is for `agency` (see DayInfo). Two queries at most."""
    return days_between(agency, day, day)[0]


def is_workday(agency, day: date) -> bool:
    """Whether `day` is a workday for `agency` (a half-day closure still counts as one)."""
    return day_info(agency, day).is_workday


def workdays_between(agency, start: date, end: date) -> list[date]:
    """The workdays from `start` to `end` inclusive, in order ([] if end < start). Two queries."""
    return [info.date for info in days_between(agency, start, end) if info.is_workday]


def month_days(agency, year: int, month: int, *, whole_weeks: bool = False, first_weekday: int = 0) -> list[DayInfo]:
    """DayInfo for every date of a month, for a month calendar.

    With `whole_weeks=True` the list also holds the leading and trailing days of the
    neighbouring months that complete the first and last weeks (weeks start on
    `first_weekday`: 0 Monday, 6 Sunday). Two queries.
    """
    first = date(year, month, 1)
    last = date(year, month, pycalendar.monthrange(year, month)[1])
    if whole_weeks:
        first -= timedelta(days=(first.weekday() - first_weekday) % 7)
        last += timedelta(days=(first_weekday - 1 - last.weekday()) % 7)
    return days_between(agency, first, last)
