"""What the trips app asks of the rules (chaiqin.rules.trips): what a trip kind pays, the
default school breaks, the principal's notification route, the mainland report; and what an
uploaded file really is. No database here.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from chaiqin import clock, rules
from chaiqin.dates import school_year_of
from chaiqin.errors import ChaiqinError
from chaiqin.rules import NoticeRoute, TripKind
from chaiqin.uploads import sniff as _sniff

__all__ = ["NoticeRoute", "TripKind", "trip_kind", "trip_kinds", "expense_items", "default_breaks", "break_citation",
           "principal_notice_route", "notice_contact", "mainland", "max_attachment_bytes", "sniff"]

# The facts of the law live in chaiqin.rules (rules/trips.py, rules/data/trips.toml); this
# module asks them about today (or the day given) and turns an unknown kind into a refusal.


def _today() -> date:
    return clock.today()


def trip_kind(code: str, on: date | None = None) -> TripKind:
    try:
        return rules.trip_kind(code, on or _today())
    except rules.RuleInputError as exc:
        raise ChaiqinError(str(exc), field="nature") from None


def trip_kinds(on: date | None = None) -> list[TripKind]:
    return rules.trip_kinds(on or _today())


def expense_items(code: str, on: date | None = None) -> list[dict]:
    """Each expense item with whether this trip kind may claim it: [{item, label, paid}]."""
    trip_kind(code, on)  # an unknown kind is refused naming the field
    return rules.trip_expense_items(code, on or _today())


def default_breaks(school_year: int) -> dict[str, tuple[date, date]]:
    """The default winter and summer break of ROC school year `school_year` (rules.default_school_breaks)."""
    return rules.default_school_breaks(school_year)[0]


def break_citation(school_year: int | None = None) -> str:
    return rules.default_school_breaks(school_year if school_year is not None else school_year_of(_today()))[1]


def principal_notice_route(destination: str, start: date) -> NoticeRoute:
    return rules.principal_notice_route(destination, start)


def notice_contact() -> dict:
    return rules.principal_notice_contact(_today())


def mainland() -> dict:
    return dataclasses.asdict(rules.mainland_rules(_today()))


# --- attachments -----------------------------------------------------------------------------
# One upload check for every form: chaiqin/uploads.py.

from chaiqin.uploads import max_bytes as max_attachment_bytes  # noqa: E402,F401


def sniff(data: bytes, name: str = "") -> str:
    """The content type of an upload judged by its first bytes (see chaiqin.uploads.sniff)."""
    return _sniff(data, name, field="attachment")
