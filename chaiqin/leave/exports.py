"""Files out of leave: the balance table as XLSX and ODS (chaiqin/spreadsheets.py), iCalendar (icalendar)."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from chaiqin import clock, spreadsheets
from chaiqin.dates import format_roc
from chaiqin.spreadsheets import Column, Group, Sheet

from . import ledger, selectors

COLUMNS = [("annual", "休假"), ("personal", "事假"), ("family_care", "家庭照顧假"), ("sick", "病假"), ("comp_time", "補休")]
_PERSON_COLUMNS = [Column("機關", 16), Column("單位", 16), Column("考勤代號", 11), Column("姓名", 10), Column("人員類別", 12)]


def _rows(table):
    """One line per person: who, then per leave type the hours left (a number, so a sheet can
    sum them) and the same as 日/時 text."""
    for person, row in table:
        cells = [person.agency.short_name or person.agency.name, person.unit.name, person.employee_no, person.name,
                 person.get_regime_display()]
        for code, _ in COLUMNS:
            minutes = row.get(code)
            cells += [None, ""] if minutes is None else [round(minutes / 60, 2), ledger.format_minutes(minutes)]
        yield cells


def balance_sheet(table, on: date) -> Sheet:
    columns = list(_PERSON_COLUMNS)
    groups = [Group("")] * len(_PERSON_COLUMNS)
    for _, label in COLUMNS:
        columns += [Column("剩餘時數（時）", 9, "0.##"), Column("剩餘（日時）", 11)]
        groups.append(Group(label, 2))
    return Sheet("假別餘額", f"假別餘額（{format_roc(on)}）", columns, _rows(table), groups=groups, landscape=True)


def balance_table_file(table, on: date, fmt: str):
    """The table (an iterable of (person, row), read in chunks) written row by row to a temporary
    file as `fmt` (xlsx or ods). Returns the open file, rewound, and its content type, for a
    streamed FileResponse."""
    handle = tempfile.TemporaryFile()
    spreadsheets.write([balance_sheet(table, on)], fmt, handle)
    handle.seek(0)
    return handle, spreadsheets.content_type(fmt)


def ical_for(person) -> bytes:
    """Approved and pending leave of `person` from a year ago to a year ahead."""
    cal = Calendar()
    cal.add("prodid", "-//chaiqin//leave//zh-TW")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{person.name}的請假")
    now = clock.now()
    for p in selectors.leave_periods(person, now - timedelta(days=366), now + timedelta(days=366)):
        ev = Event()
        ev.add("uid", f"leave-{p.request_id}-{int(p.start.timestamp())}@chaiqin")
        ev.add("summary", p.name + ("" if p.status == "approved" else "（簽核中）"))
        ev.add("dtstart", timezone.localtime(p.start))
        ev.add("dtend", timezone.localtime(p.end))
        ev.add("dtstamp", now)
        cal.add_component(ev)
    return cal.to_ical()
