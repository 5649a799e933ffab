"""Pages of the 詞庫: a person's own book (個人詞庫), the picker's list, and the personnel
office's common book (公用詞庫) in the console. Thin: parse, permission helper, service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from chaiqin.console.common import back, console_of, render_console
from chaiqin.errors import ChaiqinError
from chaiqin.org import access
from chaiqin.web.pages import render_page
from chaiqin.web.refusals import attempt

from . import selectors, services
from .forms import PhraseForm
from .models import MAX_LENGTH


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
def own_book(request, form=None):
    me = access.person_of(request.user)
    return render_page(request, "phrases/own.html", "phrases", phrases=selectors.own_phrases(me),
                 common=selectors.common_phrases(me.agency_id), form=form or PhraseForm(), limit=MAX_LENGTH)


@login_required
@require_POST
def own_add(request):
    """Add to the person's own book, from the 詞庫 page or from a form's picker (JSON)."""
    me = access.person_of(request.user)
    form = PhraseForm(request.POST)
    with attempt(request, form, show=not _wants_json(request)) as outcome:
        if not form.is_valid():
            raise ChaiqinError(f"詞句最多 {MAX_LENGTH} 字，且不可空白。", field="text")
        phrase = services.phrase_add(actor=me, text=form.cleaned_data["text"])
    if not outcome.ok:
        if _wants_json(request):
            return JsonResponse({"detail": outcome.error.message}, status=400)
        return own_book(request, form=form)
    if _wants_json(request):
        return JsonResponse({"id": phrase.pk, "text": phrase.text})
    messages.success(request, "已加入個人詞庫。")
    return redirect("phrases:own")


@login_required
@require_POST
def own_delete(request, phrase_id: int):
    phrase = selectors.own_phrase_get_for(request.user, phrase_id)
    services.phrase_delete(actor=access.person_of(request.user), phrase=phrase)
    messages.success(request, "已自個人詞庫刪除。")
    return redirect("phrases:own")


@login_required
@require_GET
def pick(request):
    """The picker's list: the person's own phrases and their agency's common ones (JSON)."""
    return JsonResponse(selectors.pickable(access.person_of(request.user)))


@login_required
def common_book(request, form=None):
    console = console_of(request)
    return render_console(request, console, "phrases/common.html", "phrases",
                          phrases=selectors.common_phrases(console.agency.pk), form=form or PhraseForm(),
                          limit=MAX_LENGTH)


@login_required
@require_POST
def common_add(request):
    console = console_of(request)
    form = PhraseForm(request.POST)
    if form.is_valid():
        with attempt(request, form) as outcome:
            services.common_phrase_add(actor=console.viewer, agency=console.agency, text=form.cleaned_data["text"])
        if outcome.ok:
            messages.success(request, "已加入公用詞庫。")
            return back("phrases:common", agency=console.agency)
    return common_book(request, form=form)


@login_required
@require_POST
def common_delete(request, phrase_id: int):
    phrase = selectors.common_phrase_get_for(request.user, phrase_id)
    console = console_of(request, phrase.agency_id)
    services.common_phrase_delete(actor=console.viewer, phrase=phrase)
    messages.success(request, "已自公用詞庫刪除。")
    return back("phrases:common", agency=console.agency)
