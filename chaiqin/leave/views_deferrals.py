"""The personnel office's page of 特別休假 deferral agreed with each worker (勞動基準法第38條第4項):
every worker of the agency under the Labor Standards Act, their leave year and unused days, the
latest record and a form to record agreement or refusal (leave.deferrals)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect

from chaiqin import clock, rules
from chaiqin.org import access
from chaiqin.org.models import Person, RoleAssignment
from chaiqin.web.pages import render_page
from chaiqin.web.refusals import attempt

from . import deferrals, ledger


def _personnel(request) -> Person:
    me = access.person_of(request.user)
    if not access.holds_role(me, me.agency_id, RoleAssignment.Role.PERSONNEL):
        raise PermissionDenied("只有人事單位可以登錄特別休假遞延約定。")
    return me


@login_required
def deferral_list(request):
    me = _personnel(request)
    if request.method == "POST":
        try:
            person = Person.objects.get(pk=int(request.POST.get("person", "")), agency_id=me.agency_id)
        except (ValueError, Person.DoesNotExist):
            raise Http404("查無此人員，或您沒有權限。") from None
        with attempt(request) as outcome:
            deferrals.deferral_record(actor=me, person=person, on=clock.today(),
                                      agreed=request.POST.get("agreed") == "yes", note=request.POST.get("note", ""))
        if outcome.ok:
            messages.success(request, f"已登錄{person.name}之特別休假遞延約定。")
        return redirect("leave:deferrals")
    today = clock.today()
    workers = list(Person.objects.filter(agency_id=me.agency_id, regime=rules.LABOR)
                   .exclude(status=Person.Status.LEFT).select_related("unit", "agency").order_by("employee_no"))
    years = {p.pk: ledger.period_of(p, "annual", today) for p in workers}
    latest = deferrals.deferrals_of(years, {y[0] for y in years.values()})
    rows = [(p, years[p.pk], ledger.balance(p, "annual", today), latest.get((p.pk, years[p.pk][0]))) for p in workers]
    return render_page(request, "leave/deferrals.html", "leave", rows=rows, today=today, citation=deferrals.CITATION,
                 fmt=ledger.format_minutes)
