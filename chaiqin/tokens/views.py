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
from chaiqin.web.refusals import attempt
from chaiqin.web.pages import render_page
from chaiqin.web import shown_once

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
        shown = shown_once.take(request, "api_token")
        if shown is None:
            return _tokens_page(request, me)
        return _tokens_page(request, me, new_item=selectors.token_get_for(request.user, shown["id"]),
                            new_token=shown["token"])
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
    # Shown on the next page only (post/redirect/get, so a reload makes no second token): never
    # stored in the database in plain text, never put in a message or a URL.
    shown_once.keep(request, "api_token", {"id": item.pk, "token": token})
    return redirect("tokens:home")


@login_required
@require_POST
def token_revoke(request, token_id: int):
    me = access.person_of(request.user)
    item = selectors.token_get_for(request.user, token_id)
    services.token_revoke(actor=me, token=item)
    messages.success(request, f"已撤銷權杖「{item.name}」，立即失效。")
    return redirect("tokens:home")
