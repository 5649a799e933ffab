"""The embedded SQLite default syncs every commit (synchronous=FULL): with NORMAL, a power loss
could lose the last punches and requests although they were answered as saved (WAL is synced only
at checkpoints then). The cost is printed by bench/sqlite_durability_bench.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
LEVELS = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}


def _level_of_a_fresh_start(tmp_path, **env) -> str:
    """The synchronous level a new process gets on a SQLite file, from the settings alone."""
    code = ("import django; django.setup(); from django.db import connection; c = connection.cursor(); "
            "c.execute('PRAGMA synchronous'); a = c.fetchone()[0]; c.execute('PRAGMA journal_mode'); "
            "print(a, c.fetchone()[0])")
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_SYNCHRONOUS")}
    environment.update(DJANGO_SETTINGS_MODULE="chaiqin.settings", DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
                       **env)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True,
                         check=True).stdout.split()
    assert out[1] == "wal"
    return LEVELS[int(out[0])]


def test_the_embedded_default_syncs_every_commit(tmp_path):
    assert _level_of_a_fresh_start(tmp_path) == "FULL"


def test_normal_is_only_what_an_operator_asks_for(tmp_path):
    assert _level_of_a_fresh_start(tmp_path, SQLITE_SYNCHRONOUS="normal") == "NORMAL"


@pytest.mark.django_db
def test_the_test_databases_connection_runs_full_too():
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL syncs each commit itself (synchronous_commit)")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        assert LEVELS[cursor.fetchone()[0]] == "FULL"
