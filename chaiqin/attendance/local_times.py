"""Punches read in bulk as naive Asia/Taipei wall-clock times, the form the day status works in.

A county's month is some 440,000 punches. Read through the ORM, each stored UTC moment becomes
an aware datetime (the backend's converters), then a Taipei one, then a naive copy: that cost
more than computing every day status. Here the database hands over each moment as text,
parsed once per distinct text (a whole office punches within the same few minutes):
- PostgreSQL gives the Taipei wall-clock time, converted with its own time-zone data
  (`to_char(at AT TIME ZONE 'Asia/Taipei', …)`);
- SQLite, which has no time-zone data, gives the UTC text Django stores, shifted here by
  Taipei's UTC offset, which must then be the same throughout the range (Asia/Taipei has kept
  UTC+8 since 1979); where it is not, or on another database, each moment is converted by
  the ORM and zoneinfo as before.
The times are exact to the microsecond either way.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.db.models import CharField, Func

from chaiqin.dates import TAIPEI
from chaiqin.id_lists import among

from .models import Punch

#: Distinct moments remembered while reading (a month of a county has ~170,000).
MOMENT_CACHE = 500_000


class MomentText(Func):
    """A datetime column as text, read without the ORM's converters: on PostgreSQL its Taipei
    wall-clock time, on SQLite the UTC text as stored (a CAST, so that the driver's datetime
    converter, which goes by the column's declared type, leaves it alone)."""

    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        # to_char, not ::text: a cast's text follows the server's DateStyle setting
        sql, params = compiler.compile(self.source_expressions[0])
        return f"to_char(({sql}) AT TIME ZONE %s, 'YYYY-MM-DD HH24:MI:SS.US')", (*params, TAIPEI.key)

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST({sql} AS text)", params


def steady_offset(first: date, last: date) -> timedelta | None:
    """Taipei's UTC offset if it is the same at every midnight from `first` to the day after
    `last` (a change and its return within one day is not a thing time zones do); else None."""
    offsets = {TAIPEI.utcoffset(datetime.combine(first + timedelta(days=i), time()))
               for i in range((last - first).days + 2)}
    return offsets.pop() if len(offsets) == 1 else None


def punches_by_day(person_ids: list[int], first: date, last: date) -> dict[int, dict[date, list[datetime]]]:
    """{person id: {day: [naive Taipei time…]}} of the punches of `person_ids` on the days
    `first` to `last` (Taipei), in no particular order. One query."""
    since = datetime.combine(first, time(), tzinfo=TAIPEI)
    until = datetime.combine(last + timedelta(days=1), time(), tzinfo=TAIPEI)
    # order_by(): Punch's default order (person, at) would join Person, its agency and unit
    # to sort some 200,000 rows nobody needs sorted
    rows = Punch.objects.filter(among("person_id", person_ids), at__gte=since, at__lt=until).order_by()
    found: dict[int, dict[date, list[datetime]]] = defaultdict(lambda: defaultdict(list))
    vendor = connection.vendor
    shift = timedelta(0) if vendor == "postgresql" else steady_offset(first, last) if vendor == "sqlite" else None
    if shift is not None:
        moments: dict[str, tuple[datetime, date]] = {}
        texts = rows.annotate(text=MomentText("at")).values_list("person_id", "text")
        for pid, text in texts.iterator(chunk_size=20000):
            seen = moments.get(text)
            if seen is None:
                if len(moments) >= MOMENT_CACHE:
                    moments.clear()
                local = datetime.fromisoformat(text) + shift
                seen = moments[text] = (local, local.date())
            found[pid][seen[1]].append(seen[0])
        return found
    for pid, at in rows.values_list("person_id", "at").iterator(chunk_size=20000):
        local = at.astimezone(TAIPEI).replace(tzinfo=None)
        found[pid][local.date()].append(local)
    return found
