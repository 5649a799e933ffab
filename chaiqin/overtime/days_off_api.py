"""REST API of a worker's days off: the worker's own schedule (例假、休息日), the agency's four-week
agreements and the rosters the personnel office enters (勞動基準法第30條之1、第36條)."""

from __future__ import annotations

from datetime import date

from ninja import Router, Schema

from chaiqin import clock
from chaiqin.org import access
from chaiqin.org.models import Person

from . import days_off, days_off_services

router = Router(tags=["加班"])


class DayOut(Schema):
    day: date
    kind: str
    label: str


class AgreementIn(Schema):
    body: str = "meeting"
    agreed_on: date
    reference: str
    in_force_from: date
    in_force_to: date | None = None


class AgreementOut(Schema):
    id: int
    body: str
    agreed_on: date
    reference: str
    in_force_from: date
    in_force_to: date | None


class RosterIn(Schema):
    person_id: int
    schedule: str
    period_start: date
    regular_days_off: list[date]
    rest_days: list[date]


class RosterOut(Schema):
    id: int
    person_id: int
    schedule: str
    period_start: date
    period_end: date
    regular_days_off: list[date]
    rest_days: list[date]
    agreement_id: int | None


@router.get("/mine", response=list[DayOut], summary="本人例假、休息日與工作日（勞基法第36條）")
def mine(request, start: date | None = None):
    me = access.person_of(request.user)
    return [DayOut(day=d.day, kind=d.kind, label=d.label) for d in days_off.my_schedule(me, start or clock.today())]


@router.get("/agreements", response=list[AgreementOut], summary="四週變形工時同意紀錄（勞基法第30條之1）")
def agreements(request):
    viewer, _ids = access.console_viewer(request.user)
    return days_off.agreements_of(viewer.agency)


@router.post("/agreements", response=AgreementOut, summary="登錄四週變形工時同意（工會或勞資會議）")
def agreement_add(request, payload: AgreementIn):
    viewer, _ids = access.console_viewer(request.user)
    return days_off_services.flexible_agreement_record(agency=viewer.agency, actor=viewer, **payload.dict())


@router.post("/rosters", response=RosterOut, summary="排定例假與休息日（每七日或四週變形工時）")
def roster_set(request, payload: RosterIn):
    viewer, _ids = access.console_viewer(request.user)
    person = access.console_get_for(request.user, Person.objects.select_related("agency"), payload.person_id)
    return days_off_services.days_off_roster_set(person=person, actor=viewer, schedule=payload.schedule,
                                                 period_start=payload.period_start,
                                                 regular_days_off=payload.regular_days_off,
                                                 rest_days=payload.rest_days)


@router.get("/rosters/{roster_id}", response=RosterOut, summary="例假與休息日排定")
def roster_get(request, roster_id: int):
    return days_off.roster_get_for(request.user, roster_id)
