"""Reads of the trips app: permission-checked lookups, lists, the occupancy provider, the
return reports that are due, and the principal's outbound notification built from a request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q, QuerySet
from django.http import Http404

from chaiqin import clock
from chaiqin.dates import TAIPEI
from chaiqin.errors import ChaiqinError
from chaiqin.id_lists import among
from chaiqin.org import access
from chaiqin.org.models import Agency, Person, RoleAssignment
from chaiqin.workflow.models import Case
from chaiqin.workflow.occupancy import Busy

from . import policy
from .models import Overseas, Trip

HOLDING = (Case.Status.PENDING, Case.Status.RETURNED, Case.Status.APPROVED)


def _may_see(user, person_id: int, case_id: int | None) -> bool:
    viewer = access.person_of(user)
    if viewer.pk == person_id:
        return True
    if case_id and Case.objects.filter(pk=case_id).filter(
        Q(steps__decider=viewer) | Q(steps__acted_by=viewer)
    ).exists():
        return True
    return access.visible_people(viewer).filter(pk=person_id).exists()


def trip_get_for(user, trip_id: int) -> Trip:
    """The trip if `user` is its applicant, a decider of its case, or may see the applicant; else 404."""
    try:
        trip = Trip.objects.select_related("person", "person__agency", "person__unit", "agent", "case").get(pk=trip_id)
    except Trip.DoesNotExist:
        raise Http404("查無此出差單，或您沒有檢視權限。") from None
    if not _may_see(user, trip.person_id, trip.case_id):
        raise Http404("查無此出差單，或您沒有檢視權限。")
    return trip


def overseas_get_for(user, overseas_id: int) -> Overseas:
    """The overseas form if `user` is its applicant, a decider (e.g. 政風), or may see the applicant; else 404."""
    try:
        overseas = Overseas.objects.select_related("person", "person__agency", "person__unit", "agent", "case").get(
            pk=overseas_id)
    except Overseas.DoesNotExist:
        raise Http404("查無此出國表單，或您沒有檢視權限。") from None
    if not _may_see(user, overseas.person_id, overseas.case_id):
        raise Http404("查無此出國表單，或您沒有檢視權限。")
    return overseas


def trips_of(person: Person, limit: int = 50) -> list[Trip]:
    return list(Trip.objects.filter(person=person).select_related("case").order_by("-start")[:limit])


def overseas_of(person: Person, limit: int = 50) -> list[Overseas]:
    return list(Overseas.objects.filter(person=person).select_related("case").order_by("-start")[:limit])


def busy_periods(person, start: datetime, end: datetime):
    """Occupancy provider "trip": trips, outings and overseas periods still holding their time."""
    holding = Q(case__status__in=HOLDING)
    for trip in Trip.objects.filter(holding, person=person, start__lt=end, end__gt=start).select_related("case"):
        yield Busy(trip.workflow_kind, trip.pk, trip.get_nature_display(), trip.start, trip.end, trip.case.status)
    for item in Overseas.objects.filter(holding, person=person, start__lt=end, end__gt=start).select_related("case"):
        yield Busy(item.form, item.pk, item.get_form_display(), item.start, item.end, item.case.status)


def busy_periods_of(people, start: datetime, end: datetime):
    """busy_periods for several people at once: (person id, Busy) pairs, in the same two queries."""
    holding = Q(case__status__in=HOLDING)
    ids = [p.pk for p in people]
    for trip in Trip.objects.filter(holding, among("person_id", ids), start__lt=end, end__gt=start).select_related("case"):
        yield trip.person_id, Busy(trip.workflow_kind, trip.pk, trip.get_nature_display(), trip.start, trip.end, trip.case.status)
    for item in Overseas.objects.filter(holding, among("person_id", ids), start__lt=end, end__gt=start).select_related("case"):
        yield item.person_id, Busy(item.form, item.pk, item.get_form_display(), item.start, item.end, item.case.status)


def return_reports_missing(*, on: date | None = None, person: Person | None = None) -> QuerySet[Overseas]:
    """Approved mainland trips that have ended by `on` and have no return report yet."""
    on = on or clock.today()
    end_of_day = datetime.combine(on, datetime.max.time(), tzinfo=TAIPEI)
    rows = Overseas.objects.filter(
        destination=Overseas.Destination.MAINLAND, case__status=Case.Status.APPROVED, end__lte=end_of_day,
        return_report__isnull=True,
    ).select_related("person", "case")
    if person is not None:
        rows = rows.filter(person=person)
    return rows.order_by("end")


def is_school_principal(person: Person) -> bool:
    """The agency head (機關首長) of a school is its principal (校長)."""
    return person.agency.kind == Agency.Kind.SCHOOL and RoleAssignment.objects.filter(
        person=person, agency_id=person.agency_id, role=RoleAssignment.Role.AGENCY_HEAD).exists()


@dataclass(frozen=True)
class PrincipalNotice:
    """教育部國民及學前教育署所屬國立高級中等以下學校校長出境案件通報單 (seed 002)."""

    school: str
    principal: str
    destination: str
    reason: str
    start: date
    end: date
    days: int
    leave_names: str
    agent_title: str
    agent_name: str
    agent_phone: str
    clerk_name: str
    clerk_phone: str
    route: policy.NoticeRoute
    contact: dict


def principal_notice(overseas: Overseas) -> PrincipalNotice:
    """The principal's outbound notification generated from their overseas request.

    Raises ChaiqinError when the applicant is not the principal of a school.
    """
    person = overseas.person
    if not is_school_principal(person):
        raise ChaiqinError("校長出境案件通報單只適用於學校校長（機關首長）的出國案件。")
    start = overseas.start.astimezone(TAIPEI).date()
    clerk = RoleAssignment.objects.filter(agency_id=person.agency_id, role=RoleAssignment.Role.PERSONNEL) \
        .select_related("person").order_by("pk").first()
    destination = overseas.country or overseas.get_destination_display()
    if overseas.destination != Overseas.Destination.OTHER and overseas.country:
        destination = f"{overseas.get_destination_display()}（{overseas.country}）"
    return PrincipalNotice(
        school=person.agency.name, principal=person.name, destination=destination, reason=overseas.reason,
        start=start, end=overseas.end.astimezone(TAIPEI).date(), days=overseas.days,
        leave_names="、".join(dict.fromkeys(line.leave_name for line in overseas.leave_lines.all())) or "—",
        agent_title=overseas.agent.title if overseas.agent else "", agent_name=overseas.agent.name if overseas.agent else "",
        agent_phone=overseas.agent_phone, clerk_name=clerk.person.name if clerk else "", clerk_phone="",
        route=policy.principal_notice_route(overseas.destination, start), contact=policy.notice_contact(),
    )
