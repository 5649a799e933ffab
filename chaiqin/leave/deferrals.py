"""特別休假 deferral agreed with each worker (勞動基準法第38條第4項): recorded per person and leave
year by the personnel office, read by the year-end close (leave.yearend)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from chaiqin import clock, rules
from chaiqin.dates import format_roc
from chaiqin.errors import ChaiqinError
from chaiqin.org.models import Person
from chaiqin.org.staffing import audit, require_personnel

from . import ledger
from .models import AnnualLeaveDeferral, LeaveYearClose

CITATION = "勞動基準法第38條第4項"


def deferral_agreed(person: Person, period_start: date) -> bool:
    """Whether `person` agreed to defer the unused days of the leave year starting `period_start`:
    the latest record decides; none means not agreed (the days are paid). One query."""
    latest = (AnnualLeaveDeferral.objects.filter(person=person, period_start=period_start)
              .order_by("-recorded_at", "-pk").values_list("agreed", flat=True).first())
    return bool(latest)


def deferrals_of(people_ids, period_starts) -> dict[tuple[int, date], AnnualLeaveDeferral]:
    """{(person_id, period_start): latest record} for the personnel page. One query."""
    found: dict[tuple[int, date], AnnualLeaveDeferral] = {}
    for row in (AnnualLeaveDeferral.objects.filter(person_id__in=list(people_ids), period_start__in=list(period_starts))
                .select_related("recorded_by").order_by("recorded_at", "pk")):
        found[(row.person_id, row.period_start)] = row
    return found


@transaction.atomic
def deferral_record(*, actor: Person, person: Person, on: date, agreed: bool, note: str = "") -> AnnualLeaveDeferral:
    """Record whether `person` and the employer agreed to defer the unused 特別休假 of the leave year
    containing `on` to the next one. Only for workers under the Labor Standards Act, by the
    personnel office of their agency, before that year is closed. Kept in the personnel trail too."""
    require_personnel(actor, person.agency_id)
    person = ledger.lock_person(person)
    if person.regime != rules.LABOR:
        raise ChaiqinError(f"{person.name}非勞基法適用人員：特別休假遞延僅適用勞工（{CITATION}）。", citation=CITATION)
    start, end = ledger.period_of(person, "annual", on)
    if LeaveYearClose.objects.filter(person=person, account="annual", period_start=start).exists():
        raise ChaiqinError(f"{format_roc(start)}至{format_roc(end)}特休年度已結算，不能再變更遞延約定。", field="on")
    row = AnnualLeaveDeferral.objects.create(person=person, period_start=start, period_end=end, agreed=agreed,
                                             recorded_by=actor, recorded_at=clock.now(), note=note.strip()[:300])
    what = "同意遞延至次一年度" if agreed else "不遞延，年度終結時發給工資"
    audit(agency=person.agency_id, actor=actor, person=person, action="annual_deferral",
          note=f"{format_roc(start)}至{format_roc(end)}特休未休日數：{what}（{CITATION}）")
    return row
