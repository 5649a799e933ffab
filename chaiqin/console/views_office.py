"""Console pages about the agency: the console's home, units and their heads, roles, approval
chains, the office calendar and closures, the trail. Card readers and networks stay on the
attendance settings page, linked from the home."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_POST

from chaiqin import clock
from chaiqin.calendar.models import CalendarDay, Closure
from chaiqin.dates import DateInputError, parse_date
from chaiqin.errors import ChaiqinError
from chaiqin.org import access, selectors, staffing
from chaiqin.org.models import Person, RoleAssignment, Unit
from chaiqin.web.refusals import attempt
from chaiqin.workflow import registry, routing
from chaiqin.workflow.models import RouteRule, Step

from . import services
from .common import back, console_of, render_console
from .forms import AgencySettingsForm, CalendarDayForm, ClosureForm, HeadForm, RoleForm, UnitForm


@login_required
def home(request):
    console = console_of(request)
    agency = console.agency
    return render_console(
        request, console, "console/home.html", "home",
        counts={status.label: Person.objects.filter(agency=agency, status=status).count() for status in Person.Status},
        units=Unit.objects.filter(agency=agency).count(),
        without_login=Person.objects.filter(agency=agency, user__isnull=True).exclude(status=Person.Status.LEFT).count(),
        events=selectors.org_events(agency.pk)[:10])


@login_required
def agency(request):
    console = console_of(request)
    current = console.agency
    form = AgencySettingsForm(request.POST or None,
                              initial={f: getattr(current, f) for f in staffing.AGENCY_SETTINGS})
    if request.method == "POST" and form.is_valid():
        with attempt(request, form) as outcome:
            staffing.agency_settings_update(actor=console.viewer, agency=current, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, "已儲存機關設定。")
            return back("console:agency", agency=current)
    return render_console(request, console, "console/agency.html", "agency", form=form)


@login_required
def units(request, form=None):
    console = console_of(request)
    rows = Unit.objects.filter(agency=console.agency).select_related("head").order_by("sort_order", "name")
    return render_console(request, console, "console/units.html", "units",
                          units=[(u, HeadForm(initial={"head": u.head_id}, unit=u, prefix=f"u{u.pk}")) for u in rows],
                          form=form or UnitForm())


@login_required
@require_POST
def unit_new(request):
    console = console_of(request)
    form = UnitForm(request.POST)
    if form.is_valid():
        with attempt(request, form) as outcome:
            staffing.unit_add(actor=console.viewer, agency=console.agency, name=form.cleaned_data["name"],
                              sort_order=form.cleaned_data["sort_order"] or 0)
        if outcome.ok:
            messages.success(request, f"已新增單位「{form.cleaned_data['name']}」。")
            return back("console:units", agency=console.agency)
    return units(request, form=form)


@login_required
@require_POST
def unit_head(request, unit_id: int):
    unit = access.console_get_for(request.user, Unit.objects.all(), unit_id)
    console = console_of(request, unit.agency_id)
    form = HeadForm(request.POST, unit=unit, prefix=f"u{unit.pk}")
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    else:
        with attempt(request) as outcome:
            staffing.unit_head_set(actor=console.viewer, unit=unit, head=form.cleaned_data["head"])
        if outcome.ok:
            messages.success(request, f"已更新{unit.name}的單位主管。")
    return back("console:units", agency=console.agency)


@login_required
def roles(request, form=None):
    console = console_of(request)
    agency = console.agency
    granted = (RoleAssignment.objects.filter(agency=agency).select_related("person", "person__unit")
               .order_by("role", "person__employee_no"))
    supervisors = (Person.objects.filter(agency=agency, reports__isnull=False).distinct().select_related("unit")
                   .order_by("unit__sort_order", "employee_no"))
    heads = Unit.objects.filter(agency=agency, head__isnull=False).select_related("head").order_by("sort_order")
    return render_console(request, console, "console/roles.html", "roles", granted=granted,
                          supervisors=supervisors, heads=heads, form=form or RoleForm(agency_id=agency.pk))


@login_required
@require_POST
def role_new(request):
    console = console_of(request)
    form = RoleForm(request.POST, agency_id=console.agency.pk)
    if form.is_valid():
        with attempt(request, form) as outcome:
            staffing.role_give(actor=console.viewer, person=form.cleaned_data["person"], role=form.cleaned_data["role"])
        if outcome.ok:
            messages.success(request, "已指派角色。")
            return back("console:roles", agency=console.agency)
    return roles(request, form=form)


@login_required
@require_POST
def role_revoke(request, assignment_id: int):
    assignment = access.console_get_for(request.user, RoleAssignment.objects.select_related("person"), assignment_id)
    console = console_of(request, assignment.agency_id)
    with attempt(request) as outcome:
        staffing.role_take_back(actor=console.viewer, assignment=assignment)
    if outcome.ok:
        messages.success(request, f"已取消{assignment.person.name}的{assignment.get_role_display()}角色。")
    return back("console:roles", agency=console.agency)


def _chains(agency):
    rules = {r.kind: r for r in RouteRule.objects.filter(agency=agency)}
    chains = []
    for kind in registry.kinds():
        rule = rules.get(kind.kind)
        roles = rule.role_list() if rule else list(routing.DEFAULT_ROLES.get(kind.kind, routing.FALLBACK_ROLES))
        threshold = rule.agency_head_from_minutes if rule else routing.DEFAULT_AGENCY_HEAD_FROM_MINUTES.get(kind.kind)
        chains.append({"kind": kind.kind, "label": kind.label, "custom": rule is not None,
                       "roles": [str(Step.Role(r).label) for r in roles],
                       "slots": (roles + [""] * len(services.CHAIN_ROLES))[:len(services.CHAIN_ROLES)],
                       "threshold_hours": None if threshold is None else threshold // 60})
    return chains


@login_required
def routes(request):
    console = console_of(request)
    return render_console(request, console, "console/routes.html", "routes", chains=_chains(console.agency),
                          choices=[(r.value, r.label) for r in services.CHAIN_ROLES])


@login_required
@require_POST
def route_set(request):
    console = console_of(request)
    kind = request.POST.get("kind", "")
    with attempt(request) as outcome:
        if request.POST.get("reset"):
            services.route_rule_reset(actor=console.viewer, agency=console.agency, kind=kind)
        else:
            roles = [r for r in request.POST.getlist("roles") if r]
            hours = request.POST.get("agency_head_hours", "").strip()
            if hours and not hours.isdigit():
                raise ChaiqinError("機關首長核定門檻請填整數時數。")
            services.route_rule_set(actor=console.viewer, agency=console.agency, kind=kind, roles=roles,
                                    agency_head_from_minutes=int(hours) * 60 if hours else None)
    if outcome.ok:
        messages.success(request, "已更新簽核流程。")
    return back("console:routes", agency=console.agency)


@login_required
def calendar(request, closure_form=None, day_form=None):
    console = console_of(request)
    since = clock.today() - timedelta(days=366)
    return render_console(
        request, console, "console/calendar.html", "calendar",
        closures=Closure.objects.filter(agency=console.agency, date__gte=since).order_by("-date"),
        days=CalendarDay.objects.filter(agency=console.agency, date__gte=since).order_by("-date"),
        closure_form=closure_form or ClosureForm(), day_form=day_form or CalendarDayForm())


@login_required
@require_POST
def closure_new(request):
    console = console_of(request)
    form = ClosureForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        with attempt(request, form) as outcome:
            services.closure_declare(actor=console.viewer, agency=console.agency, day=d["day"], part=d["part"],
                                     reason=d["reason"], declared_by=d["declared_by"])
        if outcome.ok:
            messages.success(request, "已登錄停止上班。")
            return back("console:calendar", agency=console.agency)
    return calendar(request, closure_form=form)


def _posted_day(request):
    try:
        return parse_date(request.POST.get("day", ""))
    except DateInputError as exc:
        raise ChaiqinError(str(exc)) from None


def _withdraw_day(request, service, done: str):
    """A POST that undoes something of one day (a closure, an agency day) named by its `day` field."""
    console = console_of(request)
    with attempt(request) as outcome:
        service(actor=console.viewer, agency=console.agency, day=_posted_day(request))
    if outcome.ok:
        messages.success(request, done)
    return back("console:calendar", agency=console.agency)


@login_required
@require_POST
def closure_withdraw(request):
    return _withdraw_day(request, services.closure_withdraw, "已撤銷停止上班。")


@login_required
@require_POST
def day_set(request):
    console = console_of(request)
    form = CalendarDayForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        with attempt(request, form) as outcome:
            services.office_day_set(actor=console.viewer, agency=console.agency, day=d["day"], kind=d["kind"],
                                    name=d["name"])
        if outcome.ok:
            messages.success(request, "已更新本機關日曆。")
            return back("console:calendar", agency=console.agency)
    return calendar(request, day_form=form)


@login_required
@require_POST
def day_clear(request):
    return _withdraw_day(request, services.office_day_clear, "已取消本機關日曆設定。")


@login_required
def events(request):
    console = console_of(request)
    return render_console(request, console, "console/events.html", "events",
                          events=selectors.org_events(console.agency.pk)[:200])
