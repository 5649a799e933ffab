"""REST API of the 詞庫 (mounted at /api/phrases/): a person's own book and, for the personnel
office, its agency's common book. Thin: parse, permission helper, service."""

from __future__ import annotations

from django.http import Http404
from ninja import Router, Schema, Status

from chaiqin.org import access
from chaiqin.org.models import Agency

from . import selectors, services

router = Router(tags=["詞庫"])


class PhraseIn(Schema):
    text: str


class CommonPhraseIn(Schema):
    text: str
    agency_id: int | None = None  # one of the agencies of the caller's console; their own by default


class PhraseOut(Schema):
    id: int
    text: str


class BookOut(Schema):
    mine: list[PhraseOut]
    common: list[PhraseOut]


@router.get("/", response=BookOut, summary="我的個人詞庫與本機關公用詞庫")
def book(request):
    return selectors.pickable(access.person_of(request.user))


@router.post("/", response={201: PhraseOut}, summary="加入個人詞庫")
def own_add(request, payload: PhraseIn):
    return Status(201, services.phrase_add(actor=access.person_of(request.user), text=payload.text))


# The common book's literal paths first: URL resolution would take 「common」 for a phrase's id.
@router.post("/common", response={201: PhraseOut}, summary="加入公用詞庫（人事人員）")
def common_add(request, payload: CommonPhraseIn):
    viewer, agency_ids = access.console_viewer(request.user)
    agency_id = payload.agency_id or viewer.agency_id
    if agency_id not in agency_ids:
        raise Http404("查無此機關，或不在您的人事管理範圍內。")
    agency = Agency.objects.get(pk=agency_id)
    return Status(201, services.common_phrase_add(actor=viewer, agency=agency, text=payload.text))


@router.delete("/common/{phrase_id}", response={204: None}, summary="自公用詞庫刪除（人事人員）")
def common_delete(request, phrase_id: int):
    phrase = selectors.common_phrase_get_for(request.user, phrase_id)
    services.common_phrase_delete(actor=access.person_of(request.user), phrase=phrase)
    return Status(204, None)


@router.delete("/{phrase_id}", response={204: None}, summary="自個人詞庫刪除")
def own_delete(request, phrase_id: int):
    phrase = selectors.own_phrase_get_for(request.user, phrase_id)
    services.phrase_delete(actor=access.person_of(request.user), phrase=phrase)
    return Status(204, None)
