"""Files out of leave: the balance table as XLSX (openpyxl) and ODS (odfpy), iCalendar (icalendar)."""

from __future__ import annotations

from datetime import date, timedelta

from chaiqin import clock
from chaiqin.dates import format_roc

from . import ledger, selectors

COLUMNS = [("annual", "休假"), ("personal", "事假"), ("family_care", "家庭照顧假"), ("sick", "病假"), ("comp_time", "補休")]
HEADER = ["機關", "單位", "考勤代號", "姓名", "人員類別"] + [f"{label}剩餘" for _, label in COLUMNS]


def _rows(table):
    for person, row in table:
        yield [person.agency.short_name or person.agency.name, person.unit.name, person.employee_no, person.name,
               person.get_regime_display()] + [
            "" if row.get(code) is None else ledger.format_minutes(row[code]) for code, _ in COLUMNS]


def balance_table_file(table, on: date, fmt: str):
    """The table (an iterable of (person, row), read in chunks) written row by row to a temporary
    file: XLSX with openpyxl's write-only workbook, ODS with odfpy. Returns the open file, rewound,
    and its content type, for a streamed FileResponse."""
    import tempfile

    title = f"假別餘額（{format_roc(on)}）"
    handle = tempfile.TemporaryFile()
    if fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("假別餘額")
        ws.append([title])
        ws.append(HEADER)
        for r in _rows(table):
            ws.append(r)
        wb.save(handle)
        handle.seek(0)
        return handle, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    sheet = Table(name="假別餘額")
    for values in [[title], HEADER, *_rows(table)]:
        tr = TableRow()
        for v in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(v)))
            tr.addElement(cell)
        sheet.addElement(tr)
    doc.spreadsheet.addElement(sheet)
    doc.write(handle)
    handle.seek(0)
    return handle, "application/vnd.oasis.opendocument.spreadsheet"


def ical_for(person) -> bytes:
    """Approved and pending leave of `person` from a year ago to a year ahead."""
    from django.utils import timezone
    from icalendar import Calendar, Event

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
