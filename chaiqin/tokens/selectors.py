"""Reads of API tokens: whose tokens a person sees and may revoke."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from chaiqin.org import access
from chaiqin.org.models import Person

from .models import ApiToken


def may_manage(person: Person, token: ApiToken) -> bool:
    """Their own personal tokens; an agency's service-account tokens for that agency's personnel office."""
    if token.service_agency_id is not None:
        return access.holds_role(person, token.service_agency_id, "personnel")
    return token.person_id == person.pk


def personal_tokens(person: Person) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(person=person, service_agency__isnull=True)


def service_tokens(person: Person) -> QuerySet[ApiToken]:
    """The service-account tokens of the agency `person` is personnel of (none otherwise)."""
    if not access.holds_role(person, person.agency, "personnel"):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(service_agency=person.agency).select_related("person")


def token_get_for(user, token_id: int) -> ApiToken:
    """A token `user` may manage, else 404 (another person's token is not even said to exist)."""
    person = access.person_of(user)
    token = ApiToken.objects.filter(pk=token_id).first()
    if token is None or not may_manage(person, token):
        raise Http404("查無此權杖。")
    return token
