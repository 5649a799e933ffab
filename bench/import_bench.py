"""Benchmark of the staff import (issue 13): 10,000 rows < 30 s on SQLite.

Run:  .venv/bin/python bench/import_bench.py [--rows 10000] [--db sqlite|postgres] [--format xlsx|csv]

Builds a fresh database (SQLite file /tmp/chaiqin_importbench.sqlite3, or PostgreSQL database
chaiqin_importbench, dropped and recreated) with one agency of 20 units, and a staff file of --rows
people as a personnel system exports it: every column, a supervisor for all but the unit heads (in
the file itself), a log-in for everyone. Times, each on the whole file:
1. the dry run (checks everything, writes in a transaction it rolls back);
2. the import (every person and log-in created, one-time passwords made);
3. the same file again (nothing changes: 0 created, 0 updated);
4. the file with every title changed (every person updated).
Prints the rows a second of each and the peak resident memory (getrusage) at the end.
"""

from __future__ import annotations

import argparse
import csv
import io
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import bench_db  # noqa: E402  (bench/bench_db.py: the bench's fresh database)
UNITS = 20
POSTS = ["行政人員", "約聘僱人員", "技工", "工友", "駕駛", "約用人員"]


def prepare_database(kind: str) -> None:
    bench_db.prepare_database(kind, "importbench")


def staff_rows(count: int, title: str) -> list[list[str]]:
    """`count` people in UNITS units; the first of each unit heads it, the others report to them."""
    rows = []
    for n in range(count):
        unit = n % UNITS
        head = f"E{unit:06d}"
        rows.append([f"E{n:06d}", f"測試{n:05d}", "男女"[n % 2], POSTS[n % len(POSTS)], title, f"第{unit + 1:02d}科",
                     f"{80 + n % 35}-{n % 12 + 1:02d}-{n % 28 + 1:02d}", "" if n < UNITS else head,
                     f"e{n:06d}@bench.example.gov.tw", f"e{n:06d}"])
    return rows


def staff_file(rows: list[list[str]], fmt: str) -> bytes:
    header = ["員工編號", "姓名", "性別", "職務類型", "職稱", "單位", "到職日期", "直屬主管", "電子郵件", "帳號"]
    if fmt == "csv":
        text = io.StringIO()
        csv.writer(text).writerows([header, *rows])
        return text.getvalue().encode("utf-8")
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("人員資料")
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    args = parser.parse_args()
    prepare_database(args.db)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.CHAIQIN_NOW = "2026-04-01T09:00"
    call_command("migrate", verbosity=0, skip_checks=True)

    from chaiqin.org.models import Person
    from chaiqin.org.services import agency_create, people_import, unit_create

    agency = agency_create(code="BENCH00001", name="匯入測試機關")
    for u in range(UNITS):
        unit_create(agency=agency, name=f"第{u + 1:02d}科", sort_order=u)
    first = staff_file(staff_rows(args.rows, "科員"), args.format)
    changed = staff_file(staff_rows(args.rows, "專員"), args.format)
    print(f"staff import, {args.db}, {args.format}: {args.rows:,} rows, file {len(first) / 1e6:.1f} MB")

    def timed(label: str, data: bytes, dry_run: bool = False):
        started = time.perf_counter()
        result = people_import(agency=agency, data=data, filename=f"bench.{args.format}", actor=None, dry_run=dry_run)
        seconds = time.perf_counter() - started
        assert not result.errors, result.errors[:3]
        print(f"  {label:<28} {seconds:7.2f} s  {args.rows / seconds:9,.0f} rows/s  "
              f"created {result.created:,}  updated {result.updated:,}  log-ins {len(result.passwords):,}")
        return seconds

    timed("dry run", first, dry_run=True)
    seconds = timed("import (new people)", first)
    timed("same file again", first)
    timed("every title changed", changed)
    assert Person.objects.filter(agency=agency).count() == args.rows
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:,.0f} MB")
    print(f"summary: {args.rows:,} rows imported in {seconds:.1f} s on {args.db} (target < 30 s)")


if __name__ == "__main__":
    main()
