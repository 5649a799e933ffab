"""What the crawls of the demo share: the shape of a page address, and which demo log-ins may do
the same things, so that a page shape one of them has been checked on is not walked again for
the next.

Two log-ins are alike when their people have the same roles (of the same kind of agency), head a
unit or not, supervise someone or not, and fall under the same regime: the same views answer
them, with other rows. Each log-in still starts from its own home page and walks every shape its
like have not reached.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from chaiqin.org.models import Person, RoleAssignment


def shape(address: str) -> str:
    """The address with its numbers replaced and only the names of its parameters kept:
    /people/12/?month=2026-10&unit=3 → /people/N/?month&unit. One view, asked the same things."""
    parts = urlsplit(address)
    names = sorted({name for name, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return re.sub(r"\d+", "N", parts.path) + ("?" + "&".join(names) if names else "")


def alike(username: str) -> tuple:
    """What decides which pages a demo log-in reaches (see the module's docstring)."""
    person = Person.objects.select_related("agency", "user").get(user__username=username)
    roles = tuple(sorted(RoleAssignment.objects.filter(person=person).values_list("role", "agency__kind")))
    return (person.agency.kind, person.regime, roles, person.user.is_superuser, person.headed_units.exists(),
            Person.objects.filter(supervisor=person).exists())


class ShapeCounts:
    """How many pages of each shape the log-ins alike have been checked on."""

    def __init__(self):
        self._by_group: dict[tuple, dict[str, int]] = {}

    def for_login(self, username: str) -> dict[str, int]:
        return self._by_group.setdefault(alike(username), {})
