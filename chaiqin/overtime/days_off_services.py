"""Writes of a worker's days off: the agency's four-week flexible-schedule agreement (勞動基準法
第30條之1第1項) and each worker's roster of 例假 and 休息日 per period (第36條), by the personnel
office. One entry point per change, keyword-only, in a transaction."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from chaiqin import clock, rules
from chaiqin.dates import format_roc
from chaiqin.errors import ChaiqinError
from chaiqin.org import access
from chaiqin.org.models import Agency, Person

from .days_off import agreement_in_force
from .models import DaysOffRoster, FlexibleScheduleAgreement

FLEX_CITATION = "勞動基準法第30條之1第1項"


def _require_personnel(actor: Person, agency_id: int) -> None:
    if agency_id not in access.console_agency_ids(actor):
        raise ChaiqinError("只有該機關的人事人員可以登錄例假、休息日排班與四週變形工時同意。")


@transaction.atomic
def flexible_agreement_record(*, agency: Agency, actor: Person, agreed_on: date, reference: str,
                              in_force_from: date, in_force_to: date | None = None,
                              body: str = FlexibleScheduleAgreement.Body.MEETING) -> FlexibleScheduleAgreement:
    """Record the agency's consent to the four-week flexible schedule: 經工會同意，事業單位無工會者，
    經勞資會議同意 (勞動基準法第30條之1第1項), with the meeting's reference and its dates."""
    _require_personnel(actor, agency.pk)
    if body not in FlexibleScheduleAgreement.Body.values:
        raise ChaiqinError("請選擇工會同意或勞資會議同意。", field="body", citation=FLEX_CITATION)
    if not reference.strip():
        raise ChaiqinError("請填寫工會或勞資會議同意的會議紀錄（次別、日期、案由）。", field="reference",
                           citation=FLEX_CITATION)
    if in_force_from < agreed_on:
        raise ChaiqinError("實施日不可早於同意日期：變更工作時間須先經工會或勞資會議同意。", field="in_force_from",
                           citation=FLEX_CITATION)
    if in_force_to is not None and in_force_to < in_force_from:
        raise ChaiqinError("終止日不可早於實施日。", field="in_force_to")
    return FlexibleScheduleAgreement.objects.create(
        agency=agency, body=body, agreed_on=agreed_on, reference=reference.strip(), in_force_from=in_force_from,
        in_force_to=in_force_to, entered_by=actor, created_at=clock.now())


@transaction.atomic
def days_off_roster_set(*, person: Person, actor: Person, schedule: str, period_start: date,
                        regular_days_off: list[date], rest_days: list[date]) -> DaysOffRoster:
    """Set the 例假 and 休息日 of `person` for the period starting `period_start` (7 days weekly,
    28 days four-week), replacing that period's earlier roster. Refused: someone not under the
    Labor Standards Act, a four-week period without the agency's agreement in force on its first
    day (第30條之1), too few days off (rules.days_off_roster_problems: 第36條), a period
    overlapping another of the person's periods."""
    _require_personnel(actor, person.agency_id)
    if person.regime != rules.LABOR:
        raise ChaiqinError(f"{person.name}非勞動基準法適用人員，沒有例假與休息日之排定（勞動基準法第36條）。")
    if schedule not in DaysOffRoster.Schedule.values:
        raise ChaiqinError("請選擇每七日或四週變形工時。", field="schedule")
    agreement = None
    if schedule == DaysOffRoster.Schedule.FOUR_WEEK:
        agreement = agreement_in_force(person.agency, period_start)
        if agreement is None:
            raise ChaiqinError(f"{person.agency.name}於 {format_roc(period_start)} 沒有施行中的四週變形工時同意"
                               "（經工會同意，無工會者經勞資會議同意）；請先登錄同意紀錄。",
                               citation=FLEX_CITATION, field="schedule")
    rule = rules.days_off_rule(schedule, period_start)
    problems = rules.days_off_roster_problems(schedule, period_start, regular_days_off, rest_days)
    if problems:
        raise ChaiqinError("；".join(problems), citation=rule.citation, field="regular_days_off")
    period_end = period_start + timedelta(days=rule.cycle_days - 1)
    clash = (DaysOffRoster.objects.filter(person=person, period_start__lte=period_end, period_end__gte=period_start)
             .exclude(period_start=period_start).first())
    if clash is not None:
        raise ChaiqinError(f"與已排定的 {format_roc(clash.period_start)}～{format_roc(clash.period_end)} 期間重疊；"
                           "每一期自其起日起算，不得重疊。", field="period_start")
    roster, _created = DaysOffRoster.objects.update_or_create(
        person=person, period_start=period_start,
        defaults=dict(schedule=schedule, period_end=period_end, agreement=agreement,
                      regular_days_off=sorted({d.isoformat() for d in regular_days_off}),
                      rest_days=sorted({d.isoformat() for d in rest_days}), entered_by=actor,
                      created_at=clock.now()))
    return roster
