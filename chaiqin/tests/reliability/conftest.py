"""Fixtures of the reliability tests: a skip for what only PostgreSQL can show."""

import pytest
from django.db import connection


@pytest.fixture
def postgresql():
    """Skip on SQLite: triggers, connection loss and pg_dump/pg_restore are PostgreSQL's."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: run with DATABASE_URL=postgres://… (database triggers, pg_dump, lost connections)")
    return connection
