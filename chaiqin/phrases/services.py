"""Every write of the 詞庫: a person adds and removes their own phrases; the personnel office
adds and removes the agency's common ones (each change in the personnel office's trail).

A phrase is one line of at most MAX_LENGTH characters; it is stored as typed (trimmed) and is
always escaped where it is shown (templates) or inserted as text (phrases.js), never as markup.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import PermissionDenied
from django.db import transaction

from chaiqin import clock
from chaiqin.errors import ChaiqinError
from chaiqin.org import staffing
from chaiqin.org.models import Agency, Person

from .models import MAX_LENGTH, Phrase

MAX_OWN = 200  # phrases in one person's book
MAX_COMMON = 500  # phrases in an agency's common book


def clean_text(text: str) -> str:
    """The phrase as it will be kept: trimmed, one line, no control characters; refused when
    empty or longer than MAX_LENGTH."""
    text = " ".join((text or "").split())
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))
    if not text:
        raise ChaiqinError("請輸入要加入詞庫的詞句。", field="text")
    if len(text) > MAX_LENGTH:
        raise ChaiqinError(f"詞句最多 {MAX_LENGTH} 字，您輸入了 {len(text)} 字。", field="text")
    return text


@transaction.atomic
def phrase_add(*, actor: Person, text: str) -> Phrase:
    """Add `text` to `actor`'s own book (個人詞庫); the same phrase twice is kept once."""
    text = clean_text(text)
    Person.objects.select_for_update().filter(pk=actor.pk).first()  # one writer of a person's book at a time
    existing = Phrase.objects.filter(owner=actor, text=text).first()
    if existing is not None:
        return existing
    if Phrase.objects.filter(owner=actor).count() >= MAX_OWN:
        raise ChaiqinError(f"個人詞庫最多 {MAX_OWN} 則，請先刪除不再使用的詞句。", field="text")
    return Phrase.objects.create(agency_id=actor.agency_id, owner=actor, text=text, created_by=actor,
                                 created_at=clock.now())


@transaction.atomic
def phrase_delete(*, actor: Person, phrase: Phrase) -> None:
    """Remove one of `actor`'s own phrases (a common one only through common_phrase_delete)."""
    if phrase.owner_id != actor.pk:
        raise ChaiqinError("只能刪除自己個人詞庫的詞句；公用詞庫由人事室維護。")
    Phrase.objects.filter(pk=phrase.pk).delete()


@transaction.atomic
def common_phrase_add(*, actor: Person, agency: Agency, text: str) -> Phrase:
    """The personnel office adds `text` to `agency`'s common book (公用詞庫); audited."""
    staffing.require_personnel(actor, agency)
    text = clean_text(text)
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    if Phrase.objects.filter(agency=agency, owner__isnull=True, text=text).exists():
        raise ChaiqinError("公用詞庫已有相同的詞句。", field="text")
    if Phrase.objects.filter(agency=agency, owner__isnull=True).count() >= MAX_COMMON:
        raise ChaiqinError(f"公用詞庫最多 {MAX_COMMON} 則，請先刪除不再使用的詞句。", field="text")
    phrase = Phrase.objects.create(agency=agency, owner=None, text=text, created_by=actor, created_at=clock.now())
    staffing.audit(agency=agency, actor=actor, action="公用詞庫新增", note=text)
    return phrase


@transaction.atomic
def common_phrase_delete(*, actor: Person, phrase: Phrase) -> None:
    """The personnel office removes a phrase of its agency's common book; audited."""
    if not phrase.is_common:
        raise PermissionDenied("個人詞庫由本人維護。")
    staffing.require_personnel(actor, phrase.agency_id)
    Phrase.objects.filter(pk=phrase.pk).delete()
    staffing.audit(agency=phrase.agency_id, actor=actor, action="公用詞庫刪除", note=phrase.text)
