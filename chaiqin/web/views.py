"""Pages of the foundation: home, a person's page, the people one may see. Views stay thin."""

from __future__ import annotations

import calendar as pycalendar
from datetime import date, datetime, timedelta

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.utils import timezone

from chaiqin import clock, rules
from chaiqin.calendar import selectors as office_calendar
from chaiqin.leave.durations import days_present
from chaiqin.org import access
from chaiqin.wfh import selectors as wfh
from chaiqin.workflow import occupancy

from .pages import month_param, render_page


def _my_days(person, days) -> dict:
    """date -> labels of the person's own leave, trips and WFH days there (workflow.occupancy)."""
    if not days:
        return {}
    start = timezone.make_aware(datetime.combine(days[0].date, datetime.min.time()))
    end = timezone.make_aware(datetime.combine(days[-1].date + timedelta(days=1), datetime.min.time()))
    found: dict = {}
    for busy in occupancy.busy_between(person, start, end):
        label = busy.label + ("" if busy.status == "approved" else "（簽核中）")
        for day in days_present(person.agency, busy.start, busy.end, days):
            found.setdefault(day, []).append(label)
    return found


@login_required
def home(request):
    today = clock.today()
    person = getattr(request.user, "person", None)
    if person is None:
        return render_page(request, "web/home_no_person.html", "home")
    first = month_param(request, today)
    days = office_calendar.month_days(person.agency, first.year, first.month)
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    by_date = {info.date: info for info in days}
    mine = _my_days(person, days)
    prev_month = (first - date.resolution).replace(day=1)
    next_month = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    roles = access.roles_of(person)
    info = office_calendar.day_info(person.agency, today)
    # a weekend or holiday in the person's regime's words (例假日, 休息日, 國定假日), never 「休假日」
    off_word = rules.day_off_name(person.regime, today, info.kind).word if info.kind in ("weekend", "holiday") else ""
    # Deciders see at once the WFH days of their people that ended without a log or punches.
    wfh_missing = len(wfh.missing_days_for(person, now=clock.now())) if roles & {"supervisor", "unit_head"} else 0
    return render_page(
        request,
        "web/home.html",
        "home",
        person=person,
        today=info, off_word=off_word,
        month_label=f"民國{first.year - 1911}年{first.month}月",
        role_labels=access.role_labels(roles),
        wfh_missing=wfh_missing,
        weeks=[[(by_date.get(d), mine.get(d, ())) if d.month == first.month else (None, ()) for d in week]
               for week in weeks],
        prev_month=prev_month,
        next_month=next_month,
        today_date=today,
    )


@login_required
def person_detail(request, person_id: int):
    target = access.person_get_for(request.user, person_id)
    return render_page(request, "web/person_detail.html", "people", target=target)


@login_required
def people(request):
    viewer = access.person_of(request.user)
    queryset = access.visible_people(viewer).select_related("agency", "unit").order_by("agency__code", "unit__sort_order", "employee_no")
    query = request.GET.get("q", "").strip()
    if query:
        queryset = queryset.filter(name__contains=query) | queryset.filter(employee_no__startswith=query)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    return render_page(request, "web/people.html", "people", page=page, query=query)
