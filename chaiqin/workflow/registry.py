"""The forms that go through the workflow, and what happens to them when a case ends.

Each form app registers its kind once (in its AppConfig.ready), naming the model and a
handler whose methods are called inside the deciding transaction:
`on_approved(form)`, `on_closed(form, status)` for rejected/withdrawn, and `url(form)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


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

    def decisions(self) -> list[tuple[str, str]]:
        choices = [("approve", "同意"), ("return", "退回修正"), ("reject", "不同意")]
        return [c for c in choices if not (c[0] == "reject" and self.not_refusable)]


_KINDS: dict[str, FormKind] = {}


def register(kind: str, *, label: str, model, on_approved, on_closed, url,
             not_refusable: tuple[str, str] | None = None) -> None:
    _KINDS[kind] = FormKind(kind, label, model, on_approved, on_closed, url, not_refusable)


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
