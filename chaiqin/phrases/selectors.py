"""Reads of the 詞庫: what a person may pick from, and permission-checked look-ups (404 outside
the viewer's scope: another person's phrases, another agency's common book)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from chaiqin.org import access
from chaiqin.org.models import Person

from .models import Phrase

NOT_FOUND = "查無此詞句，或您沒有檢視權限。"


def own_phrases(person: Person) -> QuerySet[Phrase]:
    return Phrase.objects.filter(owner=person).order_by("text")


def common_phrases(agency_id: int) -> QuerySet[Phrase]:
    return Phrase.objects.filter(agency_id=agency_id, owner__isnull=True).order_by("text")


def pickable(person: Person) -> dict[str, list[dict]]:
    """What the picker beside a reason field offers `person`: their own phrases and their
    agency's common ones, as {"mine": [{id, text}], "common": [...]} (one query)."""
    found: dict[str, list[dict]] = {"mine": [], "common": []}
    rows = (Phrase.objects.filter(Q(owner=person) | Q(agency_id=person.agency_id, owner__isnull=True))
            .order_by("text").values("id", "text", "owner_id"))
    for row in rows:
        found["mine" if row["owner_id"] else "common"].append({"id": row["id"], "text": row["text"]})
    return found


def own_phrase_get_for(user, phrase_id: int) -> Phrase:
    """One of the viewer's own phrases; 404 for anyone else's."""
    me = access.person_of(user)
    phrase = Phrase.objects.filter(pk=phrase_id, owner=me).first()
    if phrase is None:
        raise Http404(NOT_FOUND)
    return phrase


def common_phrase_get_for(user, phrase_id: int) -> Phrase:
    """A common phrase of an agency where the viewer holds the personnel role; 404 otherwise."""
    _viewer, agency_ids = access.console_viewer(user)
    phrase = Phrase.objects.filter(pk=phrase_id, owner__isnull=True, agency_id__in=agency_ids).first()
    if phrase is None:
        raise Http404(NOT_FOUND)
    return phrase
