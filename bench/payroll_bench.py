"""Benchmark of the money and numbers (issue 19): for a generated county (chaiqin.datagen,
--people persons, a year of history) with a wage row for everyone, the county's month of
(1) 差勤統計 (payroll.statistics.attendance_summary, day statuses included) and (2) the
加班費印領清冊 (payroll.sheets.overtime_pay_sheet), as the county's personnel officer sees
them: seconds and the number of queries of each. Target: each under 10 s on SQLite and
PostgreSQL for 10,000 people. Prints figures; asserts nothing.

Run:  .venv/bin/python bench/payroll_bench.py --db sqlite
      .venv/bin/python bench/payroll_bench.py --db postgres   # database chaiqin_paybench, recreated
      (--name NAME uses chaiqin_NAME instead, e.g. to run beside another copy; --reuse keeps the
      county an earlier run of the same --name and --people left, skipping its generation;
      --profile DIR writes a cProfile of each figure to DIR for `python -m pstats`)
"""

from __future__ import annotations

import argparse
import cProfile
import os
import random
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import bench_db  # noqa: E402  (bench/bench_db.py: the bench's fresh database)


def prepare_database(kind: str, name: str = "paybench", *, reuse: bool = False) -> bool:
    return bench_db.prepare_database(kind, name, reuse=reuse)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--name", default="paybench",
                        help="the bench database's name (chaiqin_NAME), to run beside another copy")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the county of an earlier run with the same --name and --people")
    parser.add_argument("--profile", metavar="DIR", help="write a cProfile of each figure to DIR")
    args = parser.parse_args()
    kept = prepare_database(args.db, args.name, reuse=args.reuse)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.CHAIQIN_NOW = "2026-04-01T09:00"
    call_command("migrate", verbosity=0, skip_checks=True)

    from chaiqin.datagen import generate_county
    from chaiqin.org.models import Person, RoleAssignment
    from chaiqin.payroll import access, sheets, statistics
    from chaiqin.payroll.models import WageRecord

    if kept and WageRecord.objects.count() == Person.objects.count() == args.people:
        print(f"county of {args.people:,} people: reused from an earlier run", flush=True)
    else:
        if kept:
            raise SystemExit(f"--reuse: the database chaiqin_{args.name} holds another county; run without --reuse")
        t = time.perf_counter()
        generate_county(people=args.people, seed=1, log=lambda line: None)
        print(f"county of {args.people:,} people generated: {time.perf_counter() - t:.1f} s", flush=True)
        give_wages()
    root = RoleAssignment.objects.filter(role="personnel", agency__parent__isnull=True).select_related("person").first()
    people = access.wage_people(root.person)
    print(f"the county personnel officer sees {people.count():,} people", flush=True)

    for name, run in (
        ("差勤統計 March 2026 (attendance_summary)",
         lambda: statistics.attendance_summary(people, statistics.month_period(2026, 3))),
        ("加班費印領清冊 March 2026 (overtime_pay_sheet)", lambda: sheets.overtime_pay_sheet(people, 2026, 3)),
    ):
        count = [0]

        def counted(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        profiler = cProfile.Profile() if args.profile else None
        with connection.execute_wrapper(counted):
            t, cpu = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            result = run()
            if profiler:
                profiler.disable()
            seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
        if profiler:
            os.makedirs(args.profile, exist_ok=True)
            profiler.dump_stats(os.path.join(args.profile, f"{name.split()[0]}-{args.db}-{args.people}.prof"))
        size = len(result) if isinstance(result, list) else f"{len(result.lines)} lines, {result.amount:,.2f} NTD"
        print(f"{name} [{args.db}]: {seconds:.2f} s, {count[0]} queries ({size}); this process's CPU "
              f"{cpu:.2f} s, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)


def give_wages() -> None:
    """A wage row from January 2026 for everyone: a monthly wage for workers, 薪俸 and 專業加給 otherwise."""
    from chaiqin import clock
    from chaiqin.org.models import Person
    from chaiqin.payroll.models import WageRecord

    rng = random.Random(19)
    rows = []
    for pid, regime in Person.objects.values_list("pk", "regime").order_by("pk"):
        if regime == "labor":
            rows.append(WageRecord(person_id=pid, valid_from=date(2026, 1, 1), basis="monthly",
                                   monthly_wage=rng.randrange(29500, 42000, 100), entered_at=clock.now()))
        else:
            rows.append(WageRecord(person_id=pid, valid_from=date(2026, 1, 1), basis="salary",
                                   salary=rng.randrange(30000, 56000, 100), professional=rng.randrange(20000, 28000, 100),
                                   entered_at=clock.now()))
    WageRecord.objects.bulk_create(rows, batch_size=5000)
    print(f"wage rows: {len(rows):,}", flush=True)


if __name__ == "__main__":
    main()
