"""The daily work log as the seed's form (居家辦公工作日誌): PDF (chaiqin/printing.py, template
wfh/print/log.html) and the XLSX/ODS of a week (chaiqin/spreadsheets.py).

The layout follows the form attached to the 居家辦公 rules: date, hours, unit / title / name,
rows of work item, what was done and progress with its three check boxes, and the closing note.
"""

from __future__ import annotations

from datetime import date

from chaiqin import spreadsheets
from chaiqin.dates import format_roc, format_roc_long
from chaiqin.printing import render_pdf
from chaiqin.spreadsheets import Column

from .models import WfhLog, WfhLogItem

NOTE = ("說明：居家辦公期間內應將每日業務執行情形及進度確實登載於工作日誌，"
        "並按日傳送直屬主管，直屬主管應覈實審核後每週陳報單位主管。")


def _roc_form_date(day: date) -> str:
    return f"{day.year - 1911} 年 {day.month} 月 {day.day} 日"


def _review(log: WfhLog) -> str:
    status = log.get_status_display()
    if log.reviewer_id:
        status += f"（{log.reviewer.name} {format_roc_long(log.reviewed_at.date())}）"
    return status + (f"　意見：{log.review_comment}" if log.review_comment else "")


def log_pdf(logs: list[WfhLog]) -> bytes:
    """One page per log, as the seed's form. `logs` should have `person__unit` and `items` loaded."""
    pages = []
    for log in logs:
        person = log.person
        pages.append({
            "agency_name": person.agency.name, "date": _roc_form_date(log.date),
            "hours": f"{log.work_start:%H:%M} 至 {log.work_end:%H:%M}", "unit": person.unit.name,
            "job_title": person.title or person.get_post_display(), "name": person.name,
            "items": [{"item": i.item, "done": i.done,
                       "progress": [(value == i.progress, label) for value, label in WfhLogItem.Progress.choices]}
                      for i in log.items.all()],
            "review": _review(log),
        })
    return render_pdf("wfh/print/log.html", {"title": "居家辦公工作日誌", "pages": pages, "note": NOTE})


def logs_sheet(logs: list[WfhLog]) -> spreadsheets.Sheet:
    """A week of logs, one line per work item (date, hours, unit, title, name, item, done, progress, review)."""
    columns = [Column("上班日期", 11), Column("上班時間", 12), Column("單位", 12), Column("職稱", 10), Column("姓名", 10),
               Column("工作項目", 24, wrap=True), Column("執行情形", 40, wrap=True), Column("工作進度說明", 12),
               Column("審核狀態", 12), Column("審核主管", 10)]
    rows = [[format_roc(log.date), f"{log.work_start:%H:%M}-{log.work_end:%H:%M}", log.person.unit.name,
             log.person.title or log.person.get_post_display(), log.person.name, item.item, item.done,
             item.get_progress_display(), log.get_status_display(), log.reviewer.name if log.reviewer_id else ""]
            for log in logs for item in log.items.all()]
    agency = logs[0].person.agency.name if logs else ""
    return spreadsheets.Sheet("居家辦公工作日誌", f"{agency} 居家辦公工作日誌".strip(), columns, rows, landscape=True)


def logs_xlsx(logs: list[WfhLog]) -> bytes:
    return spreadsheets.to_bytes([logs_sheet(logs)], "xlsx")
