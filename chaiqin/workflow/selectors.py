"""Reads of the workflow: inboxes, a person's cases, a case's trail, who may see a case."""

from __future__ import annotations

import unicodedata

from django.db.models import Q, QuerySet
from django.http import Http404

from chaiqin import clock
from chaiqin.org import access
from chaiqin.org.models import Person

from . import away
from .models import AuditEvent, Case, Notification, Step


def inbox(person: Person) -> QuerySet[Step]:
    """Steps waiting for `person`: their own, and those of the deciders they act for now (away.acting_for:
    a delegation they hold, or the approved leave of someone who named them agent)."""
    now = clock.now()
    # The deciders as a list, not a subquery: an OR with a subquery defeats the (decider, status)
    # index, and a county's million steps would be read in full for every page's inbox badge.
    deciders = [person.pk, *sorted(away.acting_for(person.pk, now))]
    return (
        Step.objects.filter(status=Step.Status.CURRENT, case__status=Case.Status.PENDING, decider_id__in=deciders)
        .select_related("case", "case__applicant", "case__applicant__unit", "decider")
        .order_by("case__created_at")
    )


def cases_of(person: Person) -> QuerySet[Case]:
    return Case.objects.filter(applicant=person).order_by("-created_at")


def trail(case: Case) -> QuerySet[AuditEvent]:
    return case.events.select_related("actor", "on_behalf_of", "step").order_by("at", "pk")


def case_get_for(user, case_id: int) -> Case:
    """The case if `user` applied, decides or decided a step, or may see the applicant; else 404."""
    viewer = access.person_of(user)
    try:
        case = Case.objects.select_related("applicant", "agency").get(pk=case_id)
    except Case.DoesNotExist:
        raise Http404("查無此案件，或您沒有檢視權限。") from None
    if case.applicant_id == viewer.pk or case.steps.filter(Q(decider=viewer) | Q(acted_by=viewer)).exists():
        return case
    acting = away.acting_for(viewer.pk, clock.now())
    if acting and case.steps.filter(decider_id__in=acting).exists():
        return case
    if access.can_see_person(viewer, case.applicant):
        return case
    raise Http404("查無此案件，或您沒有檢視權限。")


def unread_notifications(person: Person) -> QuerySet[Notification]:
    return Notification.objects.filter(person=person, read_at__isnull=True).order_by("-created_at")


def cases_by_number(user, text: str) -> list[Case]:
    """The cases numbered `text` (e.g. 「lv-115-00012」, full-width or lower case too) that `user`
    may see; a number is unique only within its agency, so a county office may find several."""
    number = unicodedata.normalize("NFKC", text).strip().upper()
    if not number:
        return []
    found = []
    for case in Case.objects.filter(number=number).only("pk")[:20]:
        try:
            found.append(case_get_for(user, case.pk))
        except Http404:
            continue
    return found


def correctable_by(case: Case | None, applicant_id: int, person: Person) -> bool:
    """Whether `person` may correct the form of `case` now: its applicant, and it was returned."""
    return case is not None and case.status == Case.Status.RETURNED and applicant_id == person.pk


def return_reason(case: Case | None) -> str:
    """Why `case` was last returned (「decider：comment」), for the applicant's correction page;
    "" when it never was."""
    if case is None:
        return ""
    step = (Step.objects.filter(case_id=case.pk, status=Step.Status.RETURNED).select_related("decider")
            .order_by("-order").first())
    return f"{step.decider.name}：{step.comment}" if step else ""
