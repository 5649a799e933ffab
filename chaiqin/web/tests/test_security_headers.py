"""Security headers on every page: a strict Content-Security-Policy, no framing, no sniffing."""

import pytest

pytestmark = pytest.mark.django_db


def test_pages_carry_a_content_security_policy_that_allows_only_this_site(client):
    response = client.get("/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_session_cookie_is_not_readable_by_scripts(client, world):
    response = client.post("/login/", {"username": "alice", "password": "correct-horse-battery"})
    assert response.cookies["sessionid"]["httponly"]
