"""A lost database connection answers 503 「資料庫暫時無法連線，請稍後再試」, never a traceback,
and the next request works again once the database is back (CONN_HEALTH_CHECKS)."""

from unittest import mock

import psycopg
import pytest
from django.db import OperationalError, close_old_connections, connection
from django.test import Client

from chaiqin.conftest import PASSWORD
from chaiqin.dbguard import MESSAGE

pytestmark = pytest.mark.django_db


def _client_of(username) -> Client:
    client = Client(raise_request_exception=False)
    assert client.login(username=username, password=PASSWORD)
    return client


def _database_gone(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


def test_a_page_whose_database_is_gone_answers_503_in_chinese_without_a_traceback(world):
    client = _client_of("alice")
    with mock.patch("chaiqin.org.access.person_of", side_effect=_database_gone):
        response = client.get("/leave/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    body = response.content.decode()
    assert MESSAGE in body
    assert "Traceback" not in body and "OperationalError" not in body


def test_an_api_call_whose_database_is_gone_answers_503_json_in_the_api_error_shape(world):
    client = _client_of("alice")
    with mock.patch("chaiqin.org.access.person_of", side_effect=_database_gone):
        response = client.get("/api/me")
    assert response.status_code == 503
    assert response.json() == {"detail": MESSAGE, "citation": ""}


def test_any_other_server_error_stays_a_500(world):
    client = _client_of("alice")
    with mock.patch("chaiqin.org.access.person_of", side_effect=ZeroDivisionError):
        response = client.get("/api/me")
    assert response.status_code == 500
    assert MESSAGE not in response.content.decode()


def test_the_settings_check_a_reused_connection_before_each_request():
    from django.conf import settings

    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert "chaiqin.dbguard.DatabaseUnavailableMiddleware" in settings.MIDDLEWARE


@pytest.mark.django_db(transaction=True)
def test_a_connection_killed_by_the_server_gives_503_and_the_next_request_reconnects(world, postgresql):
    """The real thing on PostgreSQL: the server ends this process's session (as a restart does)."""
    client = _client_of("alice")
    assert client.get("/api/me").status_code == 200
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    dsn = {k: v for k, v in params.items() if k in ("host", "port", "user", "password", "dbname")}
    with psycopg.connect(**dsn, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    response = client.get("/api/me")
    assert response.status_code == 503
    assert response.json()["detail"] == MESSAGE
    # At the end of a request Django closes a connection found unusable (close_old_connections on
    # request_finished; the test client leaves that signal out, so it is called here as a server does)
    # and the next request connects afresh.
    close_old_connections()
    assert client.get("/api/me").status_code == 200
