"""Files out of the payroll app: the 加班費印領清冊 and the unused-leave sheet as XLSX (numeric
cells; no text cell is ever a formula) and as PDF laid out as the paper sheet (WeasyPrint with
an HTML template and Noto CJK), the CSV for the accounting or bank system (docs/PAYROLL.md),
and the attendance statistics as XLSX.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from chaiqin.dates import format_roc

from .sheets import KIND_LABELS, KINDS, PaySheet, hours
from .statistics import NUMERIC

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SIGN_LINES = ("承辦人", "單位主管", "人事主管", "主計主管", "機關首長")
MONEY_FORMAT = "#,##0.00"
HOURS_FORMAT = "0.00"


def _cells(ws, values: list, *, money: set[int] = frozenset(), hour: set[int] = frozenset()):
    """One row of write-only cells: texts always as text (a leading = + - @ stays text, never a
    formula), numbers as numbers with a number format."""
    row = []
    for i, value in enumerate(values):
        cell = WriteOnlyCell(ws, value=float(value) if isinstance(value, Decimal) else value)
        if isinstance(value, str):
            cell.data_type = "s"
        elif i in money:
            cell.number_format = MONEY_FORMAT
        elif i in hour:
            cell.number_format = HOURS_FORMAT
        row.append(cell)
    return row


def _book():
    return Workbook(write_only=True)


def _save(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


SHEET_HEADER = ["單位", "考勤代號", "姓名", "職稱", *[f"{KIND_LABELS[k]}時數" for k in KINDS], "合計時數",
                "每小時支給標準（元）", "加班費（元）", "領款人簽章"]
HOUR_COLS = set(range(4, 4 + len(KINDS) + 1))
MONEY_COLS = {4 + len(KINDS) + 1, 4 + len(KINDS) + 2}


def pay_sheet_xlsx(sheet: PaySheet, *, title: str) -> bytes:
    """加班費印領清冊 as XLSX: one row per person (hours and money as numbers), a subtotal per
    unit, the agency's total, then the sign lines."""
    book = _book()
    ws = book.create_sheet(f"{sheet.year - 1911}年{sheet.month}月加班費")
    ws.append(_cells(ws, [title]))
    ws.append(_cells(ws, SHEET_HEADER))
    for g in sheet.groups:
        for line in g.lines:
            p = line.person
            ws.append(_cells(ws, [p.unit.name, p.employee_no, p.name, p.title or p.get_post_display(),
                                  *[hours(line.minutes.get(k, 0)) for k in KINDS], hours(line.total_minutes),
                                  line.hourly_base, line.amount, ""], money=MONEY_COLS, hour=HOUR_COLS))
        ws.append(_cells(ws, [f"{g.unit.name} 小計", "", "", "", *[hours(g.minutes.get(k, 0)) for k in KINDS],
                              hours(g.total_minutes), None, g.amount, ""], money=MONEY_COLS, hour=HOUR_COLS))
    ws.append(_cells(ws, ["總計", "", "", "", *[hours(sheet.minutes.get(k, 0)) for k in KINDS],
                          hours(sheet.total_minutes), None, sheet.amount, ""], money=MONEY_COLS, hour=HOUR_COLS))
    ws.append([])
    ws.append(_cells(ws, [f"{name}：" for name in SIGN_LINES]))
    return _save(book)


def pay_sheet_pdf(sheet: PaySheet, *, title: str, agency_name: str, printed_on) -> bytes:
    """加班費印領清冊 as PDF (A4 landscape): the paper sheet's columns, a page per unit with its
    subtotal, the total and the sign lines on the last page."""
    html = render_to_string("payroll/pay_sheet_print.html", {
        "sheet": sheet, "title": title, "agency_name": agency_name, "kinds": [KIND_LABELS[k] for k in KINDS],
        "kind_codes": KINDS, "sign_lines": SIGN_LINES, "printed_on": format_roc(printed_on)})
    return _pdf(html)


def unused_leave_pdf(rows, *, title: str, printed_on) -> bytes:
    html = render_to_string("payroll/unused_leave_print.html", {
        "rows": rows, "title": title, "sign_lines": SIGN_LINES, "printed_on": format_roc(printed_on),
        "total": sum((r.amount for r in rows), Decimal("0.00"))})
    return _pdf(html)


def _pdf(html: str) -> bytes:
    """HTML to PDF with WeasyPrint; every user text reached the template escaped, so it prints
    as text and no markup of it is ever loaded (no url fetcher for anything but data)."""
    from weasyprint import HTML  # loaded on first print: it loads Pango at import

    def no_fetch(url, *args, **kwargs):
        raise ValueError("external resources are not loaded")

    return HTML(string=html, url_fetcher=no_fetch).write_pdf()


CSV_HEADER = ["機關代碼", "考勤代號", "姓名", "年月", "項目", "金額"]


def pay_csv(lines, *, agency_code_of, period: str, item: str) -> bytes:
    """The CSV for the accounting or bank transfer system (layout in docs/PAYROLL.md): UTF-8
    with a BOM, one row per person with a non-zero amount."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for person, amount in lines:
        if amount:
            writer.writerow([agency_code_of(person), _csv_text(person.employee_no), _csv_text(person.name), period,
                             item, f"{amount:.2f}"])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_text(value: str) -> str:
    """A text cell a spreadsheet opening the CSV will not run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


UNUSED_HEADER = ["單位", "考勤代號", "姓名", "類別", "年度或期限終止日", "未休時數", "日支標準（元）", "金額（元）", "依據",
                 "領款人簽章"]


def unused_leave_xlsx(rows, *, title: str) -> bytes:
    book = _book()
    ws = book.create_sheet("未休假工資")
    ws.append(_cells(ws, [title]))
    ws.append(_cells(ws, UNUSED_HEADER))
    total = Decimal("0.00")
    for r in rows:
        p = r.person
        ws.append(_cells(ws, [p.unit.name, p.employee_no, p.name, r.get_kind_display(), format_roc(r.period_end),
                              hours(r.minutes), r.day_rate, r.amount, r.citation, ""], money={6, 7}, hour={5}))
        total += r.amount
    ws.append(_cells(ws, ["總計", "", "", "", "", None, None, total, "", ""], money={7}))
    ws.append([])
    ws.append(_cells(ws, [f"{name}：" for name in SIGN_LINES]))
    return _save(book)


def statistics_xlsx(rows, codes: list[tuple[str, str]], *, title: str) -> bytes:
    """差勤統計 as XLSX: one row per person, every figure a number (minutes as hours)."""
    labels = {"late_count": "遲到次數", "late_minutes": "遲到時數", "early_leave_count": "早退次數",
              "early_leave_minutes": "早退時數", "absent_minutes": "曠職時數", "missed_punch_count": "未刷卡次數",
              "overtime_minutes": "加班時數", "overtime_paid_minutes": "加班費時數", "overtime_comp_minutes": "加班補休時數",
              "comp_time_earned_minutes": "補休取得時數", "comp_time_used_minutes": "補休使用時數",
              "comp_time_expired_minutes": "補休逾期時數"}
    book = _book()
    ws = book.create_sheet("差勤統計")
    ws.append(_cells(ws, [title]))
    ws.append(_cells(ws, ["機關", "單位", "考勤代號", "姓名", *[f"{name}時數" for _c, name in codes],
                          *[labels[n] for n in NUMERIC]]))
    first_num = 4
    for f in rows:
        p = f.person
        values = [hours(f.leave_minutes.get(c, 0)) for c, _n in codes]
        values += [getattr(f, n) if n.endswith("_count") else hours(getattr(f, n)) for n in NUMERIC]
        ws.append(_cells(ws, [p.agency.name, p.unit.name, p.employee_no, p.name, *values],
                         hour=set(range(first_num, first_num + len(values)))))
    return _save(book)
