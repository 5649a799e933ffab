"""What every console page shares: the viewer, the agency being administered, the page frame."""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import redirect

from chaiqin.org import access
from chaiqin.org.models import Agency, Person
from chaiqin.web.pages import render_page


@dataclass
class Console:
    viewer: Person
    agency: Agency
    agencies: list[Agency]


def console_of(request, agency_id: int | None = None) -> Console:
    """The viewer and the agency the page is about (403 without the personnel role).

    `agency_id` (an object's agency, or ?agency= on list pages) must be one of the viewer's; a
    page about an object has already answered 404 for anything outside them.
    """
    viewer, ids = access.console_viewer(request.user)
    agencies = list(Agency.objects.filter(pk__in=ids).order_by("code"))
    wanted = agency_id
    if wanted is None:
        try:
            wanted = int(request.GET.get("agency") or 0) or None
        except ValueError:
            wanted = None
    chosen = next((a for a in agencies if a.pk == wanted), None) \
        or next((a for a in agencies if a.pk == viewer.agency_id), agencies[0])
    return Console(viewer, chosen, agencies)


def render_console(request, console: Console, template: str, section: str, **context):
    return render_page(request, template, "console", console=console, section=section, **context)


def back(to: str, *args, agency: Agency | None = None):
    response = redirect(to, *args)
    if agency is not None:
        response["Location"] += f"?agency={agency.pk}"
    return response
