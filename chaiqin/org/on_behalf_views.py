"""代填: the personnel office files leave, missed punches and overtime for a person of its own agency
(back-entering paper forms). Pages under /console/on-behalf/.

Thin: the personnel role is checked first (403 without it), the person is looked up within the
officer's own agency (404 outside it), and the form's own submit service does the rest with
`filed_by`, which puts the officer in the audit trail on the person's behalf and notifies the person.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect

from chaiqin import clock
from chaiqin.attendance.forms import MissedPunchForm
from chaiqin.leave import attachments as files
from chaiqin.leave import services
from chaiqin.leave.forms import LeaveRequestForm
from chaiqin.overtime.forms import OvertimeRequestForm
from chaiqin.web.pages import render_page
from chaiqin.web.refusals import attempt

from . import access
from .import_api import personnel_of
from .models import Person

SEARCH_LIMIT = 50


def _person_for(request, person_id: int) -> tuple[Person, Person]:
    """(the personnel officer, the person they file for): 403 without the role, 404 outside their agency."""
    me = personnel_of(request.user)
    person = access.person_get_for(request.user, person_id)
    if person.agency_id != me.agency_id or person.status == Person.Status.LEFT:
        raise Http404("查無此人員，或您沒有代填權限。")
    return me, person


@login_required
def choose(request):
    me = personnel_of(request.user)
    query = request.GET.get("q", "").strip()
    people = Person.objects.none()
    if query:
        people = (Person.objects.filter(agency_id=me.agency_id).exclude(status=Person.Status.LEFT)
                  .filter(Q(name__contains=query) | Q(employee_no__istartswith=query))
                  .select_related("unit").order_by("unit__sort_order", "employee_no"))
    return render_page(request, "org/on_behalf_choose.html", "console", query=query, people=people[:SEARCH_LIMIT])


def _render(request, person: Person, what: str, form, error=None, **extra):
    return render_page(request, "org/on_behalf_form.html", "console", person=person, what=what, form=form, error=error, **extra)


@login_required
def leave(request, person_id: int):
    me, person = _person_for(request, person_id)
    offered = services.leave_types_for(person, clock.today())
    form = LeaveRequestForm(request.POST or None, request.FILES or None, person=person, offered=offered)
    done = attempt(request, show=False)  # the form page shows the refusal itself (`error`), above the form
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with done:
            made = services.leave_request_submit(
                person=person, leave_code=data["leave_code"], start=data.get("start"), end=data.get("end"),
                agent=data.get("agent"), reason=data.get("reason", ""), event_date=data.get("event_date"),
                attachments=files.from_django(data.get("attachments") or []), filed_by=me)
        if done.ok:
            messages.success(request, f"已代{person.name}送出{made.leave_name}申請，並已通知本人。")
            return redirect("leave:detail", request_id=made.pk)
    return _render(request, person, "請假", form, done.error)


@login_required
def missed_punch(request, person_id: int):
    from chaiqin.attendance import services
    me, person = _person_for(request, person_id)
    form = MissedPunchForm(request.POST or None, request.FILES or None)
    done = attempt(request, show=False)  # the form page shows the refusal itself (`error`), above the form
    if request.method == "POST" and form.is_valid():
        with done:
            made = services.missed_punch_submit(person=person, filed_by=me, **form.cleaned_data)
        if done.ok:
            messages.success(request, f"已代{person.name}送出未刷卡補登單，並已通知本人。")
            return redirect("attendance:missed_punch", form_id=made.pk)
    return _render(request, person, "未刷卡補登", form, done.error)


@login_required
def overtime(request, person_id: int):
    from chaiqin.overtime import services
    me, person = _person_for(request, person_id)
    form = OvertimeRequestForm(request.POST or None)
    done = attempt(request, show=False)  # the form page shows the refusal itself (`error`), above the form
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        slots = services.slots_for_range(person, data["date_from"], data["date_to"] or data["date_from"],
                                         data["start_time"], data["end_time"])
        with done:
            made = services.overtime_request_submit(applicant=person, reason=data["reason"], work_items=data["work_items"],
                                                    slots=slots, situation=data["situation"],
                                                    paper_sign=data["paper_sign"], filed_by=me)
        if done.ok:
            messages.success(request, f"已代{person.name}送出加班申請，並已通知本人。")
            return redirect("overtime:request", request_id=made.pk)
    return _render(request, person, "加班申請", form, done.error)
