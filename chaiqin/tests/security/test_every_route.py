"""Every route needs a log-in, except the few that are public on purpose: every page of the
URLconf and every operation of the OpenAPI schema is sent without a session (so a page or an
operation added later is attacked by default), and must send to the log-in page or answer 401.
The public ones: the log-in page, the calendar feed (its random token is the key; a made-up one
is 404, see test_ical_feed.py) and the rules' leave types (the law, no one's data)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from .attack import api_operations, assert_needs_login, page_urls

pytestmark = pytest.mark.django_db

# Logging out without a session just shows the log-in page; the load balancer's health check
# (chaiqin/health.py) answers "ok" and reads nothing.
PUBLIC_PAGES = {"login/", "logout/", "healthz"}
PUBLIC_API = {("GET", "/api/rules/leave-types")}
FEED = "leave/ical/<str:token>.ics"


def test_every_page_sends_people_without_a_session_to_the_log_in_page(world):
    pages = [(route, url) for route, url in page_urls() if route not in PUBLIC_PAGES]
    assert len(pages) >= 60
    assert_needs_login([(method, url) for route, url in pages if route != FEED for method in ("get", "post")])


def test_the_calendar_feed_with_a_made_up_token_is_404_without_a_session(world):
    client = Client()
    for token in ("x", "me", "1", "a" * 43, "../../etc/passwd"):
        assert client.get(f"/leave/ical/{token}.ics").status_code == 404, token


def test_every_api_operation_answers_401_without_credentials(world):
    operations = [(method, re.sub(r"\{\w+\}", "1", path)) for method, path, _op in api_operations()
                  if (method, path) not in PUBLIC_API]
    assert len(operations) >= 40
    assert_needs_login([(method, path, "{}") for method, path in operations])


def test_the_public_pages_are_only_those_named():
    """A route made public on purpose is added to the lists above, with its reason."""
    assert {route for route, _url in page_urls() if route in PUBLIC_PAGES | {FEED}} == PUBLIC_PAGES | {FEED}


def test_the_check_itself_fails_on_a_page_open_to_everyone(world):
    """The control: the log-in page is open, and the helper says so."""
    with pytest.raises(AssertionError, match="未登入即可存取"):
        assert_needs_login([("get", "/login/")])
