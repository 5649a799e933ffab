"""The printed 請假單 and 銷假單 (chaiqin/printing.py; templates in leave/templates/leave/print/)."""

from __future__ import annotations

from chaiqin.dates import format_roc, format_roc_datetime
from chaiqin.durations import format_minutes
from chaiqin.printing import Signoff, form_context, person_rows, render_pdf

from .models import LeaveCancellation, LeaveRequest


def _period(start, end) -> str:
    return f"{format_roc_datetime(start)} 至 {format_roc_datetime(end)}"


def leave_request_pdf(req: LeaveRequest) -> bytes:
    """請假單: who, the leave type, period and 日/時, reason, agent, the quota charged and its pay,
    the attachments by name, and the sign-off boxes filled from the approval trail."""
    rows = person_rows(req.person) + [
        ("假別", req.leave_name), ("請假期間", _period(req.start, req.end)),
        ("請假時數", format_minutes(req.minutes)
         + (f"（已銷假 {format_minutes(req.cancelled_minutes)}）" if req.cancelled_minutes else "")),
        ("事由", req.reason),
    ]
    if req.event_date:
        rows.append(("事實發生日", format_roc(req.event_date)))
    rows += [
        ("職務代理人", req.agent.name if req.agent_id else "—"),
        ("額度與給薪", "\n".join(f"{p['pay_label']}：{p['explanation']}" for p in req.charge)),
        ("附件", "、".join(a.name for a in req.attachments.defer("data")) or "無"),
        ("申請時間", format_roc_datetime(req.created_at)),
    ]
    citations = sorted({p["citation"] for p in req.charge if p.get("citation")})
    return render_pdf("leave/print/request.html", form_context(
        title="請假單", person=req.person, case=req.case, rows=rows,
        notes=[f"依據：{'；'.join(citations)}" if citations else ""]))


def cancellation_pdf(cancellation: LeaveCancellation) -> bytes:
    """銷假單: the leave it gives back (with the request's number), the period and 日/時 returned,
    the reason, and the applicant's box."""
    req = cancellation.request
    rows = person_rows(req.person) + [
        ("原請假單", f"{req.case.number if req.case_id else ''} {req.leave_name}".strip()),
        ("原請假期間", f"{_period(req.start, req.end)}（{format_minutes(req.minutes)}）"),
        ("銷假期間", _period(cancellation.start, cancellation.end)),
        ("銷假時數", format_minutes(cancellation.minutes)), ("事由", cancellation.reason),
        ("銷假時間", format_roc_datetime(cancellation.created_at)),
    ]
    context = form_context(title="銷假單", person=req.person, case=req.case, rows=rows)
    context["status"] = "已銷假"
    context["boxes"] = [Signoff("申請人", req.person.name, "", format_roc_datetime(cancellation.created_at),
                                "銷假", "")]
    return render_pdf("leave/print/cancellation.html", context)
