"""Benchmark of leave (issue 4) through a real web server: p50/p95/p99 of submitting a leave request
and of opening the balance page, on the demo data scaled to 10,000 people with a year of history.

Run:  .venv/bin/python bench/leave_bench.py [--people 10000] [--requests 600] [--workers 2] [--throughput-threads 8] [--seconds 120]

1. Builds PostgreSQL database chaiqin_bench (DATABASE_URL below; created if missing, emptied and
   migrated each run), loads the demo (manage.py load_demo), then scales 花蓮縣政府 to --people
   persons in bulk (deterministic: random.Random(4)) with a year of history: about a dozen
   one-day leave requests per person across 2026 (事假, 病假, 休假), approved, each with its case,
   its step, and its ledger rows (hold, release, use) after the year's grants.
2. Starts gunicorn (`.venv/bin/gunicorn chaiqin.wsgi -w 2 -b 127.0.0.1:PORT`, DEBUG=false,
   SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, the clock frozen at CHAIQIN_NOW), after collectstatic.
3. Creates logged-in sessions beforehand (session rows, no password hashing in the timing), then
   runs the load from a second process on loopback: `concurrent.futures` threads with
   `http.client`, bounded by --requests per scenario and --seconds in all; first the latency run
   with as many client threads as gunicorn workers (a request never waits in the server's queue),
   then a throughput run with --throughput-threads (latency there includes queueing):
   - "submit": POST /leave/new/ (one day of 事假, a different person and day each, so it
     succeeds), following the redirect to the request's page;
   - "balance page": GET /leave/balances/.
4. Prints requests, failures, p50/p95/p99 in ms per scenario, and the queries each page makes
   (counted in-process with CaptureQueriesContext for a person with a full year of history).
Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import signal
import socket
import string
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB_NAME = "chaiqin_bench"
PG_ADMIN = "postgresql://chaiqin:chaiqin@127.0.0.1:5432/postgres"
DATABASE_URL = f"postgres://chaiqin:chaiqin@127.0.0.1:5432/{DB_NAME}"
NOW = "2026-11-02T09:00"  # a Monday; the year's history lies around it
SECRET_KEY = "bench-" + "k" * 50


def server_env() -> dict[str, str]:
    env = dict(os.environ)
    # persistent connections (django-environ reads ?conn_max_age= from DATABASE_URL), as a deployment would
    env.update(DATABASE_URL=DATABASE_URL + "?conn_max_age=600&conn_health_checks=true", DEBUG="false", SECRET_KEY=SECRET_KEY, ALLOWED_HOSTS="127.0.0.1",
               CHAIQIN_NOW=NOW, DJANGO_SETTINGS_MODULE="chaiqin.settings", MAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    return env


# --- the load, in its own process ------------------------------------------------------------------

def run_load(plan_path: str) -> None:
    """Second process: read the plan, fire the requests with threads over http.client, print JSON."""
    import http.client
    from concurrent.futures import ThreadPoolExecutor
    from urllib.parse import urlencode

    plan = json.loads(Path(plan_path).read_text())
    port, deadline = plan["port"], time.monotonic() + plan["seconds"]
    import threading

    local = threading.local()

    def conn():
        if getattr(local, "c", None) is None:
            local.c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        return local.c

    def request(method, path, body=None, headers=None):
        for attempt in (1, 2):
            c = conn()
            try:
                c.request(method, path, body=body, headers=headers or {})
                r = c.getresponse()
                data = r.read()
                return r.status, r.getheader("Location"), data
            except (http.client.HTTPException, OSError):
                local.c = None
                if attempt == 2:
                    raise

    def cookies(job):
        return {"Cookie": f"sessionid={job['session']}; csrftoken={job['csrf']}", "Host": "127.0.0.1"}

    def submit(job):
        if time.monotonic() > deadline:
            return None
        body = urlencode({**job["form"], "csrfmiddlewaretoken": job["csrf"], "submit": "1"})
        headers = {**cookies(job), "Content-Type": "application/x-www-form-urlencoded"}
        t0 = time.perf_counter()
        status, location, data = request("POST", "/leave/new/", body, headers)
        ok = status == 302 and "/leave/requests/" in (location or "")
        if ok:
            status2, _, _ = request("GET", location, None, cookies(job))
            ok = status2 == 200
        ms = (time.perf_counter() - t0) * 1000
        return ms, ok, "" if ok else f"{status} {location} {data[:300].decode('utf-8', 'replace')}"

    def balance(job):
        if time.monotonic() > deadline:
            return None
        t0 = time.perf_counter()
        status, _, data = request("GET", "/leave/balances/", None, cookies(job))
        ms = (time.perf_counter() - t0) * 1000
        return ms, status == 200, "" if status == 200 else f"{status} {data[:200]!r}"

    out = {}
    # latency with as many client threads as server workers (no request waits in gunicorn's queue), then
    # throughput with more threads than workers (requests queue: latency there includes the wait)
    half_s, half_b = len(plan["submit"]) // 2, len(plan["balance"]) // 2
    for label, threads, part in (("", plan["threads"], slice(0, half_s)), (" [throughput]", plan["throughput_threads"], slice(half_s, None))):
        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(balance, plan["warmup"]))  # warm the workers (imports, caches); not counted
            bpart = slice(0, half_b) if part.start == 0 else slice(half_b, None)
            for name, fn, jobs in (("submit a leave request", submit, plan["submit"][part]),
                                   ("open the balance page", balance, plan["balance"][bpart])):
                t0 = time.perf_counter()
                results = [r for r in pool.map(fn, jobs) if r is not None]
                out[name + label] = {"ms": [r[0] for r in results if r[1]], "failures": [r[2] for r in results if not r[1]],
                                     "wall": time.perf_counter() - t0, "threads": threads}
    print(json.dumps(out))


# --- set-up --------------------------------------------------------------------------------------

def prepare_database() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if exists:
            conn.execute(f"DROP DATABASE {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    os.environ.update(DATABASE_URL=DATABASE_URL)
    os.environ.update({k: v for k, v in server_env().items() if k in (
        "SECRET_KEY", "ALLOWED_HOSTS", "CHAIQIN_NOW", "DJANGO_SETTINGS_MODULE", "MAIL_BACKEND")})


def scale(people_wanted: int, rng: random.Random):
    """Scale the county to `people_wanted` persons with a year of approved leave (bulk)."""
    from django.contrib.auth.models import User
    from django.db import connection

    from chaiqin.calendar.selectors import workdays_between
    from chaiqin.dates import TAIPEI
    from chaiqin.leave import ledger
    from chaiqin.leave.models import BalanceEntry, LeaveRequest
    from chaiqin.org.models import Agency, Person, Unit
    from chaiqin.workflow.models import Case, Step

    county = Agency.objects.filter(parent__isnull=True).order_by("pk").first()
    units = list(Unit.objects.filter(agency=county).exclude(head__isnull=True).order_by("pk"))
    have = Person.objects.count()
    extra = max(0, people_wanted - have)
    password = User(username="x")
    password.set_password("bench-password-1")
    users = User.objects.bulk_create([User(username=f"bench{i:05d}", password=password.password) for i in range(extra)],
                                     batch_size=2000)
    people = Person.objects.bulk_create([
        Person(user=users[i], agency=county, unit=units[i % len(units)], employee_no=f"B{i:05d}", name=f"效能{i:05d}",
               gender=rng.choice("FM"), regime="civil", post="admin", title="科員",
               hire_date=date(2010 + rng.randrange(0, 15), rng.randrange(1, 13), 1),
               supervisor=units[i % len(units)].head)
        for i in range(extra)], batch_size=2000)

    workdays = [d for d in workdays_between(county, date(2026, 1, 1), date(2026, 12, 31))]
    by_month: dict[int, list[date]] = {}
    for d in workdays:
        by_month.setdefault(d.month, []).append(d)
    codes = ("personal", "sick", "annual")
    names = {"personal": "事假", "sick": "病假", "annual": "休假"}
    year = (date(2026, 1, 1), date(2026, 12, 31))
    next_req = (LeaveRequest.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    next_case = (Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    created = datetime(2026, 1, 2, 9, tzinfo=TAIPEI)
    t0 = time.perf_counter()
    for chunk_start in range(0, len(people), 1000):
        chunk = people[chunk_start:chunk_start + 1000]
        cases, reqs, steps, rows = [], [], [], []
        for n, p in enumerate(chunk):
            i = chunk_start + n
            for account in codes:
                granted = ledger.granted_minutes(p, account, date(2026, 6, 1))
                rows.append(BalanceEntry(person=p, account=account, period_start=year[0], period_end=year[1], kind="grant",
                                         minutes=granted, note=f"2026年度{names[account]}核給", created_at=created))
            for month in range(1, 13):
                day = by_month[month][i % 10]  # workdays 1–10 of each month: later days stay free
                code = codes[month % 3]
                start = datetime.combine(day, datetime.min.time(), tzinfo=TAIPEI).replace(hour=8)
                end = start.replace(hour=17)
                title = f"{names[code]} {day.isoformat()}（1日）"
                case = Case(id=next_case, agency_id=county.pk, applicant=p, kind="leave", form_id=next_req, title=title,
                            status="approved", created_at=start - timedelta(days=3), decided_at=start - timedelta(days=2))
                cases.append(case)
                reqs.append(LeaveRequest(id=next_req, person=p, leave_code=code, leave_name=names[code], start=start, end=end,
                                         minutes=480, reason="效能測試", agent=None, case_id=next_case,
                                         charge=[{"quotas": [code], "minutes": 480, "pay": "full", "pay_label": "全薪",
                                                  "explanation": "", "citation": "", "beyond": False, "returned": 0}],
                                         created_at=start - timedelta(days=3)))
                steps.append(Step(case_id=next_case, order=1, role="supervisor", decider_id=p.supervisor_id or p.pk,
                                  status="approved", acted_by_id=p.supervisor_id or p.pk, decided_at=start - timedelta(days=2)))
                for kind, minutes in (("hold", -480), ("release", 480), ("use", -480)):
                    rows.append(BalanceEntry(person=p, account=code, period_start=year[0], period_end=year[1], kind=kind,
                                             minutes=minutes, case_id=next_case, note=title, created_at=start - timedelta(days=2)))
                next_req += 1
                next_case += 1
        Case.objects.bulk_create(cases, batch_size=5000)
        LeaveRequest.objects.bulk_create(reqs, batch_size=5000)
        Step.objects.bulk_create(steps, batch_size=5000)
        BalanceEntry.objects.bulk_create(rows, batch_size=5000)
    with connection.cursor() as cursor:
        for table in ("leave_leaverequest", "workflow_case"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
        cursor.execute("ANALYZE")
    print(f"  scaled to {Person.objects.count()} people, {LeaveRequest.objects.count()} leave requests, "
          f"{BalanceEntry.objects.count()} ledger rows in {time.perf_counter() - t0:.1f} s", flush=True)
    return people, by_month


def sessions_for(users) -> dict[int, str]:
    """Logged-in session keys, made directly (what django.contrib.auth.login stores)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    out = {}
    for u in users:
        s = SessionStore()
        s[SESSION_KEY] = str(u.pk)
        s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        s[HASH_SESSION_KEY] = u.get_session_auth_hash()
        s.create()
        out[u.pk] = s.session_key
    return out


def query_counts(reader, person, agent, day: date) -> dict[str, int]:
    """Queries of each page, in-process, for a person with a full year of history."""
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(reader.user)
    counts = {}
    client.get("/leave/balances/")  # lazily posted grants and the session out of the count
    with CaptureQueriesContext(connection) as q:
        client.get("/leave/balances/")
    counts["open the balance page"] = len(q.captured_queries)
    client.force_login(person.user)
    form = {"leave_code": "personal", "start_date": day.isoformat(), "start_time": "08:00", "end_date": day.isoformat(),
            "end_time": "17:00", "agent": agent.pk, "reason": "計數", "submit": "1"}
    try:
        with transaction.atomic():
            with CaptureQueriesContext(connection) as q:
                response = client.post("/leave/new/", form)
            assert response.status_code == 302, response.content[:500]
            counts["submit a leave request"] = len(q.captured_queries)
            with CaptureQueriesContext(connection) as q:
                client.get(response["Location"])
            counts["  (the redirected request page)"] = len(q.captured_queries)
            raise RuntimeError("rollback")
    except RuntimeError:
        pass
    return counts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=600, help="requests per scenario (half for latency, half for throughput)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=0, help="client threads of the latency run (default: = workers)")
    parser.add_argument("--throughput-threads", type=int, default=8, help="client threads of the throughput run")
    parser.add_argument("--seconds", type=int, default=120, help="time bound of the whole load")
    parser.add_argument("--load", help=argparse.SUPPRESS)  # internal: run the load from this plan file
    args = parser.parse_args()
    if args.load:
        run_load(args.load)
        return

    args.threads = args.threads or args.workers
    rng = random.Random(4)
    t_all = time.perf_counter()
    prepare_database()
    import django

    django.setup()
    from django.core.management import call_command

    print(f"database {DB_NAME}: migrate, load_demo, scale to {args.people} people …", flush=True)
    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
    print(f"  demo loaded in {time.perf_counter() - t0:.1f} s", flush=True)
    people, by_month = scale(args.people, rng)

    from django.contrib.auth.models import User

    from chaiqin.dates import format_roc

    # submitters and their agents: pairs of colleagues (same unit), each submitter once, on days
    # the history left free (workdays 12+ of November and December)
    free_days = by_month[11][12:] + by_month[12][12:]
    pairs = []
    by_unit: dict[int, list] = {}
    for p in people:
        by_unit.setdefault(p.unit_id, []).append(p)
    for members in by_unit.values():
        for a, b in zip(members[0::2], members[1::2]):
            pairs.append((a, b))
    rng.shuffle(pairs)
    pairs = pairs[:args.requests]
    readers = rng.sample(people, min(args.requests, len(people)))
    users = {u.pk: u for u in User.objects.filter(pk__in=[p.user_id for p, _ in pairs] + [p.user_id for p in readers])}
    sessions = sessions_for(users.values())
    csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))  # CSRF's alphabet

    counts = query_counts(readers[0], pairs[-1][0], pairs[-1][1], free_days[0])
    plan = {
        "submit": [{"session": sessions[a.user_id], "csrf": csrf,
                    "form": {"leave_code": "personal", "start_date": format_roc(day), "start_time": "08:00",
                             "end_date": format_roc(day), "end_time": "17:00", "agent": str(b.pk), "reason": "效能測試"}}
                   for n, (a, b) in enumerate(pairs) for day in [free_days[n % len(free_days)]]],
        "balance": [{"session": sessions[p.user_id], "csrf": csrf} for p in readers],
        "warmup": [{"session": sessions[p.user_id], "csrf": csrf} for p in readers[:4 * args.threads]],
        "threads": args.threads, "throughput_threads": args.throughput_threads, "seconds": args.seconds,
    }
    from django.db import connections

    connections.close_all()

    env = server_env()
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v", "0"], env=env,
                   cwd=ROOT, check=True)
    port = free_port()
    plan["port"] = port
    plan_path = Path(f"/tmp/chaiqin_leave_bench_{os.getpid()}.json")
    plan_path.write_text(json.dumps(plan))
    server = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "chaiqin.wsgi", "-w", str(args.workers), "-b", f"127.0.0.1:{port}",
                               "--log-level", "warning"], env=env, cwd=ROOT, start_new_session=True)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        load = subprocess.run([sys.executable, __file__, "--load", str(plan_path)], capture_output=True, text=True,
                              timeout=args.seconds + 120)
        if load.returncode:
            print(load.stderr[-3000:])
            raise SystemExit("the load process failed")
        results = json.loads(load.stdout.strip().splitlines()[-1])
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        plan_path.unlink(missing_ok=True)

    print(f"\ngunicorn -w {args.workers} on 127.0.0.1:{port} (DEBUG=false, conn_max_age=600), PostgreSQL {DB_NAME}, "
          f"{len(people)} scaled people + demo, load from a second process (http.client, keep-alive): latency with "
          f"{args.threads} client threads (= workers), throughput with {args.throughput_threads}")
    print(f"{'scenario':<40}{'threads':>8}{'requests':>9}{'failed':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>8}  queries/page")
    for name, r in results.items():
        ms = r["ms"]
        rate = len(ms) / r["wall"] if r["wall"] else 0
        print(f"{name:<40}{r['threads']:>8}{len(ms) + len(r['failures']):>9}{len(r['failures']):>8}{percentile(ms, 50):>9.1f}"
              f"{percentile(ms, 95):>9.1f}{percentile(ms, 99):>9.1f}{rate:>8.1f}  {counts.get(name.split(' [')[0], '?')}")
        for f in r["failures"][:3]:
            print("   failure:", f[:300])
    for name, n in counts.items():
        if name.startswith("  "):
            print(f"{name}: {n} queries (included in the submit timing)")
    print(f"target (issue 4): p95 < 150 ms for both in the latency rows. Total bench time {time.perf_counter() - t_all:.0f} s.")


if __name__ == "__main__":
    main()
