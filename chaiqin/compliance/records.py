"""What compliance reads of other apps' records: overtime, punches, missed punches and the
leave ledger, through those apps' typed selectors (a renamed field fails their tests and
these, never a page quietly showing 「尚無資料」). Nothing here writes to another app.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet

from chaiqin import rules
from chaiqin.attendance import selectors as attendance
from chaiqin.dates import TAIPEI
from chaiqin.leave import selectors as leave
from chaiqin.overtime import selectors as overtime

NO_DATA = "尚無資料，請人工確認"


def aware(day: date, at: time = time(0)) -> datetime:
    return datetime.combine(day, at, tzinfo=TAIPEI)


@dataclass(frozen=True)
class Worked:
    """A period someone worked, from another app's record, for the night-work check."""

    person_id: int
    start: datetime
    end: datetime
    source: str  # Chinese: 加班、刷卡、排班
    minutes: int | None = None  # counted minutes where the source says (overtime claims)


def ids_or_subquery(person_ids):
    """A queryset of ids stays a subquery (an agency's thousands of ids never travel as parameters);
    any other iterable becomes a list."""
    return person_ids if isinstance(person_ids, QuerySet) else list(person_ids)


def overtime_periods(person_ids, start: date, end: date) -> list[Worked]:
    """Overtime of `person_ids` touching [start, end] (overtime.selectors.worked_slots)."""
    return [Worked(w.person_id, w.start, w.end, "加班", w.minutes)
            for w in overtime.worked_slots(ids_or_subquery(person_ids), start, end)]


def punch_periods(person_ids, start: date, end: date) -> list[Worked]:
    """Each punch as a minute worked (a clock-in at night shows up as a punch between 22:00 and
    06:00), from attendance.selectors.punch_times."""
    return [Worked(person_id, at, at + timedelta(minutes=1), "刷卡")
            for person_id, at in attendance.punch_times(ids_or_subquery(person_ids), start, end)]


def annual_leave_taken_minutes(person, year_start: date, year_end: date) -> int:
    """Annual leave minutes `person` has used in the leave year (leave.selectors)."""
    return leave.annual_leave_taken_minutes(person, year_start, year_end)


def expiring_balances(person_ids, *, within_days: int, today: date) -> list[dict]:
    """Annual leave and comp time whose period ends within `within_days` with time left.

    Each row: person_id, person__name, account, name (Chinese), left (minutes), left_text (2日4時), period_end.
    """
    return leave.balances_ending(ids_or_subquery(person_ids), accounts=rules.lapsing_accounts(today).accounts, today=today,
                                 within_days=within_days)


def missing_punches(agency, day_from: date, day_to: date) -> list[dict]:
    """Missed-punch supplements filed for times in the period, per unit (attendance.selectors)."""
    return attendance.missed_punches_by_unit(agency, day_from, day_to)
