"""Benchmark of attendance and overtime (issue 5): importing 1,000,000 punches < 30 s; daily
status and overtime caps for a month for 10,000 people < 20 s; SQLite and PostgreSQL.

Run:  .venv/bin/python bench/attendance_bench.py --db sqlite
      .venv/bin/python bench/attendance_bench.py --db postgres   # uses database chaiqin_attbench

Builds a fresh database (SQLite file /tmp/chaiqin_attbench.sqlite3, or PostgreSQL database
chaiqin_attbench, dropped and recreated), --people persons in one agency, and a card-reader
CSV of --punches rows (two punches a workday from 2026-01-05, people in turn). Times:
1. services.punches_import of the file (streamed, one transaction), then the same file
   again (adds nothing);
2. selectors.daily_statuses for March 2026 of every person (occupancy providers included),
   then overtime.selectors.month_caps with each person's worked days as regular shifts and
   one evening of overtime per person in the month.
Prints the database size and the peak resident memory (getrusage) at the end.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import bench_db  # noqa: E402  (bench/bench_db.py: the bench's fresh database)
SQLITE_PATH = bench_db.sqlite_path("attbench")


def prepare_database(kind: str) -> None:
    bench_db.prepare_database(kind, "attbench")


def database_size(kind: str) -> int:
    from django.db import connection

    if kind == "sqlite":
        return sum(os.path.getsize(SQLITE_PATH + s) for s in ("", "-wal") if os.path.exists(SQLITE_PATH + s))
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--punches", type=int, default=1_000_000)
    args = parser.parse_args()
    prepare_database(args.db)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.CHAIQIN_NOW = "2026-04-01T09:00"
    call_command("migrate", verbosity=0, skip_checks=True)

    from chaiqin.attendance import selectors as attendance, services
    from chaiqin.dates import TAIPEI
    from chaiqin.org.models import Person
    from chaiqin.org.services import agency_create, unit_create
    from chaiqin.overtime import selectors as overtime
    from chaiqin.overtime.models import OvertimeRequest, OvertimeSlot
    from chaiqin.workflow.models import Case

    agency = agency_create(code="BENCH", name="效能測試機關")
    unit = unit_create(agency=agency, name="測試科")
    Person.objects.bulk_create([
        Person(agency=agency, unit=unit, employee_no=f"B{i:05d}", name=f"人員{i}", gender="F", regime="civil",
               post="admin", hire_date=date(2015, 1, 1)) for i in range(args.people)
    ], batch_size=5000)
    people = list(Person.objects.filter(agency=agency).select_related("agency"))
    numbers = [p.employee_no for p in people]

    # The card file: 2 punches a workday (weekends skipped) from 2026-01-05, people in turn.
    path = Path(f"/tmp/chaiqin_attbench_{args.db}.csv")
    rng = random.Random(115)
    per_person = args.punches // args.people
    days, d = [], date(2026, 1, 5)
    while len(days) < (per_person + 1) // 2:
        if d.weekday() < 5:
            days.append(d)
        d += timedelta(days=1)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("考勤代號,刷卡時間\n")
        for day in days:
            for no in numbers:
                for hour in (7, 17):
                    if written >= args.punches:
                        break
                    out.write(f"{no},{day:%Y-%m-%d} {hour:02d}:{rng.randint(30, 59):02d}:{rng.randint(0, 59):02d}\n")
                    written += 1

    t0, c0 = time.perf_counter(), time.process_time()
    result = services.punches_import(agency=agency, stream=path.open("rb"), filename=path.name)
    import_s = time.perf_counter() - t0
    print(f"import: {result.rows:,} rows, {result.added:,} added, {len(result.errors)} errors in {import_s:.1f} s "
          f"(this process's CPU {time.process_time() - c0:.1f} s; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores)")
    t0 = time.perf_counter()
    again = services.punches_import(agency=agency, stream=path.open("rb"), filename=path.name)
    print(f"re-import of the same file: {again.added:,} added in {time.perf_counter() - t0:.1f} s")

    # One approved evening of overtime per person in March, for the caps.
    case_rows = []
    reqs = OvertimeRequest.objects.bulk_create([
        OvertimeRequest(agency=agency, applicant=p, reason="bench", work_items="bench",
                        created_at=datetime(2026, 3, 1, tzinfo=TAIPEI)) for p in people], batch_size=5000)
    for r in reqs:
        case_rows.append(Case(agency=agency, applicant_id=r.applicant_id, kind="overtime", form_id=r.pk, title="bench",
                              status="approved"))
    cases = Case.objects.bulk_create(case_rows, batch_size=5000)
    for r, c in zip(reqs, cases):
        r.case_id = c.pk
    OvertimeRequest.objects.bulk_update(reqs, ["case"], batch_size=5000)
    OvertimeSlot.objects.bulk_create([
        OvertimeSlot(request=r, person_id=r.applicant_id, day=date(2026, 3, 10),
                     start=datetime(2026, 3, 10, 18, tzinfo=TAIPEI), end=datetime(2026, 3, 10, 21, tzinfo=TAIPEI))
        for r in reqs], batch_size=5000)

    t0 = time.perf_counter()
    statuses = attendance.daily_statuses(people, date(2026, 3, 1), date(2026, 3, 31))
    status_s = time.perf_counter() - t0
    regular = {pid: [(s.first, s.last, 60) for s in days_ if s.first and s.last] for pid, days_ in statuses.items()}
    violations = overtime.month_caps(people, 2026, 3, regular=regular)
    total_s = time.perf_counter() - t0
    cells = sum(len(v) for v in statuses.values())
    problems = sum(1 for v in statuses.values() for s in v if s.problem)
    print(f"daily status: {cells:,} person-days ({problems:,} with a problem) in {status_s:.1f} s; "
          f"with caps ({len(violations):,} violations) {total_s:.1f} s")

    size = database_size(args.db)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.db}: import {import_s:.1f} s (limit 30), status+caps {total_s:.1f} s (limit 20), "
          f"database {size / 2**20:.0f} MiB, peak memory {peak:.0f} MiB")


if __name__ == "__main__":
    main()
