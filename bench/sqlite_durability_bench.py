"""What synchronous=FULL costs the embedded SQLite default (issue 14), against NORMAL.

Run:  .venv/bin/python bench/sqlite_durability_bench.py [--punches 400] [--requests 60] [--dir var/bench]

For each level (NORMAL, then FULL) a child process builds a fresh SQLite file (WAL, the
settings' own PRAGMAs, SQLITE_SYNCHRONOUS set to the level), migrates it, makes one agency
with --requests people, then times, each in its own transaction as a request would:
1. card-reader punches (attendance.services.punch_from_device), --punches of them;
2. leave submissions (leave.services.leave_request_submit: one day of 事假 per person, with
   its case, steps, audit event and ledger hold).
The levels run in turn --rounds times (this machine's speed drifts); it prints, over all
rounds, the median and 95th percentile per call and calls a second for each level, and the
ratio FULL/NORMAL. The figures depend on the disk under --dir (fsync per commit with FULL, only
at checkpoints with NORMAL): run it on the disk the server uses. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEVELS = ("NORMAL", "FULL")


def child(level: str, path: Path, punches: int, requests: int) -> dict:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.environ.update(DATABASE_URL=f"sqlite:///{path}", SQLITE_SYNCHRONOUS=level, DEBUG="true",
                      DJANGO_SETTINGS_MODULE="chaiqin.settings", CHAIQIN_NOW="2026-03-09T09:00")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        seen = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[cursor.fetchone()[0]]
    from chaiqin.attendance import services as attendance
    from chaiqin.dates import TAIPEI
    from chaiqin.leave import services as leave
    from chaiqin.org.models import Person, RoleAssignment
    from chaiqin.org.services import agency_create, person_create, role_grant, unit_create, unit_set_head

    agency = agency_create(code="376550000A", name="花蓮縣政府", short_name="花蓮縣府")
    unit = unit_create(agency=agency, name="民政處")

    def make(n: int, supervisor=None):
        return person_create(agency=agency, unit=unit, employee_no=f"P{n:05d}", name=f"同仁{n}", gender="F",
                             post=Person.Post.ADMIN, hire_date=date(2015, 3, 1), supervisor=supervisor,
                             username=f"p{n}", password="correct-horse-battery")

    head = make(0)
    unit_set_head(unit=unit, head=head)
    role_grant(person=make(1), role=RoleAssignment.Role.PERSONNEL)
    agent = make(2, supervisor=head)
    staff = [make(10 + n, supervisor=head) for n in range(requests)]
    _device, token = attendance.device_create(agency=agency, name="大門刷卡機")

    def timed(calls) -> list[float]:
        spent = []
        for call in calls:
            t0 = time.perf_counter()
            call()
            spent.append(time.perf_counter() - t0)
        return spent

    start = datetime(2026, 3, 9, 7, 30, tzinfo=TAIPEI)
    punch_times = timed(
        (lambda i=i: attendance.punch_from_device(token=token, employee_no=staff[i % len(staff)].employee_no,
                                                  at=start + timedelta(seconds=i)))
        for i in range(punches))
    day = datetime(2026, 3, 16, tzinfo=TAIPEI)
    leave_times = timed(
        (lambda p=p: leave.leave_request_submit(person=p, leave_code="personal", start=day.replace(hour=8),
                                                end=day.replace(hour=17), agent=agent, reason="家中有事"))
        for p in staff)
    return {"level": seen, "punch": punch_times, "leave": leave_times}


def figures(times: list[float]) -> tuple[float, float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return statistics.median(ordered) * 1000, p95 * 1000, len(ordered) / sum(ordered)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--punches", type=int, default=400)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--dir", default=str(ROOT / "var" / "bench"))
    parser.add_argument("--rounds", type=int, default=2, help="levels run in turn this many times (the machine drifts)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    if args.child:
        print(json.dumps(child(args.child, folder / f"durability-{args.child.lower()}.sqlite3", args.punches,
                               args.requests)))
        return
    results = {level: {"punch": [], "leave": []} for level in LEVELS}
    for _round in range(args.rounds):
        for level in LEVELS:
            out = subprocess.run([sys.executable, __file__, "--child", level, "--punches", str(args.punches),
                                  "--requests", str(args.requests), "--dir", str(folder)],
                                 check=True, capture_output=True, text=True, cwd=ROOT)
            run = json.loads(out.stdout.strip().splitlines()[-1])
            results[level]["level"] = run["level"]
            results[level]["punch"] += run["punch"]
            results[level]["leave"] += run["leave"]
    print(f"== SQLite synchronous level: cost per call, WAL, files under {folder}")
    print(f"{'path':<22}{'level':<8}{'calls':>6}{'p50 ms':>9}{'p95 ms':>9}{'calls/s':>9}")
    for path, label in (("punch", "card-reader punch"), ("leave", "leave submission")):
        p50 = {}
        for level in LEVELS:
            median, p95, rate = figures(results[level][path])
            p50[level] = median
            print(f"{label:<22}{results[level]['level']:<8}{len(results[level][path]):>6}{median:>9.2f}{p95:>9.2f}"
                  f"{rate:>9.0f}")
        print(f"{'':<22}FULL/NORMAL p50 ×{p50['FULL'] / p50['NORMAL']:.2f}")
    for level in LEVELS:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{folder / f'durability-{level.lower()}.sqlite3'}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
