"""Who may open an uploaded document, and how it is served: one helper for every form's files
(leave certificates, trip memos, the 陸委會 registration proof, mainland documents, missed-punch
evidence, paper overtime sheets).

A document is for the person it belongs to, the deciders of its request (whoever decides or
decided a step, or holds a decider's delegation now) and the personnel office of the person's
agency (or of an agency above it). Not for the agent (職務代理人) who accepts covering the work:
a sick-leave certificate is health data (個人資料保護法第6條), and the agent needs the dates, not
the diagnosis. Not for a supervisor outside the request's chain either. Everyone else gets 404,
as if the file did not exist. Files are never served from a public /media/ URL.
"""

from __future__ import annotations

from urllib.parse import quote

from django.db.models import Q
from django.http import Http404, HttpResponse

from chaiqin import clock
from chaiqin.org import access
from chaiqin.org.models import Person, RoleAssignment
from chaiqin.uploads import sniff
from chaiqin.workflow.models import Delegation, Step

NOT_FOUND = "查無此附件，或您沒有檢視權限。"


def may_open(viewer: Person, *, owner: Person, case=None, also: tuple[int, ...] = ()) -> bool:
    """True if `viewer` may open the documents of `owner`'s request `case` (None for a draft).
    `also`: further person ids to whom the document belongs (the worker of an overtime slot)."""
    if viewer.pk == owner.pk or viewer.pk in also:
        return True
    if case is not None:
        deciding = case.steps.exclude(role=Step.Role.AGENT)
        if deciding.filter(Q(decider=viewer) | Q(acted_by=viewer)).exists():
            return True
        now = clock.now()
        if Delegation.objects.filter(delegate=viewer, start__lte=now, end__gte=now,
                                     person_id__in=deciding.values("decider_id")).exists():
            return True
    offices = set(RoleAssignment.objects.filter(person=viewer, role=RoleAssignment.Role.PERSONNEL)
                  .values_list("agency_id", flat=True))
    return bool(offices) and Person.objects.filter(pk=owner.pk, agency_id__in=access.agency_scope(offices)).exists()


def check_may_open(user, *, owner: Person, case=None, also: tuple[int, ...] = ()) -> Person:
    """The viewer if they may open the documents (see `may_open`); else Http404."""
    viewer = access.person_of(user)
    if not may_open(viewer, owner=owner, case=case, also=also):
        raise Http404(NOT_FOUND)
    return viewer


def file_response(data: bytes, *, name: str, content_type: str = "") -> HttpResponse:
    """The document as a download named `name`: its content type judged again from its bytes
    (PDF, JPEG or PNG only), never sniffed by the browser, never run as a page."""
    kind = content_type or sniff(data, name)
    response = HttpResponse(data, content_type=kind)
    stem, dot, extension = name.rpartition(".")
    plain = stem.isascii() and stem.replace("-", "").replace("_", "").replace(" ", "").isalnum()
    ascii_name = name if plain and extension.isascii() else f"attachment{dot}{extension if extension.isascii() else ''}"
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


def stored_file_response(field_file) -> HttpResponse:
    """A FileField's file (kept under MEDIA_ROOT, which no URL serves) as a download."""
    if not field_file:
        raise Http404(NOT_FOUND)
    try:
        with field_file.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise Http404(NOT_FOUND) from None
    return file_response(data, name=field_file.name.rsplit("/", 1)[-1])
