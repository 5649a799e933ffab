"""Every write of API tokens: make one (shown once), revoke one, record its use."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.db import transaction

from chaiqin import clock
from chaiqin.dates import format_roc
from chaiqin.errors import ChaiqinError
from chaiqin.org import access
from chaiqin.org.models import Person

from .models import ApiToken
from .selectors import may_manage

PREFIX = "cq_"
DEFAULT_DAYS = 90
MAX_DAYS = 366
# Recording each use costs a write per API call; once a minute says the same to whoever reads it.
LAST_USE_RESOLUTION = timedelta(minutes=1)


def _expiry(expires: date | None) -> date:
    today = clock.today()
    if expires is None:
        expires = today + timedelta(days=DEFAULT_DAYS)
    if expires <= today:
        raise ChaiqinError("權杖的到期日須晚於今天。", field="expires")
    if expires > today + timedelta(days=MAX_DAYS):
        raise ChaiqinError(f"權杖最長效期為一年（到期日最晚為 {format_roc(today + timedelta(days=MAX_DAYS))}），"
                           "到期前可再建立新權杖。", field="expires")
    return expires


@transaction.atomic
def token_create(*, actor: Person, name: str, scope: str, expires: date | None = None,
                 service_account: bool = False) -> tuple[ApiToken, str]:
    """A new token acting as `actor` and the token itself (shown once; only its hash is kept).
    `service_account`: the agency's, managed by its personnel office (人事人員 only)."""
    name = (name or "").strip()
    if not name:
        raise ChaiqinError("請為權杖命名（例如「公文系統介接」），以便日後辨認與撤銷。", field="name")
    if len(name) > 60:
        raise ChaiqinError("權杖名稱最多 60 字。", field="name")
    if scope not in ApiToken.Scope.values:
        raise ChaiqinError("權限範圍須為「唯讀」（read）或「讀取與寫入」（write）。", field="scope")
    if actor.user_id is None:
        raise ChaiqinError("此人員沒有登入帳號，無法建立權杖。")
    if service_account and not access.holds_role(actor, actor.agency, "personnel"):
        raise ChaiqinError("只有人事人員可以建立本機關的服務帳號權杖。", code="forbidden")
    token = PREFIX + secrets.token_urlsafe(32)
    item = ApiToken.objects.create(
        name=name, scope=scope, owner_id=actor.user_id, person=actor,
        service_agency=actor.agency if service_account else None, token_hash=ApiToken.hash_token(token),
        prefix=token[: len(PREFIX) + 6], created_at=clock.now(), expires_on=_expiry(expires),
    )
    return item, token


@transaction.atomic
def token_revoke(*, actor: Person, token: ApiToken) -> ApiToken:
    """Revoke at once: the next request with it is refused. Revoking twice changes nothing."""
    if not may_manage(actor, token):
        raise ChaiqinError("您不能撤銷此權杖。", code="forbidden")
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
    return token


class TokenRefused(Exception):
    """A bearer token that is unknown, expired or revoked (401), or read-only on a write (403)."""

    def __init__(self, message: str, status: int = 401):
        super().__init__(message)
        self.message = message
        self.status = status


def token_use(*, token: str, write: bool) -> ApiToken:
    """The token of an API request, checked and its use recorded. Raises TokenRefused."""
    item = (ApiToken.objects.select_related("owner", "person", "service_agency")
            .filter(token_hash=ApiToken.hash_token(token)).first())
    now = clock.now()
    if item is None:
        raise TokenRefused("API 權杖無效，請確認權杖是否完整，或重新建立權杖。")
    if item.revoked_at is not None:
        raise TokenRefused("此 API 權杖已撤銷，不能再使用。")
    if item.expires_on < clock.today():
        raise TokenRefused(f"此 API 權杖已於 {format_roc(item.expires_on)} 到期，請重新建立權杖。")
    if not item.owner.is_active or item.person.status == Person.Status.LEFT:
        raise TokenRefused("此 API 權杖的建立者帳號已停用或離職，權杖不能再使用。")
    if write and item.scope != ApiToken.Scope.WRITE:
        raise TokenRefused("此 API 權杖為唯讀，不能新增、修改或刪除資料。", status=403)
    if item.last_used_at is None or now - item.last_used_at >= LAST_USE_RESOLUTION:
        ApiToken.objects.filter(pk=item.pk).update(last_used_at=now)
        item.last_used_at = now
    return item
