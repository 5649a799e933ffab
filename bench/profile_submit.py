"""Where the time of one leave submission goes, in-process, on the database bench/leave_bench.py built.

Run after bench/leave_bench.py (it leaves PostgreSQL database chaiqin_bench in place):
    .venv/bin/python bench/profile_submit.py [--repeat 20] [--sql] [--profile]

Each submission is a Django test Client POST /leave/new/ (one day of 事假 on a day the history left
free, a colleague as agent) plus the GET of the page it redirects to, inside a transaction that is
rolled back, so the database is unchanged. Prints the median time, the queries of each, and with
--sql the queries themselves, with --profile the top of cProfile (cumulative time).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--sql", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--db", default="chaiqin_bench")
    args = parser.parse_args()
    os.environ.update(DATABASE_URL=f"postgres://chaiqin:chaiqin@127.0.0.1:5432/{args.db}", DEBUG="false",
                      SECRET_KEY="bench-" + "k" * 50, ALLOWED_HOSTS="127.0.0.1,testserver",
                      CHAIQIN_NOW="2026-11-02T09:00", DJANGO_SETTINGS_MODULE="chaiqin.settings",
                      MAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from chaiqin.calendar.selectors import workdays_between
    from chaiqin.org.models import Agency, Person

    county = Agency.objects.filter(parent__isnull=True).order_by("pk").first()
    free = [d for d in workdays_between(county, __import__("datetime").date(2026, 11, 1),
                                        __import__("datetime").date(2026, 12, 31))][12:]
    bench_people = list(Person.objects.filter(employee_no__startswith="B").order_by("unit_id", "pk")[:20 * args.repeat + 2])
    pairs = [(a, b) for a, b in zip(bench_people[0::2], bench_people[1::2]) if a.unit_id == b.unit_id]
    times, counts, profiler = [], [], cProfile.Profile()
    client = Client(HTTP_HOST="127.0.0.1")
    n = -1
    for a, b in pairs:
        if len(times) >= args.repeat - 1:
            break
        n += 1
        day = free[n % len(free)].isoformat()
        client.force_login(a.user)
        form = {"leave_code": "personal", "start_date": day, "start_time": "08:00", "end_date": day, "end_time": "17:00",
                "agent": b.pk, "reason": "剖析", "submit": "1"}
        try:
            with transaction.atomic():
                with CaptureQueriesContext(connection) as q1:
                    t0 = time.perf_counter()
                    if args.profile and n:
                        profiler.enable()
                    response = client.post("/leave/new/", form)
                    profiler.disable()
                    if response.status_code == 200 and b"refusal" in response.content:
                        n -= 1  # a colleague already away that day (an earlier bench run): the next pair
                        raise Rollback
                    assert response.status_code == 302, [l for l in response.content.decode().splitlines() if "error" in l][:5]
                    t1 = time.perf_counter()
                    with CaptureQueriesContext(connection) as q2:
                        client.get(response["Location"])
                    t2 = time.perf_counter()
                    profiler.disable()
                if n > 0:  # the first one warms caches
                    times.append((t1 - t0, t2 - t1))
                    counts.append((len(q1.captured_queries) - len(q2.captured_queries), len(q2.captured_queries)))
                if args.sql and len(times) == 1:
                    for q in q1.captured_queries:
                        print(f"{q['time']:>7} {q['sql'][:260]}")
                raise Rollback
        except Rollback:
            pass
    print(f"submit POST: median {statistics.median(t for t, _ in times) * 1000:.1f} ms, {counts[-1][0]} queries; "
          f"redirected page: median {statistics.median(t for _, t in times) * 1000:.1f} ms, {counts[-1][1]} queries "
          f"({len(times)} runs, in-process, PostgreSQL {args.db})")
    if args.profile:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()
