"""REST API of API tokens: make (shown once), list, revoke. Managed from a browser session only:
a token cannot make further tokens, so a leaked one cannot outlive its revocation."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema, Status

from chaiqin.org import access

from . import selectors, services
from .auth import BrowserSession

router = Router(tags=["API 權杖"], auth=BrowserSession())


class TokenIn(Schema):
    name: str
    scope: str = "read"
    expires: date | None = None
    service_account: bool = False


class TokenOut(Schema):
    id: int
    name: str
    scope: str
    prefix: str
    service_account: bool
    created_at: datetime
    expires_on: date
    last_used_at: datetime | None
    revoked_at: datetime | None

    @staticmethod
    def resolve_service_account(obj) -> bool:
        return obj.service_agency_id is not None


class TokenMadeOut(TokenOut):
    token: str


@router.post("", response={201: TokenMadeOut}, summary="建立 API 權杖（權杖僅於此回應顯示一次）")
def token_create(request, payload: TokenIn):
    me = access.person_of(request.user)
    if payload.service_account and not access.holds_role(me, me.agency, "personnel"):
        raise PermissionDenied("只有人事人員可以建立本機關的服務帳號權杖。")
    item, token = services.token_create(actor=me, name=payload.name, scope=payload.scope,
                                        expires=payload.expires, service_account=payload.service_account)
    item.token = token
    return Status(201, item)


@router.get("", response=list[TokenOut], summary="我的 API 權杖（人事人員另含本機關服務帳號權杖）")
def token_list(request):
    me = access.person_of(request.user)
    return list(selectors.personal_tokens(me)) + list(selectors.service_tokens(me))


@router.delete("/{token_id}", response={204: None}, summary="撤銷 API 權杖（立即生效）")
def token_revoke(request, token_id: int):
    me = access.person_of(request.user)
    services.token_revoke(actor=me, token=selectors.token_get_for(request.user, token_id))
    return Status(204, None)
