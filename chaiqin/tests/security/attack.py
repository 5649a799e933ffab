"""Helpers for attack tests, for any area's own test file in this folder.

The pattern (see test_every_route.py, test_ids.py, test_ical_feed.py):

    from .attack import ATTACKERS, assert_refused, assert_needs_login, page_urls

    def test_outsiders_never_reach_alices_thing(records):          # records: conftest.py
        url = f"/things/{records.thing.pk}/"
        assert_refused([("get", url), ("post", url)])                # every attacker: 403/404, nothing changed
        assert_needs_login([("get", url), ("post", url)])            # and nobody logged out gets in

- `assert_refused` logs in as each attacker (people who may not see alice: another agency, a
  peer, the head of another unit), sends every request and fails with the list of those that
  answered anything but 403/404, or changed any row of the database.
- `assert_needs_login` sends them without a session: pages must send to the log-in page, the
  API must answer 401.
- `page_urls()` / `api_operations()` list every route of the URLconf and every operation of the
  OpenAPI schema, so a test over all of them covers the routes other areas add later by itself.
"""

from __future__ import annotations

from typing import Iterable

from django.test import Client
from django.urls import get_resolver

from .conftest import client_for, snapshot
from .test_ids import ATTACKERS, _walk, api_schema

__all__ = ["ATTACKERS", "assert_refused", "assert_needs_login", "page_urls", "api_operations", "send"]

Request = tuple[str, str] | tuple[str, str, object]  # (method, url) or (method, url, body)


def send(client: Client, request: Request):
    """Send (method, url[, body]); a dict body is a form, a str body is JSON."""
    method, url, body = (*request, None) if len(request) == 2 else request
    if isinstance(body, str):
        return client.generic(method.upper(), url, body, content_type="application/json")
    return getattr(client, method.lower())(url, body or {})


def assert_refused(requests: Iterable[Request], *, attackers: Iterable[str] = ATTACKERS) -> None:
    """Every attacker gets 403 or 404 for every request (405 is fine: the method is not offered),
    and the database is the same afterwards."""
    requests = list(requests)
    before = snapshot()
    leaks = []
    for name in attackers:
        client = client_for(name)
        client.raise_request_exception = False
        for request in requests:
            status = send(client, request).status_code
            if status not in (403, 404, 405):
                leaks.append(f"{name} {request[0].upper()} {request[1]} → {status}")
    assert not leaks, "越權存取：\n" + "\n".join(leaks)
    assert snapshot() == before, "被拒絕的請求仍改變了資料庫"


def assert_needs_login(requests: Iterable[Request]) -> None:
    """Without a session: a page sends to the log-in page (or 403/404/405), the API answers 401."""
    client = Client()
    client.raise_request_exception = False
    opened = []
    for request in requests:
        response = send(client, request)
        url = request[1]
        if url.startswith("/api/"):
            ok = response.status_code in (401, 403, 404, 405)
        else:
            ok = response.status_code in (403, 404, 405) or (
                response.status_code == 302 and response["Location"].startswith("/login/"))
        if not ok:
            opened.append(f"{request[0].upper()} {url} → {response.status_code}")
    assert not opened, "未登入即可存取：\n" + "\n".join(opened)


def page_urls(*, fill: str = "1") -> list[tuple[str, str]]:
    """(route, url) of every page of the URLconf but /admin/ and /api/, path parameters filled
    with `fill` (strings and dates with a plausible value)."""
    import re

    from .test_ids import STRINGS

    out = []
    for route, _app in _walk(get_resolver()):
        if route.startswith(("admin/", "api/")):
            continue
        url = "/" + re.sub(r"<(\w+:)?(\w+)>", lambda m: STRINGS.get(m.group(2), "x" if m.group(1) == "str:" else fill),
                           route).lstrip("/")
        out.append((route, url))
    return out


def api_operations() -> list[tuple[str, str, dict]]:
    """(method, path, operation) of every operation of the OpenAPI schema; path parameters in {braces}."""
    return [(method.upper(), path, operation) for path, operations in api_schema()["paths"].items()
            for method, operation in operations.items()]
