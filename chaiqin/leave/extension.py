"""延長病假 as the ledger and submission count it: its window from the first day of extended sick leave
(rules.extended_sick_window), the years a request crosses, and a teacher's break counted between two
spells (rules.extended_sick_bridged_days). Reads only."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from chaiqin import rules
from chaiqin.calendar import selectors as office_calendar
from chaiqin.dates import TAIPEI
from chaiqin.org.models import Person
from chaiqin.trips.services import break_periods
from chaiqin.workflow.models import Case

from .models import LeaveRequest

CODE = "extended_sick"


def spells(person: Person, *, before: date, exclude_pk: int | None = None) -> list[tuple[date, date]]:
    """(first day, last day) of `person`'s extended sick leave beginning before `before`, pending or
    approved, oldest first. One query."""
    rows = (LeaveRequest.objects.filter(person=person, leave_code=CODE, case__status__in=Case.OPEN + (Case.Status.APPROVED,),
                                        start__lt=datetime.combine(before, time.min, tzinfo=TAIPEI))
            .order_by("start").values_list("pk", "start", "end"))
    local = timezone.localtime
    return [(local(s).date(), local(e - timedelta(microseconds=1)).date()) for pk, s, e in rows if pk != exclude_pk]


def window(person: Person, on: date, *, exclude_pk: int | None = None) -> rules.ExtensionWindow:
    """The two-year window of extended sick leave beginning on `on` (公務人員請假規則第3條第1項第2款)."""
    return rules.extended_sick_window(person.regime, spells(person, before=on, exclude_pk=exclude_pk), on)


def bridged_days(person: Person, start: date, *, exclude_pk: int | None = None) -> int:
    """Days of a school break counted as extended sick leave beginning on `start`: the teacher's previous
    spell ended with no school day before the break and this one begins after it."""
    earlier = spells(person, before=start, exclude_pk=exclude_pk)
    if not earlier or person.regime != rules.TEACHER:
        return 0
    last_end = max(e for _, e in earlier)
    year = (last_end.year if last_end.month >= 8 else last_end.year - 1) - 1911
    breaks = [b for y in (year, year + 1) for b in break_periods(person.agency, y).values()]
    after = [b for b in breaks if b[0] > last_end and b[1] < start]
    if not after:
        return 0
    first_break = min(after)
    between = [d for d in office_calendar.days_between(person.agency, last_end + timedelta(days=1),
                                                       first_break[0] - timedelta(days=1)) if d.is_workday] \
        if first_break[0] > last_end + timedelta(days=1) else []
    return rules.extended_sick_bridged_days(person.regime, last_end, start, after, len(between))
