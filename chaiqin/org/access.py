"""Who may see or act on whose records: the one permission layer (STYLE.md habit 3).

- everyone: their own records;
- a direct supervisor: the people under them, directly or through their reports;
- a unit head: the people of the units they head;
- 人事 (personnel), 機關首長 (agency head), 系統管理者 (sysadmin): everyone in their agency,
  and in the agencies below it (roll-ups);
- 政風 (ethics): the people of their agency (they review overseas travel forms).
Nobody reaches another agency's data by editing an id: lookups go through `person_get_for`,
which answers 404 for anything outside the viewer's scope.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404

from .models import Agency, Person, RoleAssignment

AGENCY_WIDE_ROLES = {
    RoleAssignment.Role.PERSONNEL,
    RoleAssignment.Role.AGENCY_HEAD,
    RoleAssignment.Role.SYSADMIN,
}


ROLE_LABELS = {
    "employee": "員工",
    "supervisor": "直屬主管",
    "unit_head": "單位主管",
    **{role.value: role.label for role in RoleAssignment.Role},
}


def role_labels(roles: set[str]) -> list[str]:
    """Chinese names of role codes, in a stable order (employee first, system admin last)."""
    return [label for code, label in ROLE_LABELS.items() if code in roles]


def roles_of(person: Person) -> set[str]:
    """Granted role codes of `person` plus the derived ones: employee, supervisor, unit_head. Two queries."""
    found = {"employee"}
    found.update(RoleAssignment.objects.filter(person=person).values_list("role", flat=True))
    if Person.objects.filter(supervisor=person).exists():
        found.add("supervisor")
    if person.headed_units.exists():
        found.add("unit_head")
    return found


def holds_role(person: Person, agency, *roles: str) -> bool:
    """True if `person` holds one of the granted `roles` (e.g. "personnel", "sysadmin") in `agency` itself. One query."""
    agency_id = agency if isinstance(agency, int) else agency.pk
    return RoleAssignment.objects.filter(person=person, agency_id=agency_id, role__in=roles).exists()


def agency_scope(agency_ids: set[int]) -> RawSQL:
    """The given agencies and every agency below them, at any depth, as a subquery for `__in`.

    One recursive statement inside the caller's query: a county's thousand agency ids never travel
    as parameters (an IN list that long costs more to build and send than the page's own work).
    """
    ids = sorted(agency_ids) or [0]
    table = Agency._meta.db_table
    return RawSQL(
        f"WITH RECURSIVE scope(id) AS (SELECT id FROM {table} WHERE id IN ({', '.join(['%s'] * len(ids))}) "
        f"UNION SELECT a.id FROM {table} a JOIN scope ON a.parent_id = scope.id) SELECT id FROM scope",
        ids,
    )


def subordinate_ids(person: Person) -> set[int]:
    """Everyone below `person` through the supervisor chain (one query per level)."""
    result: set[int] = set()
    frontier = {person.pk}
    while frontier:
        frontier = set(Person.objects.filter(supervisor_id__in=frontier).values_list("id", flat=True)) - result
        frontier.discard(person.pk)
        result |= frontier
    return result


def visible_people(viewer: Person) -> QuerySet[Person]:
    """Every Person whose records `viewer` may see, as a queryset (own, reports, units, agency scope)."""
    wide = set(
        RoleAssignment.objects.filter(person=viewer, role__in=AGENCY_WIDE_ROLES).values_list("agency_id", flat=True)
    )
    if wide:
        return Person.objects.filter(agency_id__in=agency_scope(wide))
    if RoleAssignment.objects.filter(person=viewer, role=RoleAssignment.Role.ETHICS).exists():
        return Person.objects.filter(agency_id=viewer.agency_id)
    condition = Q(pk=viewer.pk) | Q(pk__in=subordinate_ids(viewer)) | Q(unit__head=viewer)
    return Person.objects.filter(condition).distinct()


def can_see_person(viewer: Person, target: Person) -> bool:
    """True if `viewer` may see `target`'s records."""
    return viewer.pk == target.pk or visible_people(viewer).filter(pk=target.pk).exists()


def person_of(user) -> Person:
    """The Person of a logged-in user; 404 for accounts without one (e.g. a bare superuser)."""
    person = getattr(user, "person", None) if user.is_authenticated else None
    if person is None:
        raise Http404("此帳號沒有對應的人員資料。")
    return person


def person_get_for(user, person_id: int) -> Person:
    """The Person `person_id` if `user` may see them, else Http404 (never reveals that the id exists)."""
    viewer = person_of(user)
    try:
        return visible_people(viewer).select_related("agency", "unit", "supervisor").get(pk=person_id)
    except Person.DoesNotExist:
        raise Http404("查無此人員，或您沒有檢視權限。") from None


# The personnel console: the agencies where the viewer holds the personnel role itself (not the
# agencies below: a subordinate agency's own personnel office runs it).

def console_agency_ids(viewer: Person) -> set[int]:
    """Agencies whose people and settings `viewer` administers in the console. One query."""
    return set(RoleAssignment.objects.filter(person=viewer, role=RoleAssignment.Role.PERSONNEL)
               .values_list("agency_id", flat=True))


def console_viewer(user) -> tuple[Person, set[int]]:
    """The console's viewer and their agencies; 403 (PermissionDenied) for anyone without the personnel role."""
    viewer = person_of(user)
    agencies = console_agency_ids(viewer)
    if not agencies:
        raise PermissionDenied("人事管理僅限人事人員使用。")
    return viewer, agencies


def console_get_for(user, queryset: QuerySet, pk: int, *, agency_field: str = "agency_id"):
    """The row `pk` of `queryset` if it belongs to an agency of the viewer's console; else 404 (403 without the role)."""
    _viewer, agencies = console_viewer(user)
    try:
        return queryset.get(pk=pk, **{f"{agency_field}__in": agencies})
    except queryset.model.DoesNotExist:
        raise Http404("查無此資料，或不在您的人事管理範圍內。") from None
