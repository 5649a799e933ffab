"""Cross-site request forgery: with Django's CSRF checks on (as in production), a POST without
the token is refused with 403 on every page of the URLconf and every session-authenticated API
operation that changes something — whatever the id in the path, before any view runs."""

from __future__ import annotations

import re

import pytest

from .conftest import client_for, snapshot
from .test_ids import STRINGS, _walk, api_schema

pytestmark = pytest.mark.django_db


def _url(route: str) -> str:
    return "/" + re.sub(r"<(\w+):(\w+)>", lambda m: "1" if m.group(1) == "int" else STRINGS.get(m.group(2), "x"), route)


def test_no_page_accepts_a_post_without_the_csrf_token(records):
    from django.urls import get_resolver

    client = client_for("alice", csrf=True)
    before = snapshot()
    accepted = []
    for route, _app in _walk(get_resolver()):
        if route.startswith("api/") or ("<" in route and "<int:" not in route and "<str:" not in route):
            continue
        url = _url(route)
        response = client.post(url, {"reason": "x", "decision": "approve"})
        if response.status_code != 403:
            accepted.append(f"POST {url} → {response.status_code}")
    assert not accepted, "\n".join(accepted)
    assert snapshot() == before


def test_no_session_authenticated_api_operation_accepts_a_change_without_the_csrf_token(records):
    client = client_for("alice", csrf=True)
    before = snapshot()
    accepted = []
    for path, operations in api_schema()["paths"].items():
        for method in operations:
            if method == "get" or path.endswith("/device/punches"):  # the card reader's bearer token is not a cookie
                continue
            url = re.sub(r"\{(\w+)\}", lambda m: "1" if m.group(1) not in STRINGS else STRINGS[m.group(1)], path)
            response = client.generic(method.upper(), url, "{}", content_type="application/json")
            if response.status_code != 403:
                accepted.append(f"{method.upper()} {url} → {response.status_code}")
    assert not accepted, "\n".join(accepted)
    assert snapshot() == before


def test_the_same_post_with_the_token_gets_through(records):
    """The control: the refusals above are CSRF's, not something else's."""
    client = client_for("alice", csrf=True)
    client.get("/leave/new/")
    token = client.cookies["csrftoken"].value
    response = client.post(f"/workflow/cases/{records.case.pk}/withdraw/", {"reason": "改期", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    records.case.refresh_from_db()
    assert records.case.status == "withdrawn"
