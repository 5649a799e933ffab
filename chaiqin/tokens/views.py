"""The page where a person manages their API tokens (and the personnel office its agency's
service-account tokens). Thin: parse, check, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from chaiqin import clock
from chaiqin.org import access
from chaiqin.web.pages import render_page
from chaiqin.web.refusals import attempt

from . import selectors, services
from .forms import TokenForm


def _tokens_page(request, me, form=None, **extra):
    personnel = access.holds_role(me, me.agency, "personnel")
    return render_page(request, "tokens/tokens.html", "tokens", form=form or TokenForm(), personnel=personnel,
                 personal=selectors.personal_tokens(me), service=selectors.service_tokens(me), today=clock.today(),
                 **extra)


@login_required
def tokens(request):
    me = access.person_of(request.user)
    if request.method != "POST":
        return _tokens_page(request, me)
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _tokens_page(request, me, form)
    data = form.cleaned_data
    if data["service_account"] and not access.holds_role(me, me.agency, "personnel"):
        raise PermissionDenied("只有人事人員可以建立本機關的服務帳號權杖。")
    with attempt(request, form) as outcome:
        item, token = services.token_create(actor=me, name=data["name"], scope=data["scope"],
                                            expires=data["expires"], service_account=data["service_account"])
    if not outcome.ok:
        return _tokens_page(request, me, form)
    # Shown on this response only: never stored in plain text, never put in a message or a URL.
    return _tokens_page(request, me, new_item=item, new_token=token)


@login_required
@require_POST
def token_revoke(request, token_id: int):
    me = access.person_of(request.user)
    item = selectors.token_get_for(request.user, token_id)
    services.token_revoke(actor=me, token=item)
    messages.success(request, f"已撤銷權杖「{item.name}」，立即失效。")
    return redirect("tokens:home")
