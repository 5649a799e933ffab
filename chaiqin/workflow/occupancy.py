"""What occupies a person's time, across forms: leave, trips, WFH days, official outings.

Each form app registers a provider (in its AppConfig.ready) that lists the person's periods
overlapping a window; the leave, trip and WFH services call `refuse_overlap` before saving so
that no two of them claim the same minute (a morning and an afternoon half day do not clash:
periods are half-open, [start, end)).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Iterable

from chaiqin.dates import format_roc_datetime
from chaiqin.errors import ChaiqinError


@dataclass(frozen=True)
class Busy:
    kind: str  # the registry kind, e.g. "leave", "trip", "wfh"
    form_id: int
    label: str  # e.g. 「事假」「公務出差」「居家辦公」
    start: datetime
    end: datetime
    status: str  # the case status: pending forms hold their time too


Provider = Callable[[object, datetime, datetime], Iterable[Busy]]
# the same for several people at once, in the provider's usual number of queries: (person id, Busy) pairs
ManyProvider = Callable[[list, datetime, datetime], Iterable[tuple[int, Busy]]]
_PROVIDERS: dict[str, Provider] = {}
_MANY: dict[str, ManyProvider] = {}


def register_provider(kind: str, provider: Provider, *, many: ManyProvider | None = None) -> None:
    _PROVIDERS[kind] = provider
    if many is not None:
        _MANY[kind] = many


def busy_between(person, start: datetime, end: datetime, *, exclude: tuple[str, int] | None = None) -> list[Busy]:
    """Every registered period of `person` overlapping [start, end), except the form `exclude`."""
    found: list[Busy] = []
    for provider in _PROVIDERS.values():
        for busy in provider(person, start, end):
            if exclude and (busy.kind, busy.form_id) == exclude:
                continue
            if busy.start < end and busy.end > start:
                found.append(busy)
    return sorted(found, key=lambda b: b.start)


def busy_of(people, start: datetime, end: datetime, *, exclude: tuple[str, int] | None = None) -> dict[int, list[Busy]]:
    """busy_between for several people at once (e.g. an applicant and their agent): person id -> periods.
    Providers registered with `many` answer for everyone in one go."""
    people = [p for p in people if p is not None]
    found: dict[int, list[Busy]] = {p.pk: [] for p in people}
    for kind, provider in _PROVIDERS.items():
        many = _MANY.get(kind)
        pairs = many(people, start, end) if many else ((p.pk, b) for p in people for b in provider(p, start, end))
        for person_id, busy in pairs:
            if exclude and (busy.kind, busy.form_id) == exclude:
                continue
            if busy.start < end and busy.end > start and person_id in found:
                found[person_id].append(busy)
    return {pk: sorted(rows, key=lambda b: b.start) for pk, rows in found.items()}


def overlap_error(clash: list[Busy]) -> ChaiqinError:
    first = clash[0]
    return ChaiqinError(
        f"與已申請的{first.label}（{format_roc_datetime(first.start)} 至 {format_roc_datetime(first.end)}）時間重疊，"
        "同一時段不能重複申請。",
        code="overlap",
    )


def refuse_overlap(person, start: datetime, end: datetime, *, exclude: tuple[str, int] | None = None) -> None:
    """Raise ChaiqinError naming the first form that already claims part of [start, end)."""
    clash = busy_between(person, start, end, exclude=exclude)
    if clash:
        raise overlap_error(clash)
