"""The inbox of every decider, a case's page (steps, trail, decide, withdraw), notifications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from chaiqin.org import access
from chaiqin.web.pages import render_page
from chaiqin.web.refusals import attempt

from . import registry, selectors, services
from .forms import DecisionForm


@login_required
def inbox(request):
    me = access.person_of(request.user)
    steps = list(selectors.inbox(me))
    for step in steps:
        step.kind_label = registry.label_of(step.case.kind)
    return render_page(request, "workflow/inbox.html", "inbox", steps=steps, decision_form=DecisionForm())


@login_required
def case_find(request):
    """Find a form by its number (假單編號): straight to it when one is found."""
    text = request.GET.get("number", "")[:40]
    found = selectors.cases_by_number(request.user, text) if text else []
    if len(found) == 1:
        return redirect("workflow:case", case_id=found[0].pk)
    for case in found:
        case.kind_label = registry.label_of(case.kind)
    return render_page(request, "workflow/find.html", "inbox", number=text, found=found)


@login_required
def case_detail(request, case_id: int):
    me = access.person_of(request.user)
    case = selectors.case_get_for(request.user, case_id)
    current = case.current_step
    may_decide = current is not None and current in selectors.inbox(me)
    try:
        kind = registry.form_kind(case.kind)
        form = registry.form_of(case)
        form_url, choices, summary = kind.url(form), kind.decisions(), registry.form_summary(form)
        mine_returned = case.applicant_id == me.pk and case.status == case.Status.RETURNED
        edit_url = kind.edit_url(form) if kind.edit_url and mine_returned else ""
    except LookupError:
        form_url, choices, summary, edit_url = "", None, [], ""
    return render_page(
        request, "workflow/case.html", "inbox", case=case, steps=case.steps.select_related("decider", "acted_by"),
        events=selectors.trail(case), may_decide=may_decide, decision_form=DecisionForm(choices=choices),
        may_withdraw=case.applicant_id == me.pk and case.status in case.OPEN, form_url=form_url,
        kind_label=registry.label_of(case.kind), summary=summary, edit_url=edit_url,
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
    with attempt(request) as outcome:
        services.case_decide(case=case, actor=me, decision=form.cleaned_data["decision"],
                             comment=form.cleaned_data["comment"])
    if not outcome.ok:
        return redirect("workflow:case", case_id=case.pk)
    messages.success(request, "已完成簽核。")
    return redirect("workflow:inbox")


@login_required
@require_POST
def inbox_decide(request):
    """The inbox's 批次簽核: the same decision and comment for every ticked case, each decided
    (checked and audited) one by one; a case outside the viewer's scope is reported, not decided."""
    me = access.person_of(request.user)
    form = DecisionForm(request.POST)
    ids = [int(x) for x in request.POST.getlist("case") if x.isdigit()][:200]
    if not ids:
        messages.error(request, "請勾選要簽核的案件。")
        return redirect("workflow:inbox")
    if not form.is_valid():
        messages.error(request, "請選擇同意、退回修正或不同意。")
        return redirect("workflow:inbox")
    cases, missing = [], 0
    for case_id in ids:
        try:
            cases.append(selectors.case_get_for(request.user, case_id))
        except Http404:
            missing += 1
    results = services.cases_decide(cases=cases, actor=me, decision=form.cleaned_data["decision"],
                                    comment=form.cleaned_data["comment"])
    decided = sum(1 for _, error in results if not error)
    if decided:
        messages.success(request, f"已完成簽核 {decided} 件。")
    for case, error in results:
        if error:
            messages.error(request, f"「{case.title}」未簽核：{error}")
    if missing:
        messages.error(request, f"{missing} 件查無此案件，或您沒有檢視權限。")
    return redirect("workflow:inbox")


@login_required
@require_POST
def case_withdraw(request, case_id: int):
    me = access.person_of(request.user)
    case = selectors.case_get_for(request.user, case_id)
    with attempt(request) as outcome:
        services.case_withdraw(case=case, actor=me, reason=request.POST.get("reason", ""))
    if outcome.ok:
        messages.success(request, "已撤回申請。")
    return redirect("workflow:case", case_id=case.pk)


@login_required
def notifications(request):
    """The person's notifications; opening the page reads them, the button marks them read (a POST)."""
    me = access.person_of(request.user)
    if request.method == "POST":
        services.notifications_mark_read(person=me)
        return redirect("workflow:notifications")
    items = list(me.notifications.select_related("case")[:100])
    return render_page(request, "workflow/notifications.html", "notifications", items=items,
                 unread=any(n.read_at is None for n in items))
