"""The forms that go through the workflow, and what happens to them when a case ends.

Each form app registers its kind once (in its AppConfig.ready), naming the model and a
handler whose methods are called inside the deciding transaction:
`on_approved(form)`, `on_closed(form, status)` for rejected/withdrawn, and `url(form)`.
`edit_url(form)` optionally names the page where the applicant corrects a returned form.
`summary(form)` optionally lists what the decision page shows of the form, as (label, text)
pairs; without one, `form_summary` lists the form's own fields by their Chinese names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable

from chaiqin.dates import format_roc, format_roc_datetime
from chaiqin.durations import format_hours


@dataclass(frozen=True)
class FormKind:
    kind: str
    label: str
    model: Any
    on_approved: Callable[[Any], None]
    on_closed: Callable[[Any, str], None]
    url: Callable[[Any], str]
    # A request the agency may not refuse (e.g. 性別平等工作法第21條): (message, citation); the
    # deciders can approve or return it for correction, never reject it.
    not_refusable: tuple[str, str] | None = None
    summary: Callable[[Any], list[tuple[str, str]]] | None = None
    # Where the applicant corrects a returned form and sends it again into the same case (the case
    # page links to it); None for a kind that has no correction page.
    edit_url: Callable[[Any], str] | None = None

    def decisions(self) -> list[tuple[str, str]]:
        choices = [("approve", "同意"), ("return", "退回修正"), ("reject", "不同意")]
        return [c for c in choices if not (c[0] == "reject" and self.not_refusable)]


_KINDS: dict[str, FormKind] = {}


def register(kind: str, *, label: str, model, on_approved, on_closed, url,
             not_refusable: tuple[str, str] | None = None, summary=None, edit_url=None) -> None:
    _KINDS[kind] = FormKind(kind, label, model, on_approved, on_closed, url, not_refusable, summary, edit_url)


def form_kind(kind: str) -> FormKind:
    try:
        return _KINDS[kind]
    except KeyError:
        raise LookupError(f"未註冊的表單類別：{kind}") from None


def form_of(case):
    """The form object behind `case` (one query)."""
    return form_kind(case.kind).model.objects.get(pk=case.form_id)


def label_of(kind: str) -> str:
    entry = _KINDS.get(kind)
    return entry.label if entry else kind


def kinds() -> list[FormKind]:
    """Every registered kind of form, in registration order (the console lists their chains)."""
    return list(_KINDS.values())


_SKIPPED = {"id", "case", "person", "created_at", "applicant"}


def _text(field, value) -> str:
    if value is None or value == "":
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return format_roc_datetime(value)
    if isinstance(value, date):
        return format_roc(value)
    if isinstance(value, int) and "分鐘" in str(field.verbose_name):
        return format_hours(value)
    return str(value)


def form_summary(form) -> list[tuple[str, str]]:
    """What the decision page shows of `form`: its kind's own `summary`, or else each of the
    form's plain fields (text, dates in ROC, choices by their label, people by name, minutes as
    hours) under its Chinese name; empty fields, files, data and bookkeeping are left out."""
    entry = _KINDS.get(getattr(getattr(form, "case", None), "kind", ""))
    if entry is not None and entry.summary is not None:
        return entry.summary(form)
    return form_summary_fields(form)


def form_summary_fields(form) -> list[tuple[str, str]]:
    """The generic part of form_summary: the form's plain fields under their Chinese names."""
    rows = []
    for field in form._meta.concrete_fields:
        if field.name in _SKIPPED or field.get_internal_type() in ("JSONField", "BinaryField", "FileField"):
            continue
        value = getattr(form, field.name)
        text = _text(field, value)
        if text:
            label = str(field.verbose_name).replace("（分鐘）", "")
            rows.append((label, text))
    return rows
