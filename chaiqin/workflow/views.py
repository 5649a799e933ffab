"""The inbox of every decider, a case's page (steps, trail, decide, withdraw), notifications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from chaiqin import clock
from chaiqin.errors import ChaiqinError
from chaiqin.org import access
from chaiqin.web.views import _page

from . import registry, selectors, services
from .forms import DecisionForm


@login_required
def inbox(request):
    me = access.person_of(request.user)
    steps = list(selectors.inbox(me))
    for step in steps:
        step.kind_label = registry.label_of(step.case.kind)
    return _page(request, "workflow/inbox.html", "inbox", steps=steps)


@login_required
def case_find(request):
    """Find a form by its number (假單編號): straight to it when one is found."""
    text = request.GET.get("number", "")[:40]
    found = selectors.cases_by_number(request.user, text) if text else []
    if len(found) == 1:
        return redirect("workflow:case", case_id=found[0].pk)
    for case in found:
        case.kind_label = registry.label_of(case.kind)
    return _page(request, "workflow/find.html", "inbox", number=text, found=found)


@login_required
def case_detail(request, case_id: int):
    me = access.person_of(request.user)
    case = selectors.case_get_for(request.user, case_id)
    current = case.current_step
    may_decide = current is not None and current in selectors.inbox(me)
    try:
        kind = registry.form_kind(case.kind)
        form_url, choices = kind.url(registry.form_of(case)), kind.decisions()
    except LookupError:
        form_url, choices = "", None
    return _page(
        request, "workflow/case.html", "inbox", case=case, steps=case.steps.select_related("decider", "acted_by"),
        events=selectors.trail(case), may_decide=may_decide, decision_form=DecisionForm(choices=choices),
        may_withdraw=case.applicant_id == me.pk and case.status in case.OPEN, form_url=form_url,
        kind_label=registry.label_of(case.kind),
    )


@login_required
@require_POST
def case_decide(request, case_id: int):
    me = access.person_of(request.user)
    case = selectors.case_get_for(request.user, case_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "請選擇同意、退回修正或不同意。")
        return redirect("workflow:case", case_id=case.pk)
    try:
        services.case_decide(case=case, actor=me, decision=form.cleaned_data["decision"],
                             comment=form.cleaned_data["comment"])
    except ChaiqinError as exc:
        messages.error(request, str(exc))
        return redirect("workflow:case", case_id=case.pk)
    messages.success(request, "已完成簽核。")
    return redirect("workflow:inbox")


@login_required
@require_POST
def case_withdraw(request, case_id: int):
    me = access.person_of(request.user)
    case = selectors.case_get_for(request.user, case_id)
    try:
        services.case_withdraw(case=case, actor=me, reason=request.POST.get("reason", ""))
    except ChaiqinError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已撤回申請。")
    return redirect("workflow:case", case_id=case.pk)


@login_required
def notifications(request):
    me = access.person_of(request.user)
    items = list(me.notifications.select_related("case")[:100])
    me.notifications.filter(read_at__isnull=True).update(read_at=clock.now())
    return _page(request, "workflow/notifications.html", "notifications", items=items)
