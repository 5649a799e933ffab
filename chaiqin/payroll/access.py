"""Who may see and keep wage data: the personnel office (keeps it) and the accounting office
(reads it) of the person's agency or an agency above it, and the person themselves (reads
their own). Agency heads and system administrators see attendance, not wages.
Everything else answers 404, as chaiqin.org.access does for people out of scope.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from chaiqin.org import access
from chaiqin.org.models import Person, RoleAssignment

KEEPERS = (RoleAssignment.Role.PERSONNEL,)
READERS = (RoleAssignment.Role.PERSONNEL, RoleAssignment.Role.ACCOUNTING)


def _agencies(viewer: Person, roles: tuple[str, ...]) -> set[int]:
    return set(RoleAssignment.objects.filter(person=viewer, role__in=roles).values_list("agency_id", flat=True))


def wage_people(viewer: Person, *, keep: bool = False) -> QuerySet[Person]:
    """The people whose wages `viewer` may read (or, with `keep`, enter): everyone in the
    agencies (and those below) where they are personnel (or accounting, for reading)."""
    agencies = _agencies(viewer, KEEPERS if keep else READERS)
    if not agencies:
        return Person.objects.none()
    return Person.objects.filter(agency_id__in=access.agency_scope(agencies))


def is_wage_office(viewer: Person, *, keep: bool = False) -> bool:
    """True if `viewer` is personnel (or, for reading, accounting) anywhere."""
    return bool(_agencies(viewer, KEEPERS if keep else READERS))


def wage_person_get_for(user, person_id: int, *, keep: bool = False) -> Person:
    """The Person whose wages `user` may read (themselves included) or keep; else Http404."""
    viewer = access.person_of(user)
    if not keep and viewer.pk == person_id:
        return viewer
    found = wage_people(viewer, keep=keep).select_related("agency", "unit").filter(pk=person_id).first()
    if found is None:
        raise Http404("查無此人員，或您沒有檢視薪資資料的權限。")
    return found


def report_people(viewer: Person) -> QuerySet[Person]:
    """The people in `viewer`'s payroll sheets and statistics: the wage office's people; for
    the attendance statistics also everyone they may see (supervisors see their units)."""
    return wage_people(viewer)
