"""Benchmark of leave (issue 4): p95 of submitting a request and opening the balance page.

Run:  DATABASE_URL=postgres://…/chaiqin_leave_bench .venv/bin/python bench/leave_bench.py [--people 10000] [--requests 200]

Builds, in the database DATABASE_URL names (migrated first; use a scratch database: it adds
rows), one agency with --people persons in units of 50 and a year of history (one approved
two-day 事假 each, posted as ledger rows, in bulk), then times --requests submissions and
--requests balance pages through Django's full request stack (middleware, sessions, views,
templates) with the test client — in-process, not over a socket through a separate web
server: that part of the issue is NOT measured here. Prints median and p95 in ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chaiqin.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    call_command("migrate", verbosity=0)

    from django.contrib.auth.models import User

    from chaiqin.leave.models import BalanceEntry
    from chaiqin.org.models import Person, RoleAssignment
    from chaiqin.org.services import agency_create, role_grant, unit_create

    t0 = time.perf_counter()
    code = f"BENCH{int(time.time())}"
    agency = agency_create(code=code, name="效能測試機關", short_name="效能")
    people: list[Person] = []
    units = [unit_create(agency=agency, name=f"第{i}科") for i in range((args.people + 49) // 50)]
    users = User.objects.bulk_create([User(username=f"{code}-{i}", password=User().password) for i in range(args.people)])
    for u in users:
        u.set_password("bench-pass")
    User.objects.bulk_update(users, ["password"])
    people = Person.objects.bulk_create([
        Person(user=users[i], agency=agency, unit=units[i // 50], employee_no=f"B{i:05d}", name=f"測試{i}", gender="F",
               regime="civil", post="admin", hire_date=date(2015, 1, 1)) for i in range(args.people)])
    role_grant(person=people[1], role=RoleAssignment.Role.PERSONNEL)
    for unit in units:
        unit.head = people[units.index(unit) * 50]
        unit.save(update_fields=["head"])
    rows = []
    for p in people:
        rows.append(BalanceEntry(person=p, account="personal", period_start=date(2026, 1, 1), period_end=date(2026, 12, 31),
                                 kind="grant", minutes=7 * 480, note="核給"))
        for month in (1, 2):
            rows.append(BalanceEntry(person=p, account="personal", period_start=date(2026, 1, 1),
                                     period_end=date(2026, 12, 31), kind="use", minutes=-480, note=f"{month}月事假"))
        rows.append(BalanceEntry(person=p, account="personal", period_start=date(2025, 1, 1), period_end=date(2025, 12, 31),
                                 kind="use", minutes=-960, note="去年事假"))
    BalanceEntry.objects.bulk_create(rows, batch_size=5000)
    print(f"set-up: {args.people} people, {len(rows)} ledger rows in {time.perf_counter() - t0:.1f} s")

    submit_ms, balance_ms = [], []
    for n in range(args.requests):
        i = 2 + (n * 7919) % (args.people - 2)
        person, agent = people[i], people[i - 1 if i % 50 else i + 1]
        client = Client()
        client.login(username=person.user.username, password="bench-pass")
        start = time.perf_counter()
        response = client.post("/leave/new/", {
            "leave_code": "personal", "start_date": "115-03-10", "start_time": "08:00", "end_date": "115-03-10",
            "end_time": "17:00", "agent": agent.pk, "submit": "1"})
        submit_ms.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 302, response.content.decode()[:500]
        start = time.perf_counter()
        response = client.get("/leave/balances/")
        balance_ms.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200

    def p95(values):
        return sorted(values)[max(0, int(len(values) * 0.95) - 1)]

    print(f"submit:       median {statistics.median(submit_ms):.1f} ms, p95 {p95(submit_ms):.1f} ms ({len(submit_ms)} requests)")
    print(f"balance page: median {statistics.median(balance_ms):.1f} ms, p95 {p95(balance_ms):.1f} ms ({len(balance_ms)} pages)")


if __name__ == "__main__":
    main()
