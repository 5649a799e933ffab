"""API tokens under attack (issue 18): a read-only token is refused on every write operation of
the API; nobody but the owner (or, for an agency's service account, that agency's personnel
office) reaches a token by id; an attacker's own token reaches no more of alice's records than
their session does; tokens do not manage tokens; a token in a URL is refused.

The write operations come from the OpenAPI schema, so a new one is attacked by default."""

from __future__ import annotations

import pytest
from django.test import Client

from chaiqin.tokens import services as tokens

from .conftest import snapshot
from .test_ids import ATTACKERS, agency_settings, api_routes, api_schema, api_send  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
EVERY_ROLE_BUT_ALICE = ("bob", "diana", "carol", "erin", "frank", "gina", "hank", "ivy", "leo", "ken")


def bearer_client(token: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


def person(username):
    from chaiqin.org.models import Person

    return Person.objects.get(user__username=username)


def write_operations():
    """(method, path, app) of every operation that is not a read, except the card readers' own."""
    for path, operations in api_schema()["paths"].items():
        for method, operation in operations.items():
            if method in ("get", "head", "options"):
                continue
            schemes = {name for item in operation.get("security", []) for name in item}
            if path.endswith("/device/punches"):  # the reader's device token, not a person's
                assert schemes == {"DeviceToken"}
                continue
            app = path.split("/")[2] if path.count("/") > 2 else ""
            yield method.upper(), path, app, schemes


def test_the_schema_documents_both_schemes():
    schemes = api_schema()["components"]["securitySchemes"]
    assert schemes["ApiTokenAuth"]["type"] == "http" and schemes["ApiTokenAuth"]["scheme"] == "bearer"
    assert schemes["BrowserSession"]["type"] == "apiKey" and schemes["BrowserSession"]["in"] == "cookie"
    me = api_schema()["paths"]["/api/me"]["get"]["security"]
    assert {"ApiTokenAuth": []} in me and {"BrowserSession": []} in me


def test_a_read_token_is_refused_on_every_write(agency_settings, world):
    records = agency_settings
    _item, secret = tokens.token_create(actor=world.alice, name="唯讀報表", scope="read")
    client = bearer_client(secret)
    assert client.get("/api/me").status_code == 200  # its first use is recorded before the snapshot
    before = snapshot()
    accepted, count = [], 0
    for method, path, app, schemes in write_operations():
        count += 1
        url, response = api_send(client, method, path, app, records)
        # Token routes take a browser session only (401, or CSRF's 403, to any token); every other write:
        # 403, read-only.
        expected = 403 if "ApiTokenAuth" in schemes else 401
        if response.status_code != expected and not (expected == 401 and response.status_code == 403):
            accepted.append(f"{method} {url} → {response.status_code} {response.content[:120]!r}")
        elif expected == 403:
            assert "唯讀" in response.json()["detail"]
    assert count >= 40, count
    assert not accepted, "唯讀權杖卻可寫入：\n" + "\n".join(accepted)
    assert snapshot() == before


def test_the_same_writes_with_a_write_token_get_through(records, world):
    """The control: the refusals above are the scope's. A write token withdraws alice's request, without CSRF."""
    _item, secret = tokens.token_create(actor=world.alice, name="公文系統", scope="write")
    response = bearer_client(secret).post(f"/api/workflow/cases/{records.case.pk}/withdraw",
                                          {"reason": "改期"}, content_type="application/json")
    assert response.status_code == 200, response.content
    records.case.refresh_from_db()
    assert records.case.status == "withdrawn"


def test_an_attackers_token_reaches_none_of_alices_records(agency_settings, people):
    records = agency_settings
    before = snapshot()
    leaks = []
    for name in ATTACKERS:
        _item, secret = tokens.token_create(actor=person(name), name="攻擊", scope="write")
        client = bearer_client(secret)
        for method, path, app, _params in api_routes():
            url, response = api_send(client, method, path, app, records)
            if response.status_code not in (401, 403, 404):
                leaks.append(f"{name} {method} {url} → {response.status_code}")
    assert not leaks, "越權存取：\n" + "\n".join(leaks)
    before.pop("tokens.ApiToken")  # the attackers' own tokens: made before, used (last use) since
    after = snapshot()
    after.pop("tokens.ApiToken")
    assert after == before


def test_nobody_else_revokes_or_lists_alices_token_every_role(records, people, world):
    from .conftest import client_for

    item, secret = tokens.token_create(actor=world.alice, name="公文系統", scope="read")
    before = snapshot()
    for name in EVERY_ROLE_BUT_ALICE:
        client = client_for(name)
        assert client.post(f"/tokens/{item.pk}/revoke/").status_code == 404, name
        assert client.delete(f"/api/tokens/{item.pk}").status_code == 404, name
        assert item.pk not in [t["id"] for t in client.get("/api/tokens").json()], name
        assert secret[:9] not in client.get("/tokens/").content.decode(), name
    assert snapshot() == before


def test_a_service_account_token_is_its_agencys_personnel_offices_only(records, people, world):
    from .conftest import client_for

    item, _secret = tokens.token_create(actor=world.carol, name="薪資系統", scope="read", service_account=True)
    before = snapshot()
    for name in ("alice", "bob", "diana", "erin", "frank", "gina", "hank", "ivy", "leo", "ken"):
        client = client_for(name)
        assert client.post(f"/tokens/{item.pk}/revoke/").status_code == 404, name
        assert client.delete(f"/api/tokens/{item.pk}").status_code == 404, name
        assert "薪資系統" not in client.get("/tokens/").content.decode(), name
    assert snapshot() == before
    assert "薪資系統" in client_for("carol").get("/tokens/").content.decode()


def test_only_the_personnel_office_makes_service_accounts(records, people):
    from .conftest import client_for

    for name in ("alice", "bob", "diana", "erin", "frank", "gina", "ivy", "leo"):
        client = client_for(name)
        response = client.post("/api/tokens", {"name": "x", "scope": "read", "service_account": True},
                               content_type="application/json")
        assert response.status_code == 403, name
        assert client.post("/tokens/", {"name": "x", "scope": "read", "service_account": "on"}).status_code == 403


def test_tokens_do_not_manage_tokens(records, world):
    item, secret = tokens.token_create(actor=world.alice, name="公文系統", scope="write")
    client = bearer_client(secret)
    assert client.get("/api/tokens").status_code == 401
    # No session: 401, or CSRF's 403 before that for a write (ninja's session check comes first).
    assert client.post("/api/tokens", {"name": "更久的", "scope": "write"},
                       content_type="application/json").status_code in (401, 403)
    assert client.delete(f"/api/tokens/{item.pk}").status_code in (401, 403)
    item.refresh_from_db()
    assert item.revoked_at is None
    # Nor the web pages: a bearer header is no log-in there.
    assert client.get("/tokens/").status_code == 302


def test_a_token_in_a_query_is_refused_on_every_read(records, world):
    _item, secret = tokens.token_create(actor=world.alice, name="公文系統", scope="read")
    refused = 0
    for path, operations in api_schema()["paths"].items():
        if "get" not in operations or "{" in path or not operations["get"].get("security"):
            continue
        response = Client().get(f"{path}?access_token={secret}")
        assert response.status_code == 401 and "不可放在網址" in response.json()["detail"], path
        refused += 1
    assert refused >= 5
