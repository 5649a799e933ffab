"""Reads of the organisation that several apps share: status periods, agent choices, the console's lists."""

from __future__ import annotations

from datetime import date
from typing import Iterable

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from chaiqin.id_lists import among

from .models import OrgEvent, Person, StandingAgent, StatusPeriod


def status_periods(person: Person, start: date, end: date) -> list[StatusPeriod]:
    """The 留職停薪 and 離職 periods of `person` overlapping [start, end] (inclusive days), oldest first.

    An open period (`end` None) runs on without end. One query.
    """
    return list(StatusPeriod.objects.filter(person=person, start__lte=end)
                .filter(Q(end__isnull=True) | Q(end__gte=start)).order_by("start"))


def unpaid_leave_spans(people: Iterable[Person]) -> dict[int, list[tuple[date, date | None]]]:
    """{person_id: [(start, end)…]} of the 留職停薪 periods of `people` (end None: not returned yet), oldest
    first; everyone in `people` has a key. One query.

    A person marked 留職停薪 with no dated period (rows from before the periods were kept) counts as on
    it from their hire date on, so that nothing is expected of them as before.
    """
    people = list(people)
    found: dict[int, list[tuple[date, date | None]]] = {p.pk: [] for p in people}
    for pid, start, end in (StatusPeriod.objects.filter(among("person_id", found), status=StatusPeriod.Status.UNPAID_LEAVE)
                            .order_by("person_id", "start").values_list("person_id", "start", "end")):
        found[pid].append((start, end))
    for p in people:
        if not found[p.pk] and p.status == Person.Status.UNPAID_LEAVE:
            found[p.pk].append((p.hire_date, None))
    return found


def standing_agents(person: Person) -> list[Person]:
    """`person`'s standing agents (預設職務代理人) in their order, whatever their status. One query."""
    return [row.agent for row in StandingAgent.objects.filter(person=person).select_related("agent", "agent__unit")
            .order_by("order")]


def agent_queryset(person: Person, *, query: str = "") -> QuerySet[Person]:
    """Who may be `person`'s agent (職務代理人): every serving colleague of the same agency but themselves.

    The standing agents come first, in their order; then the person's own unit; then the rest of
    the agency by unit and employee number. `query` narrows by name, employee number or unit name.
    The standing agents are read in one query; the result is one more.
    """
    standing = dict(StandingAgent.objects.filter(person=person).values_list("agent_id", "order"))
    rows = (Person.objects.filter(agency_id=person.agency_id, status=Person.Status.ACTIVE).exclude(pk=person.pk)
            .select_related("unit"))
    if query:
        rows = rows.filter(Q(name__contains=query) | Q(employee_no__startswith=query) | Q(unit__name__contains=query))
    return rows.annotate(
        standing_order=Case(*[When(pk=pk, then=Value(order)) for pk, order in standing.items()],
                            default=Value(1000), output_field=IntegerField()),
        own_unit=Case(When(unit_id=person.unit_id, then=Value(0)), default=Value(1), output_field=IntegerField()),
    ).order_by("standing_order", "own_unit", "unit__sort_order", "unit__name", "employee_no")


def agent_choices(person: Person, *, query: str = "", limit: int | None = None) -> list[Person]:
    """agent_queryset as a list (at most `limit`)."""
    rows = agent_queryset(person, query=query)
    return list(rows[:limit] if limit else rows)


def org_events(agency_id: int) -> QuerySet[OrgEvent]:
    """The personnel office's trail of one agency, newest first."""
    return OrgEvent.objects.filter(agency_id=agency_id).select_related("actor", "person").order_by("-at", "-pk")
