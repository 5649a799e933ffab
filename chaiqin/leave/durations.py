"""How many minutes of leave a period [start, end) is, by the agency's office hours and calendar.

A workday has a morning [office_start, lunch_start) and an afternoon [lunch_end, office_end);
what one day counts is rules.leave_minutes_of_day (the 8-hour day, and the school morning:
08:00–12:00 is 4 h, 08:00–14:00 is 5 h, a morning leave ending between 12:30 and 14:00 is
refused with the rule).
Days off (weekends, holidays, whole-day closures) count nothing, and are listed with the
reason; leave counted in calendar days (maternity, miscarriage) counts every day, 8 h each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from chaiqin import rules
from chaiqin.calendar import selectors as office_calendar
from chaiqin.errors import ChaiqinError
from chaiqin.dates import format_roc, weekday_zh

DAY_MINUTES = rules.DAY_MINUTES
_KIND_LABEL = {"weekend": "週休二日（例假日、休息日）", "holiday": "國定假日", "closure": "停止上班"}


@dataclass
class Measure:
    minutes: int = 0
    by_day: list[tuple[date, int]] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def _local(moment: datetime) -> datetime:
    if timezone.is_aware(moment):
        return timezone.localtime(moment).replace(tzinfo=None)
    return moment


def _overlap(a0: datetime, a1: datetime, b0: datetime, b1: datetime) -> int:
    return max(0, int((min(a1, b1) - max(a0, b0)).total_seconds() // 60))


def _at(day: date, t) -> datetime:
    if isinstance(t, str):
        t = time.fromisoformat(t)
    return datetime.combine(day, t)


def halves(agency, day: date) -> tuple[tuple[datetime, datetime], tuple[datetime, datetime]]:
    """The morning and afternoon of `day` at `agency` (naive, Asia/Taipei)."""
    return ((_at(day, agency.office_start), _at(day, agency.lunch_start)),
            (_at(day, agency.lunch_end), _at(day, agency.office_end)))


def measure(agency, start: datetime, end: datetime, *, calendar_days: bool = False) -> Measure:
    """The minutes of leave in [start, end) (see the module docstring). Two queries."""
    s, e = _local(start), _local(end)
    result = Measure()
    if e <= s:
        return result
    last = (e - timedelta(microseconds=1)).date()
    for info in office_calendar.days_between(agency, s.date(), last):
        day = info.date
        if calendar_days:
            result.by_day.append((day, DAY_MINUTES))
            result.minutes += DAY_MINUTES
            continue
        label = f"{format_roc(day)}（{weekday_zh(day)}）"
        if not info.is_workday:
            why = info.name or _KIND_LABEL.get(info.kind, "非上班日")
            if info.kind == "weekend" and info.name:
                why = f"{info.name}（週休二日）"
            result.left_out.append(f"{label}{why}，不計入請假時數。")
            continue
        (m0, m1), (a0, a1) = halves(agency, day)
        day_start = max(s, datetime.combine(day, time()))
        day_end = e if e.date() == day else None
        office = rules.OfficeDay(m0.time(), m1.time(), a0.time(), a1.time(), closed=info.closure_part or "")
        if day_start.date() > day or (day_end is not None and day_end <= day_start):
            continue
        try:
            counted = rules.leave_minutes_of_day(office, day_start.time(), None if day_end is None else day_end.time())
        except rules.RuleInputError as exc:
            raise ChaiqinError(f"{label}：{exc}", code="school_morning", field="end") from None
        morning = _overlap(s, e, m0, m1)
        afternoon = _overlap(s, e, a0, a1)
        if info.closure_part == "morning" and morning:
            result.left_out.append(f"{label}上午{info.name or '停止上班'}，上午不計入請假時數。")
        if info.closure_part == "afternoon" and afternoon:
            result.left_out.append(f"{label}下午{info.name or '停止上班'}，下午不計入請假時數。")
        minutes = counted.minutes
        if minutes:
            result.by_day.append((day, minutes))
            result.minutes += minutes
    return result


def trim_to_work(agency, start: datetime, end: datetime, *,
                 calendar_days: bool = False) -> tuple[datetime, datetime] | None:
    """[start, end) narrowed to its first and last working minute (aware datetimes), so a whole day
    typed as 00:00 to 24:00 reads as that day's office hours; None when it holds no working time.
    Leave counted in calendar days is returned as given. Two queries (measure)."""
    found = measure(agency, start, end, calendar_days=calendar_days)
    if not found.minutes:
        return None
    if calendar_days:
        return start, end
    (m0, _), _ = halves(agency, found.by_day[0][0])
    _, (_, a1) = halves(agency, found.by_day[-1][0])
    first, last = max(_local(start), m0), min(_local(end), a1)
    return timezone.make_aware(first), timezone.make_aware(last)


def days_present(agency, start: datetime, end: datetime, days, *, calendar_days: bool = False) -> list[date]:
    """The days of `days` (office_calendar day infos, e.g. a month's) on which a period [start, end)
    is really there, for calendars: the workdays whose office hours it covers, or every day it
    touches when it counts calendar days. Not the weekend, holiday or edge of a 銷假 it spans."""
    s, e = _local(start), _local(end)
    found = []
    for info in days:
        if calendar_days:
            if s < _at(info.date + timedelta(days=1), "00:00") and e > _at(info.date, "00:00"):
                found.append(info.date)
        elif info.is_workday and s < _at(info.date, agency.office_end) and e > _at(info.date, agency.office_start):
            found.append(info.date)
    return found
