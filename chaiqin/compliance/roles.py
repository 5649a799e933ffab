"""Who acts as the personnel office of an agency for the compliance duties: read by the
selectors (whose dashboard a person sees) and the services (who may record), so it lives apart
from both and neither imports the other for it."""

from __future__ import annotations

from chaiqin.org import access
from chaiqin.org.models import Agency, Person, RoleAssignment


def is_personnel_of(person: Person, agency: Agency) -> bool:
    """True if `person` holds the personnel (人事) or sysadmin role in `agency` itself."""
    return access.holds_role(person, agency, RoleAssignment.Role.PERSONNEL, RoleAssignment.Role.SYSADMIN)
