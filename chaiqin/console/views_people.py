"""Console pages about people: the list (search), a new person, one person's page with its changes
(edit, move, 留職停薪/復職/離職, log-in, standing agents). Views parse, check, call staffing, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from chaiqin.errors import ChaiqinError
from chaiqin.org import access, selectors, staffing
from chaiqin.org.models import Person, StatusPeriod
from chaiqin.web.refusals import attempt

from .common import console_of, render_console
from .forms import DayForm, LoginForm, MoveForm, PasswordForm, PersonCreateForm, PersonForm, UnpaidLeaveForm


def _person(request, person_id: int) -> Person:
    return access.console_get_for(request.user, Person.objects.select_related("agency", "unit", "supervisor", "user"),
                                  person_id)


@login_required
def people(request):
    console = console_of(request)
    rows = Person.objects.filter(agency=console.agency).select_related("unit", "user")
    query = request.GET.get("q", "").strip()
    if query:
        rows = rows.filter(Q(name__contains=query) | Q(employee_no__startswith=query) | Q(unit__name__contains=query)
                           | Q(user__username__iexact=query))
    status = request.GET.get("status", "")
    if status in Person.Status.values:
        rows = rows.filter(status=status)
    page = Paginator(rows.order_by("unit__sort_order", "unit__name", "employee_no"), 50).get_page(request.GET.get("page"))
    return render_console(request, console, "console/people.html", "people", page=page, query=query, status=status,
                          statuses=Person.Status.choices)


@login_required
def person_new(request):
    console = console_of(request)
    form = PersonCreateForm(request.POST or None, agency_id=console.agency.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with attempt(request, form) as outcome:
            person = staffing.staff_create(actor=console.viewer, unit=data["unit"], employee_no=data["employee_no"],
                                           name=data["name"], gender=data["gender"], post=data["post"],
                                           hire_date=data["hire_date"], title=data["title"],
                                           supervisor=data["supervisor"], email=data["email"],
                                           card_no=data["card_no"], username=data["username"],
                                           password=data["password"])
        if outcome.ok:
            messages.success(request, f"已新增人員 {person.employee_no} {person.name}。")
            return redirect("console:person", person.pk)
    return render_console(request, console, "console/person_new.html", "people", form=form)


def _person_page(request, person: Person, **forms_):
    console = console_of(request, person.agency_id)
    agency_id = person.agency_id
    initial = {f: getattr(person, f) for f in ("employee_no", "name", "gender", "post", "title", "hire_date", "email",
                                               "card_no")}
    initial["supervisor"] = person.supervisor_id
    context = {
        "edit_form": PersonForm(initial=initial, agency_id=agency_id),
        "move_form": MoveForm(initial={"unit": person.unit_id}, agency_id=agency_id),
        "unpaid_form": UnpaidLeaveForm(), "reinstate_form": DayForm(prefix="reinstate"),
        "separate_form": DayForm(prefix="separate"), "login_form": LoginForm(), "password_form": PasswordForm(),
    }
    context.update(forms_)
    standing = selectors.standing_agents(person)
    colleagues = (Person.objects.filter(agency_id=agency_id, status=Person.Status.ACTIVE).exclude(pk=person.pk)
                  .select_related("unit").order_by("unit__sort_order", "unit__name", "employee_no"))
    slots = [a.pk for a in standing] + [None] * (staffing.MAX_STANDING_AGENTS - len(standing))
    return render_console(
        request, console, "console/person.html", "people", target=person, standing=standing, slots=slots,
        colleagues=colleagues, periods=StatusPeriod.objects.filter(person=person).order_by("start"),
        headed=list(person.headed_units.all()), granted_roles=person.roles.all(),
        events=selectors.org_events(agency_id).filter(person=person)[:20], **context)


@login_required
def person(request, person_id: int):
    return _person_page(request, _person(request, person_id))


def _act(request, person_id: int, form_class, form_name: str, action, done: str, **form_kwargs):
    """Parse `form_class`, run `action(console, person, cleaned_data)`; back to the person's page."""
    target = _person(request, person_id)
    console = console_of(request, target.agency_id)
    form = form_class(request.POST, **form_kwargs)
    if form.is_valid():
        with attempt(request, form) as outcome:
            action(console, target, form.cleaned_data)
        if outcome.ok:
            messages.success(request, done)
            return redirect("console:person", target.pk)
    target.refresh_from_db()
    return _person_page(request, target, **{form_name: form})


@login_required
@require_POST
def person_edit(request, person_id: int):
    agency_id = _person(request, person_id).agency_id
    return _act(request, person_id, PersonForm, "edit_form",
                lambda c, p, d: staffing.staff_update(actor=c.viewer, person=p, **d), "已儲存人員資料。",
                agency_id=agency_id)


@login_required
@require_POST
def person_move(request, person_id: int):
    agency_id = _person(request, person_id).agency_id
    return _act(request, person_id, MoveForm, "move_form",
                lambda c, p, d: staffing.staff_move(actor=c.viewer, person=p, unit=d["unit"]), "已完成調動。",
                agency_id=agency_id)


@login_required
@require_POST
def person_unpaid_leave(request, person_id: int):
    return _act(request, person_id, UnpaidLeaveForm, "unpaid_form",
                lambda c, p, d: staffing.staff_unpaid_leave(actor=c.viewer, person=p, kind=d["kind"], start=d["start"],
                                                            end=d["end"], note=d["note"]),
                "已登錄留職停薪。")


@login_required
@require_POST
def person_reinstate(request, person_id: int):
    return _act(request, person_id, DayForm, "reinstate_form",
                lambda c, p, d: staffing.staff_reinstate(actor=c.viewer, person=p, on=d["on"]), "已登錄復職。",
                prefix="reinstate")


@login_required
@require_POST
def person_separate(request, person_id: int):
    return _act(request, person_id, DayForm, "separate_form",
                lambda c, p, d: staffing.staff_separate(actor=c.viewer, person=p, on=d["on"]), "已登錄離職。",
                prefix="separate")


@login_required
@require_POST
def person_login(request, person_id: int):
    return _act(request, person_id, LoginForm, "login_form",
                lambda c, p, d: staffing.login_create(actor=c.viewer, person=p, username=d["username"],
                                                      password=d["password"]), "已建立登入帳號。")


@login_required
@require_POST
def person_password(request, person_id: int):
    return _act(request, person_id, PasswordForm, "password_form",
                lambda c, p, d: staffing.login_password_reset(actor=c.viewer, person=p, password=d["password"]),
                "已重設密碼。")


@login_required
@require_POST
def person_login_active(request, person_id: int):
    target = _person(request, person_id)
    console = console_of(request, target.agency_id)
    active = request.POST.get("active") == "1"
    with attempt(request) as outcome:
        staffing.login_set_active(actor=console.viewer, person=target, active=active)
    if outcome.ok:
        messages.success(request, "已啟用帳號。" if active else "已停用帳號。")
    return redirect("console:person", target.pk)


@login_required
@require_POST
def person_agents(request, person_id: int):
    target = _person(request, person_id)
    console = console_of(request, target.agency_id)
    try:
        ids = [int(v) for v in request.POST.getlist("agents") if v]
    except ValueError:
        ids = []
    found = {p.pk: p for p in Person.objects.filter(agency_id=target.agency_id, pk__in=ids)}
    with attempt(request) as outcome:
        if len(found) != len(set(ids)):
            raise ChaiqinError("預設職務代理人必須是本機關的人員。")
        staffing.standing_agents_set(actor=console.viewer, person=target, agents=[found[i] for i in ids])
    if outcome.ok:
        messages.success(request, "已儲存預設職務代理人。")
    return redirect("console:person", target.pk)
