"""schemathesis against the OpenAPI schema (/api/openapi.json): every operation, called as a
logged-in person (session cookie and X-CSRFToken, as the web pages do) with generated input,
answers without a server error (`not_a_server_error`): bad input gets a 4xx with a Chinese
message, never a 500.

The number of examples per operation is bounded (CHAIQIN_FUZZ_EXAMPLES, 8 by default) so the
whole run stays well under a minute; raise it for a deeper run:
    CHAIQIN_FUZZ_EXAMPLES=200 .venv/bin/python -m pytest chaiqin/tests/security/test_schemathesis.py
"""

from __future__ import annotations

import os

import pytest

pytestmark = pytest.mark.django_db
EXAMPLES = int(os.environ.get("CHAIQIN_FUZZ_EXAMPLES", "8"))
CSRF = "chaiqinFuzzCsrfSecret0123456789A"  # 32 characters: a valid unmasked CSRF secret


@pytest.fixture
def connections_kept_open():
    """Keep the test's database connection across the WSGI calls, as Django's test Client does:
    schemathesis calls the application directly, and Django's end-of-request hook would close the
    connection that holds the test's transaction (a no-op on SQLite's in-memory database, fatal
    on PostgreSQL)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("username", ["alice", "carol"])
def test_no_operation_answers_with_a_server_error(records, username, settings, connections_kept_open):
    import schemathesis
    from hypothesis import HealthCheck, Phase, given
    from hypothesis import settings as hypothesis_settings
    from schemathesis.checks import not_a_server_error

    from chaiqin.wsgi import application

    from .conftest import client_for

    session = client_for(username).cookies[settings.SESSION_COOKIE_NAME].value
    cookies = {settings.SESSION_COOKIE_NAME: session, settings.CSRF_COOKIE_NAME: CSRF}
    headers = {"X-CSRFToken": CSRF}
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @hypothesis_settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                             phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def fuzz(case):
            try:
                response = case.call(headers=headers, cookies=cookies)
                case.validate_response(response, checks=[not_a_server_error], headers=headers)
            except Exception as exc:  # noqa: BLE001 - every failure is reported together below
                failures.append(f"{operation.label}: {case.as_curl_command()}\n{type(exc).__name__}: {exc}"[:800])

        fuzz()
    assert operations >= 60
    assert not failures, f"{len(failures)} server errors:\n" + "\n\n".join(failures[:20])
