"""The printed 加班單 with each person's sign-in and sign-out (chaiqin/printing.py; template
overtime/templates/overtime/print/request.html)."""

from __future__ import annotations

from chaiqin.dates import TAIPEI, format_roc, weekday_zh
from chaiqin.durations import format_minutes
from chaiqin.printing import form_context, person_rows, render_pdf

from .models import OvertimeRequest


def _hm(value) -> str:
    return value.astimezone(TAIPEI).strftime("%H:%M") if value else "—"


def overtime_request_pdf(item: OvertimeRequest) -> bytes:
    rows = person_rows(item.applicant) + [
        ("加班事由", item.reason), ("工作項目", item.work_items), ("情形", item.get_situation_display()),
        ("簽到退方式", "紙本簽到退" if item.paper_sign else "系統簽到退"),
    ]
    if item.report_required and item.report_due:
        rows.append(("報主管機關備查", f"應於 {format_roc(item.report_due)} 前報主管機關備查"))
    slots = [{
        "name": s.person.name, "day": f"{format_roc(s.day)}（{weekday_zh(s.day)}）",
        "planned": f"{_hm(s.start)}–{_hm(s.end)}", "signed_in": _hm(s.signed_in_at), "signed_out": _hm(s.signed_out_at),
        "minutes": format_minutes(s.minutes) if s.minutes is not None else "—",
        "compensation": s.get_compensation_display() if s.claimed_at else "—",
    } for s in item.slots.select_related("person").order_by("day", "start", "person__employee_no")]
    return render_pdf("overtime/print/request.html", form_context(
        title="加班申請單", person=item.applicant, case=item.case, rows=rows, slots=slots))
