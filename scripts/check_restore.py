"""Check that a backup restores to an equal database (issue 9: "a restored backup equals the original").

    scripts/check-restore [DATABASE_URL] [--keep]

1. `pg_dump --format=custom` of the database (what scripts/backup writes);
2. `pg_restore --no-owner --exit-on-error` into a fresh database <name>_restorecheck on the same server;
3. fingerprints both: for every table of the public schema its row count and
   md5(string_agg(row::text ORDER BY row::text)), every sequence's last value, and the names of the
   user triggers (the audit trail's append-only guards must come back too);
4. prints one line per table that differs (or a summary), drops the copy (unless --keep) and
   exits 1 on any difference, 0 when the restored database equals the original.

Also importable (chaiqin/tests/reliability uses `fingerprint` and `check_restore`).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def clean_url(url: str) -> str:
    """The URL without ?options (Django's conn_max_age is not libpq's); postgres:// is accepted as is."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise SystemExit(f"check-restore is for PostgreSQL; got {parts.scheme}://")
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, "", ""))


def database_of(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def fingerprint(url: str) -> dict[str, tuple]:
    """{"table <name>": (rows, md5), "sequence <name>": (last_value, is_called), "triggers": (...)}."""
    with psycopg.connect(url) as conn:
        return fingerprint_of(conn)


def fingerprint_of(conn: psycopg.Connection) -> dict[str, tuple]:
    """The fingerprint as `conn` sees the database (inside its current snapshot, if it holds one)."""
    out: dict[str, tuple] = {}
    conn.execute("SET TIME ZONE 'UTC'")  # the same text for timestamps on both sides
    tables = [r[0] for r in conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")]
    for table in tables:
        query = sql.SQL("SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) "
                        "FROM public.{} AS t").format(sql.Identifier(table))
        out[f"table {table}"] = tuple(conn.execute(query).fetchone())
    sequences = [r[0] for r in conn.execute(
        "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename")]
    for seq in sequences:
        query = sql.SQL("SELECT last_value, is_called FROM public.{}").format(sql.Identifier(seq))
        out[f"sequence {seq}"] = tuple(conn.execute(query).fetchone())
    out["triggers"] = tuple(r[0] for r in conn.execute(
        "SELECT c.relname || '.' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND n.nspname = 'public' ORDER BY 1"))
    return out


def differences(original: dict[str, tuple], restored: dict[str, tuple]) -> list[str]:
    lines = []
    for key in sorted(set(original) | set(restored)):
        a, b = original.get(key), restored.get(key)
        if a != b:
            lines.append(f"{key}: original {a if a is not None else '(missing)'}, restored {b if b is not None else '(missing)'}")
    return lines


def dump(url: str, path: Path, snapshot: str | None = None) -> None:
    command = ["pg_dump", "--format=custom", f"--file={path}", f"--dbname={url}"]
    if snapshot:
        command.append(f"--snapshot={snapshot}")
    subprocess.run(command, check=True)


def restore(url: str, path: Path, target: str) -> str:
    """Restore the dump at `path` into a new database `target` on the server of `url`; its URL."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(target)))
    target_url = with_database(url, target)
    subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={target_url}", str(path)], check=True)
    return target_url


def drop(url: str, target: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target)))


def check_restore(url: str, *, keep: bool = False, out=sys.stdout) -> int:
    """Dump, restore into <db>_restorecheck, compare; print the result; 0 if equal, 1 if not."""
    url = clean_url(url)
    name = database_of(url)
    target = f"{name}_restorecheck"[:63]
    t0 = time.perf_counter()
    # One snapshot for the dump and the original's fingerprint: the check holds on a live database too.
    with psycopg.connect(url) as live, tempfile.TemporaryDirectory() as tmp:
        live.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        live.read_only = True
        snapshot = live.execute("SELECT pg_export_snapshot()").fetchone()[0]
        path = Path(tmp, f"{name}.dump")
        dump(url, path, snapshot)
        size = path.stat().st_size
        original = fingerprint_of(live)
        target_url = restore(url, path, target)
    try:
        restored = fingerprint(target_url)
    finally:
        if not keep:
            drop(url, target)
    diff = differences(original, restored)
    tables = [k for k in original if k.startswith("table ")]
    rows = sum(original[k][0] for k in tables)
    print(f"check-restore {name}: dump {size / 1024:.0f} KiB, restored into {target}"
          f"{' (kept)' if keep else ' (dropped after the check)'}, {time.perf_counter() - t0:.1f} s", file=out)
    print(f"  {len(tables)} tables, {rows} rows, {sum(1 for k in original if k.startswith('sequence '))} sequences, "
          f"{len(original['triggers'])} triggers compared (row count and md5 of the rows per table)", file=out)
    for key in sorted(tables, key=lambda k: -original[k][0])[:5]:
        print(f"    {key[6:]:32} {original[key][0]:8} rows  md5 {original[key][1]}", file=out)
    if diff:
        print(f"  FAIL: {len(diff)} differences", file=out)
        for line in diff:
            print(f"    {line}", file=out)
        return 1
    print("  OK: the restored database equals the original", file=out)
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description="dump, restore into a fresh database, compare every table")
    parser.add_argument("database_url", nargs="?", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--keep", action="store_true", help="keep the restored copy <db>_restorecheck")
    args = parser.parse_args()
    if not args.database_url:
        raise SystemExit("give a DATABASE_URL (argument or environment)")
    sys.exit(check_restore(args.database_url, keep=args.keep))


if __name__ == "__main__":
    main()
