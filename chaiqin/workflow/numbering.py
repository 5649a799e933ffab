"""Form numbers (假單編號): one per case, unique in its agency and never changed once given.

A number reads `<kind prefix>-<ROC year>-<sequence>`, e.g. 「LV-115-00012」 for an agency's
twelfth leave request of 民國115年. The sequence counts per agency, kind and ROC year of
submission, in `FormCounter` rows locked with SELECT … FOR UPDATE, so two requests submitted at
the same moment never get the same number (SQLite serialises writers with BEGIN IMMEDIATE).
A case keeps its number through corrections and resubmission.
"""

from __future__ import annotations

from datetime import datetime

from chaiqin.dates import TAIPEI, roc_year

from .models import FormCounter

# Short Latin prefixes: typed easily in the search box on any keyboard, and stable across
# renames of a form's Chinese label.
PREFIXES = {
    "leave": "LV",
    "leave_cancel": "CX",
    "overtime": "OT",
    "missed_punch": "MP",
    "trip": "TR",
    "outing": "OU",
    "overseas": "OS",
    "break_report": "BR",
    "wfh": "WF",
    "wfh_overtime": "WO",
    "lactation": "LA",
    "childcare_hours": "CH",
}


def prefix_of(kind: str) -> str:
    """The number prefix of a form kind; a kind registered later without one gets its first letters."""
    return PREFIXES.get(kind) or kind.replace("_", "")[:2].upper()


def format_number(kind: str, year: int, sequence: int) -> str:
    return f"{prefix_of(kind)}-{year:03d}-{sequence:05d}"


def number_year(at: datetime) -> int:
    """The ROC year a case submitted at `at` is numbered in (Taipei calendar)."""
    return roc_year(at.astimezone(TAIPEI).date())


def next_number(*, agency_id: int, kind: str, at: datetime) -> str:
    """The next number of `kind` in the agency for the year of `at`; call inside the transaction
    that creates the case (the counter row stays locked until it commits)."""
    year = number_year(at)
    FormCounter.objects.bulk_create([FormCounter(agency_id=agency_id, kind=kind, year=year, last=0)],
                                    ignore_conflicts=True)
    counter = FormCounter.objects.select_for_update().get(agency_id=agency_id, kind=kind, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return format_number(kind, year, counter.last)
