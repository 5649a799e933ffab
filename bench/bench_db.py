"""A fresh database for a bench script: an SQLite file under /tmp, or a PostgreSQL database on this
machine's loopback server, named after the bench (`chaiqin_<name>`); sets DATABASE_URL for Django."""

from __future__ import annotations

import os

PG_ADMIN = "postgresql://chaiqin:chaiqin@127.0.0.1:5432/postgres"


def sqlite_path(name: str) -> str:
    return f"/tmp/chaiqin_{name}.sqlite3"


def prepare_database(kind: str, name: str, *, reuse: bool = False) -> bool:
    """Drop and make again the bench's database (`kind` "sqlite" or "postgres"), then point Django at it.

    With `reuse`, a database left by an earlier run is kept as it is; returns True when it was."""
    kept = False
    if kind == "sqlite":
        path = sqlite_path(name)
        kept = reuse and os.path.exists(path)
        for suffix in ("", "-wal", "-shm"):
            if not kept and os.path.exists(path + suffix):
                os.remove(path + suffix)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            kept = reuse and bool(conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                               [f"chaiqin_{name}"]).fetchone())
            if not kept:
                conn.execute(f"DROP DATABASE IF EXISTS chaiqin_{name}")
                conn.execute(f"CREATE DATABASE chaiqin_{name}")
        os.environ["DATABASE_URL"] = f"postgres://chaiqin:chaiqin@127.0.0.1:5432/chaiqin_{name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chaiqin.settings")
    return kept
