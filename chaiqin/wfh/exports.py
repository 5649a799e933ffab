"""The daily work log as the seed's form (居家辦公工作日誌): PDF with CJK fonts, and XLSX of a week.

The PDF uses reportlab's built-in CID font MSung-Light (Traditional Chinese), so no font file
is needed; the layout follows seed 000's attachment: date, hours, unit / title / name, rows
of work item, what was done and progress with its three check boxes, and the closing note.
"""

from __future__ import annotations

import io
from datetime import date

from chaiqin.dates import format_roc_long

from .models import WfhLog, WfhLogItem

FONT = "MSung-Light"
NOTE = ("說明：居家辦公期間內應將每日業務執行情形及進度確實登載於工作日誌，"
        "並按日傳送直屬主管，直屬主管應覈實審核後每週陳報單位主管。")


def _roc_form_date(day: date) -> str:
    return f"{day.year - 1911} 年 {day.month} 月 {day.day} 日"


def _progress_boxes(chosen: str) -> str:
    return "<br/>".join(("■" if value == chosen else "□") + " " + label for value, label in WfhLogItem.Progress.choices)


def log_pdf(logs: list[WfhLog]) -> bytes:
    """One page per log, as the seed's form. `logs` should have `person__unit` and `items` loaded."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    title = ParagraphStyle("title", fontName=FONT, fontSize=16, leading=22, alignment=1)
    body = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=15, wordWrap="CJK")
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title="居家辦公工作日誌")
    story = []
    for number, log in enumerate(logs):
        if number:
            story.append(PageBreak())
        person = log.person
        story += [Paragraph("居家辦公工作日誌", title), Spacer(1, 6 * mm)]
        p = lambda text: Paragraph(str(text), body)  # noqa: E731
        rows = [
            [p(f"上班日期：{_roc_form_date(log.date)}"), "", ""],
            [p(f"上班時間：{log.work_start:%H:%M} 至 {log.work_end:%H:%M}"), "", ""],
            [p(f"單位：{person.unit.name}"), p(f"職稱：{person.title or person.get_post_display()}"),
             p(f"姓名：{person.name}")],
            [p("本日工作內容"), "", ""],
            [p("工作項目"), p("執行情形"), p("工作進度說明")],
        ]
        for item in log.items.all():
            rows.append([p(item.item), p(item.done), p(_progress_boxes(item.progress))])
        status = log.get_status_display()
        if log.reviewer_id:
            status += f"（{log.reviewer.name} {format_roc_long(log.reviewed_at.date())}）"
        rows.append([p(f"直屬主管審核：{status}" + (f"　意見：{log.review_comment}" if log.review_comment else "")),
                     "", ""])
        table = Table(rows, colWidths=[50 * mm, 70 * mm, 54 * mm])
        spans = [("SPAN", (0, 0), (2, 0)), ("SPAN", (0, 1), (2, 1)), ("SPAN", (0, 3), (2, 3)),
                 ("SPAN", (0, len(rows) - 1), (2, len(rows) - 1))]
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 3), (2, 4), colors.whitesmoke), *spans,
        ]))
        story += [table, Spacer(1, 4 * mm), Paragraph(NOTE, body)]
    if not story:
        story.append(Paragraph("沒有工作日誌。", body))
    doc.build(story)
    return buffer.getvalue()


def logs_xlsx(logs: list[WfhLog]) -> bytes:
    """A workbook of logs, one row per work item (date, hours, unit, title, name, item, done, progress, review)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "居家辦公工作日誌"
    header = ["上班日期", "上班時間", "單位", "職稱", "姓名", "工作項目", "執行情形", "工作進度說明", "審核狀態", "審核主管"]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for log in logs:
        person = log.person
        for item in log.items.all():
            sheet.append([
                f"{log.date.year - 1911:03d}-{log.date.month:02d}-{log.date.day:02d}",
                f"{log.work_start:%H:%M}-{log.work_end:%H:%M}", person.unit.name,
                person.title or person.get_post_display(), person.name, item.item, item.done,
                item.get_progress_display(), log.get_status_display(), log.reviewer.name if log.reviewer_id else "",
            ])
    for column, width in zip("ABCDEFGHIJ", (12, 13, 12, 10, 10, 24, 40, 12, 14, 10)):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
