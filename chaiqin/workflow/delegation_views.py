"""The decider's delegation page (代理簽核): whom they name, for which period; and whose steps
they decide for others now. Thin: parse, call workflow.services, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from chaiqin import clock
from chaiqin.org import access
from chaiqin.org.models import Person
from chaiqin.web.pages import render_page
from chaiqin.web.refusals import attempt

from . import away, services
from .forms import DelegationForm
from .models import Delegation


def _render(request, me, form=None):
    now = clock.now()
    acting = away.acting_for(me.pk, now)
    named = set(Delegation.objects.filter(delegate=me, start__lte=now, end__gte=now).values_list("person_id", flat=True))
    return render_page(
        request, "workflow/delegations.html", "inbox", me=me,
        mine=Delegation.objects.filter(person=me, end__gte=now).select_related("delegate", "delegate__unit")
        .order_by("start"),
        to_me=Delegation.objects.filter(delegate=me, end__gte=now).select_related("person").order_by("start"),
        away_for=Person.objects.filter(pk__in=acting - named).order_by("name"),
        form=form or DelegationForm(person=me), now=now)


@login_required
def delegations(request):
    return _render(request, access.person_of(request.user))


@login_required
@require_POST
def delegation_new(request):
    me = access.person_of(request.user)
    form = DelegationForm(request.POST, person=me)
    if form.is_valid():
        data = form.cleaned_data
        with attempt(request, form) as outcome:
            made = services.delegation_create(person=me, delegate=data["delegate"], start=data["start"],
                                              end=data["end"], reason=data["reason"])
        if outcome.ok:
            messages.success(request, f"已指定{made.delegate.name}代理簽核。")
            return redirect("workflow:delegations")
    return _render(request, me, form)


@login_required
@require_POST
def delegation_end(request, delegation_id: int):
    me = access.person_of(request.user)
    try:
        delegation = Delegation.objects.get(pk=delegation_id, person=me)
    except Delegation.DoesNotExist:
        raise Http404("查無此代理簽核。") from None
    with attempt(request) as outcome:
        services.delegation_end(actor=me, delegation=delegation)
    if outcome.ok:
        messages.success(request, "已結束代理簽核。")
    return redirect("workflow:delegations")
