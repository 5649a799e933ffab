"""Every printed form, one way: a Django template laid out as the paper form, rendered to PDF
by WeasyPrint with Debian's Noto CJK TC fonts (found through fontconfig and embedded, subset,
in every PDF, so poppler, mupdf and PDFium viewers all show the same text).

User text only ever reaches the PDF through the template's autoescape, as text. WeasyPrint's
URL fetcher is replaced by one that refuses every URL: the print style sheet is inlined by the
template (print/print.css) and the fonts come from fontconfig, so nothing a user types — an
`<img src="/etc/passwd">` in a trip's place, say — can make the renderer read a file or reach a
host.

Each app keeps its form templates in its own `templates/<app>/print/` folder; they extend
`print/form.html` and fill its blocks. `signoffs(case)` turns the approval trail into the
sign-off boxes; `pdf_response` serves the bytes with the form number in the file name.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.http import HttpResponse
from django.template.loader import render_to_string

from chaiqin import clock
from chaiqin.dates import format_roc, format_roc_datetime


def _refusing_fetcher():
    """WeasyPrint's URL fetcher for our forms: nothing is fetched, not a file, not a host, not a
    data: URL. WeasyPrint catches the ValueError, logs it and leaves the resource out."""
    from weasyprint.urls import URLFetcher  # loaded on first print, as below

    class RefuseEveryURL(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"printed forms read no outside resource: {url[:80]}")

    return RefuseEveryURL()


@dataclass(frozen=True)
class Signoff:
    """One box of the sign-off row: the step (as whom), who signed, when, the decision, the comment."""

    role: str
    name: str
    acted_by: str
    at: str
    decision: str
    comment: str


def signoffs(case) -> list[Signoff]:
    """The applicant's box, then one box per step of `case` in order (None: a form not yet sent
    has only the applicant's box, empty). Two queries."""
    if case is None:
        return []
    boxes = [Signoff("申請人", case.applicant.name, "", format_roc_datetime(case.created_at), "送出申請", "")]
    for step in case.steps.select_related("decider", "acted_by").order_by("order"):
        acted = step.acted_by.name if step.acted_by_id and step.acted_by_id != step.decider_id else ""
        decided = step.status in ("approved", "returned", "rejected")
        boxes.append(Signoff(step.get_role_display(), step.decider.name, acted,
                             format_roc_datetime(step.decided_at) if step.decided_at else "",
                             step.get_status_display() if decided else "", step.comment))
    return boxes


def public_citation(text: str) -> str:
    """A citation as printed: the law's part only (working notes naming source documents by
    their internal number stay off paper)."""
    parts = [p.strip() for p in text.replace(";", "；").split("；")]
    return "；".join(p for p in parts if p and not p.lower().startswith("seed"))


def job_title(person) -> str:
    """職稱 as a form prints it: the person's title, else the name of their post."""
    return person.title or person.get_post_display()


def person_rows(person, *, label: str = "申請人") -> list[tuple[str, str]]:
    """The opening lines of a form: who, their unit, title and attendance number."""
    return [(label, person.name), ("單位", person.unit.name), ("職稱", job_title(person)), ("考勤代號", person.employee_no)]


def form_context(*, title: str, person, case=None, rows=(), notes=(), **extra) -> dict:
    """What print/form.html needs: the agency's name, the title, the form number and status of
    `case` (None for a draft), the facts `rows` [(label, value)], the sign-off boxes and notes."""
    return {
        "title": title, "agency_name": person.agency.name, "person": person,
        "number": case.number if case is not None else "",
        "status": case.get_status_display() if case is not None else "草稿（尚未送出）",
        "rows": list(rows), "boxes": signoffs(case), "notes": [n for n in notes if n], **extra,
    }


def render_pdf(template: str, context: dict) -> bytes:
    """The PDF of `template` (extending print/form.html) rendered with `context`.

    The context gains `printed_on` (today, ROC). WeasyPrint is imported here because it loads
    Pango at import; pages that never print do not pay for it."""
    from weasyprint import HTML

    html = render_to_string(template, {"printed_on": format_roc(clock.today()), **context})
    return HTML(string=html, url_fetcher=_refusing_fetcher()).write_pdf()


def pdf_response(data: bytes, *, name: str, number: str = "") -> HttpResponse:
    """The PDF inline, named by its form number when it has one (e.g. 「LV-115-00012 請假單.pdf」)."""
    filename = f"{number} {name}.pdf" if number else f"{name}.pdf"
    response = HttpResponse(data, content_type="application/pdf")
    ascii_name = (number or "form") + ".pdf"
    response["Content-Disposition"] = f"inline; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
