"""API tokens (issue 18): made and shown once, stored hashed, used as `Authorization: Bearer`,
with expiry, scope, last use and revocation at once; the page where a person manages them."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from playwright.sync_api import expect
from django.test import Client

from chaiqin.conftest import log_in
from chaiqin.errors import ChaiqinError
from chaiqin.tokens import services
from chaiqin.tokens.models import ApiToken

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _monday(settings):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_a_token_is_shown_once_and_only_its_hash_is_kept(world):
    item, token = services.token_create(actor=world.alice, name="公文系統介接", scope="read")
    assert token.startswith("cq_") and len(token) > 40
    stored = ApiToken.objects.get(pk=item.pk)
    assert token not in json.dumps(list(ApiToken.objects.values()), default=str)
    assert stored.token_hash == ApiToken.hash_token(token) and token.startswith(stored.prefix)
    assert stored.expires_on == date(2026, 6, 7)  # 90 days when no expiry is given


def test_bearer_acts_as_the_owner_and_records_the_last_use(world):
    item, token = services.token_create(actor=world.alice, name="報表", scope="read")
    response = Client().get("/api/me", **bearer(token))
    assert response.status_code == 200 and response.json()["name"] == "陳雅婷"
    item.refresh_from_db()
    assert item.last_used_at is not None
    # The owner's permissions: alice cannot see bob, so neither can her token.
    assert Client().get(f"/api/people/{world.bob.pk}", **bearer(token)).status_code == 404


def test_a_write_token_changes_data_without_csrf(world):
    _item, token = services.token_create(actor=world.alice, name="打卡", scope="write")
    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/tokens", "{}", content_type="application/json", **bearer(token))
    # Tokens are managed from a browser session only: a token cannot make more tokens.
    assert response.status_code in (401, 403)
    response = client.post("/api/attendance/clock", **bearer(token))
    assert response.status_code == 200, response.content


def test_expired_and_revoked_tokens_get_401_in_chinese(world, settings):
    item, token = services.token_create(actor=world.alice, name="短期", scope="read", expires=date(2026, 3, 10))
    assert Client().get("/api/me", **bearer(token)).status_code == 200
    settings.CHAIQIN_NOW = "2026-03-10T23:59"
    assert Client().get("/api/me", **bearer(token)).status_code == 200  # valid through its last day
    settings.CHAIQIN_NOW = "2026-03-11T00:00"
    response = Client().get("/api/me", **bearer(token))
    assert response.status_code == 401 and "已於 115-03-10 到期" in response.json()["detail"]
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    services.token_revoke(actor=world.alice, token=item)
    response = Client().get("/api/me", **bearer(token))
    assert response.status_code == 401 and "已撤銷" in response.json()["detail"]
    response = Client().get("/api/me", **bearer("cq_not-a-token"))
    assert response.status_code == 401 and "無效" in response.json()["detail"]


def test_a_token_in_the_url_is_refused_even_a_valid_one(world):
    _item, token = services.token_create(actor=world.alice, name="網址", scope="read")
    for name in ("token", "access_token", "api_key"):
        response = Client().get(f"/api/me?{name}={token}")
        assert response.status_code == 401 and "不可放在網址" in response.json()["detail"]


def test_refusals_name_the_reason(world):
    with pytest.raises(ChaiqinError, match="命名"):
        services.token_create(actor=world.alice, name=" ", scope="read")
    with pytest.raises(ChaiqinError, match="權限範圍"):
        services.token_create(actor=world.alice, name="x", scope="admin")
    with pytest.raises(ChaiqinError, match="晚於今天"):
        services.token_create(actor=world.alice, name="x", scope="read", expires=date(2026, 3, 9))
    with pytest.raises(ChaiqinError, match="最長效期為一年"):
        services.token_create(actor=world.alice, name="x", scope="read", expires=date(2027, 3, 11))
    with pytest.raises(ChaiqinError, match="只有人事人員"):
        services.token_create(actor=world.alice, name="x", scope="read", service_account=True)
    assert not ApiToken.objects.exists()


def test_the_token_routes(world, client):
    client.force_login(world.alice.user)
    made = client.post("/api/tokens", {"name": "公文系統", "scope": "write", "expires": "2026-12-31"},
                       content_type="application/json")
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["token"].startswith("cq_") and body["expires_on"] == "2026-12-31"
    listed = client.get("/api/tokens").json()
    assert [t["id"] for t in listed] == [body["id"]] and "token" not in listed[0]
    assert Client().get("/api/me", **bearer(body["token"])).status_code == 200
    assert client.delete(f"/api/tokens/{body['id']}").status_code == 204
    assert Client().get("/api/me", **bearer(body["token"])).status_code == 401


def test_service_accounts_belong_to_the_agency_and_its_personnel_office(world, client):
    from chaiqin.org.models import RoleAssignment
    from chaiqin.org.services import role_grant

    item, token = services.token_create(actor=world.carol, name="薪資系統", scope="read", service_account=True)
    assert Client().get(f"/api/people/{world.alice.pk}", **bearer(token)).status_code == 200
    role_grant(person=world.erin, role=RoleAssignment.Role.PERSONNEL)
    client.force_login(world.erin.user)  # another personnel officer of the county manages it too
    assert [t["id"] for t in client.get("/api/tokens").json()] == [item.pk]
    assert client.delete(f"/api/tokens/{item.pk}").status_code == 204
    client.force_login(world.alice.user)
    response = client.post("/api/tokens", {"name": "x", "scope": "read", "service_account": True},
                           content_type="application/json")
    assert response.status_code == 403


def test_the_token_page_redirects_after_making_one_and_shows_it_once(world, client):
    # post/redirect/get: reloading the page after the POST makes no second token
    client.force_login(world.alice.user)
    response = client.post("/tokens/", {"name": "報表", "scope": "read", "expires": "115-06-30"})
    assert (response.status_code, response["Location"]) == (302, "/tokens/")
    first = client.get("/tokens/").content.decode()
    token = re.search(r'data-testid="new-token">.*?<code>([^<]+)</code>', first, re.S).group(1)
    assert Client().get("/api/me", **bearer(token)).status_code == 200
    again = client.get("/tokens/").content.decode()
    assert token not in again and 'data-testid="new-token"' not in again
    assert ApiToken.objects.filter(person=world.alice).count() == 1


@pytest.mark.browser
def test_a_person_makes_uses_and_revokes_a_token_on_the_page(page, world):
    log_in(page, "alice")
    page.get_by_role("link", name="API 權杖").click()
    page.get_by_label("名稱（用途）").fill("個人報表程式")
    page.get_by_label("權限範圍").select_option("read")
    page.get_by_label("有效期限（含當日，最長一年）").fill("115-06-30")
    page.get_by_role("button", name="建立權杖").click()
    shown = page.get_by_test_id("new-token")
    expect(shown).to_contain_text("僅顯示這一次")
    expect(shown).to_contain_text("115-06-30")
    token = shown.locator("code").inner_text()
    assert Client().get("/api/me", **bearer(token)).status_code == 200
    page.reload()
    assert token not in page.content()  # never shown again
    rows = page.get_by_test_id("personal-tokens")
    assert "個人報表程式" in rows.inner_text() and "唯讀" in rows.inner_text()
    page.get_by_role("button", name="撤銷「個人報表程式」").click()
    expect(page.get_by_test_id("personal-tokens")).to_contain_text("已撤銷")
    assert Client().get("/api/me", **bearer(token)).status_code == 401
