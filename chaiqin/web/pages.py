"""What every HTML page shares: the site frame around a template, and the month a page shows.

`render_page` is the one way a view renders a page: it adds the navigation, the viewer's
roles and the inbox and notification counts that the frame (`web/base.html`) shows.
"""

from __future__ import annotations

from datetime import date

from django.shortcuts import render

from chaiqin.dates import DateInputError, parse_month
from chaiqin.org import access
from chaiqin.workflow import selectors as workflow

from .navigation import nav_areas


def render_page(request, template: str, nav: str, **context):
    """`template` rendered in the site frame, with `nav` the area highlighted in the navigation.

    Two queries for a person (inbox and unread counts); none for a log-in without a person.
    """
    person = getattr(request.user, "person", None)
    roles = access.roles_of(person) if person is not None else set()
    context.update(nav=nav, nav_areas=nav_areas(), roles=roles, can_see_people=bool(roles - {"employee"}))
    if person is not None:
        context.update(inbox_count=workflow.inbox(person).count(),
                       unread_count=workflow.unread_notifications(person).count())
    return render(request, template, context)


def month_param(request, today: date) -> date:
    """The first day of the month in `?month=` (115-12 as the pages write it, or 2026-12);
    the month of `today` when it is missing or cannot be read (a page never fails on it)."""
    raw = request.GET.get("month", "")
    if raw:
        try:
            return parse_month(raw)
        except DateInputError:
            pass
    return today.replace(day=1)
