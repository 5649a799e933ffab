"""Fixtures of the reliability tests: a skip for what only PostgreSQL can show, the test database's URL."""

import importlib.util
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def postgresql():
    """Skip on SQLite: triggers, connection loss and pg_dump/pg_restore are PostgreSQL's."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: run with DATABASE_URL=postgres://… (database triggers, pg_dump, lost connections)")
    return connection


@pytest.fixture
def database_url(postgresql) -> str:
    """postgres:// URL of the test database this worker uses."""
    s = connection.settings_dict
    user = quote(s["USER"] or "", safe="")
    password = quote(s["PASSWORD"] or "", safe="")
    return f"postgres://{user}:{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture(scope="session")
def check_restore():
    """scripts/check_restore.py as a module."""
    spec = importlib.util.spec_from_file_location("check_restore", ROOT / "scripts" / "check_restore.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def leave_request(world, settings):
    """alice's 事假 of one hour, submitted: a case with its 送出申請 event and a ledger hold."""
    from datetime import datetime

    from django.utils import timezone

    from chaiqin.leave import services

    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    return services.leave_request_submit(
        person=world.alice, leave_code="personal", start=timezone.make_aware(datetime(2026, 3, 16, 9)),
        end=timezone.make_aware(datetime(2026, 3, 16, 10)), agent=world.bob, reason="家中有事")
