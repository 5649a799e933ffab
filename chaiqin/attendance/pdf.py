"""The printed 上下班未刷卡補登單 (chaiqin/printing.py; template attendance/print/missed_punch.html)."""

from __future__ import annotations

from chaiqin.dates import format_roc_datetime
from chaiqin.printing import form_context, person_rows, render_pdf

from .models import MissedPunch


def missed_punch_pdf(form: MissedPunch) -> bytes:
    rows = person_rows(form.person) + [
        ("補登", f"{form.get_direction_display()} {format_roc_datetime(form.at)}"), ("事由", form.reason),
        ("佐證文件", form.evidence.name.rsplit("/", 1)[-1] if form.evidence else "無"),
        ("填表時間", format_roc_datetime(form.created_at)),
    ]
    return render_pdf("attendance/print/missed_punch.html", form_context(
        title="上下班未刷卡補登單", person=form.person, case=form.case, rows=rows))
