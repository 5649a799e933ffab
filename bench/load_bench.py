"""Load benchmark (issue 9): requests per second and p50/p95/p99 of the busiest pages and API calls of a
generated county, on PostgreSQL behind granian, under load from a second process (wrk) on loopback.
Prints figures and compares them with the targets; never asserts.

Run:  .venv/bin/python bench/load_bench.py [--people 100000] [--reuse] [--seconds 15] [--workers 2]
      (or `make bench-load`, PEOPLE=… to change the size)

1. PostgreSQL database chaiqin_load_<people> (created and filled by chaiqin.datagen.generate_county,
   seed 1, history up to NOW; kept afterwards: --reuse skips the generation when it is there).
2. granian (or --server gunicorn|gthread) with WORKERS workers on 127.0.0.1 (DEBUG=false, conn_max_age=600,
   clock frozen at NOW).
3. For each scenario, `wrk -t1 -cC -dSECONDS` from its own process with a Lua script that cycles
   through prepared requests (logged-in sessions made beforehand, a card reader's token) and stops
   after the list when a request must not repeat (leave submit). Only 127.0.0.1 is targeted.
   - punch (card reader API): POST /api/attendance/device/punches, Bearer token, one new punch each;
   - punch (web clock-in): POST /attendance/punch/ (the office network allows 127.0.0.0/8);
   - leave submit: POST /leave/new/ (one day of leave, a colleague as agent, each person once);
   - inbox (supervisors), balance page, unit calendar (unit heads), personnel dashboard
     (/compliance/, personnel officers), personnel balance table (/leave/balances/all/).
4. The RSS of each server worker after the load.

Targets (issue 9, this 2-core machine, 100,000 people): punch ≥ 1,000 req/s with p95 < 50 ms (the card
readers' API; a web clock-in is a logged-in page and is held to the page target); every page p95 < 200 ms;
< 300 MB per worker. Also printed: tables read by sequential scans of more than 5,000 rows a request, and
the machine's speed before and after (it drifts on a shared machine).
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
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PG_ADMIN = "postgresql://chaiqin:chaiqin@127.0.0.1:5432/postgres"
NOW = "2026-11-02T09:00"  # a Monday
SECRET_KEY = "bench-" + "k" * 50

# The prepared requests are read from a file at start (a Lua table literal is capped at 65,536 constants):
# one request a record (\x1e), its fields method, path, headers, body separated by \x1f, the headers
# as name\x1dvalue pairs separated by \x1c; a body of "\x00" is none.
LUA = r"""
local reqs = {}
local n, i, failed, stop_after = 0, 0, 0, %(stop_after)d
local expect = %(expect)d
init = function(args)
  local f = assert(io.open(%(path)s, "rb"))
  local data = f:read("*a")
  f:close()
  for record in string.gmatch(data, "([^\30]+)\30") do
    local fields = {}
    for field in string.gmatch(record, "([^\31]*)\31") do fields[#fields + 1] = field end
    local headers = {}
    for name, value in string.gmatch(fields[3], "([^\29]*)\29([^\28]*)\28") do headers[name] = value end
    local body = fields[4]
    if body == "\0" then body = nil end
    reqs[#reqs + 1] = wrk.format(fields[1], fields[2], headers, body)
  end
end
request = function()
  i = i + 1
  return reqs[((i - 1) %% #reqs) + 1]
end
response = function(status, headers, body)
  n = n + 1
  if status ~= expect then failed = failed + 1 end
  if stop_after > 0 and n >= stop_after then wrk.thread:stop() end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %%d, "duration_us": %%d, "p50": %%.3f, "p95": %%.3f, "p99": %%.3f, "socket_errors": %%d, "status_errors": %%d}\n',
    summary.requests, summary.duration, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def request_file(requests: list[tuple[str, str, dict, str | None]]) -> bytes:
    out = []
    for method, path, headers, body in requests:
        hs = "".join(f"{k}\x1d{v}\x1c" for k, v in headers.items())
        out.append(f"{method}\x1f{path}\x1f{hs}\x1f{body if body is not None else chr(0)}\x1f\x1e")
    return "".join(out).encode()


def server_env(db: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(DATABASE_URL=f"postgres://chaiqin:chaiqin@127.0.0.1:5432/{db}?conn_max_age=600&conn_health_checks=true",
               DEBUG="false", SECRET_KEY=SECRET_KEY, ALLOWED_HOSTS="127.0.0.1", CHAIQIN_NOW=NOW,
               DJANGO_SETTINGS_MODULE="chaiqin.settings", MAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    return env


def prepare(db: str, people: int, reuse: bool) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db]).fetchone()
        if exists and reuse:
            print(f"database {db}: reused", flush=True)
            os.environ.update(server_env(db))
            os.environ["DATABASE_URL"] = f"postgres://chaiqin:chaiqin@127.0.0.1:5432/{db}"
            return
        if exists:
            conn.execute(f"DROP DATABASE {db} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {db}")
    os.environ.update(server_env(db))
    os.environ["DATABASE_URL"] = f"postgres://chaiqin:chaiqin@127.0.0.1:5432/{db}"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from chaiqin.datagen import generate_county

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    print(f"database {db}: generate_county --people {people} --seed 1 …", flush=True)
    report = generate_county(people=people, seed=1, log=lambda line: print(line, flush=True))
    connection.close()
    with psycopg.connect(PG_ADMIN.rsplit("/", 1)[0] + f"/{db}", autocommit=True) as conn:
        # what autovacuum would do in the first minutes anyway, done before the load rather than during it
        conn.execute("VACUUM (ANALYZE)")
        size = conn.execute("SELECT pg_size_pretty(pg_database_size(current_database()))").fetchone()[0]
    print(f"  generated in {time.perf_counter() - t0:.0f} s, database {size}", flush=True)
    print("  " + report.line(), flush=True)


def sessions_for(users) -> dict[int, str]:
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


def scenarios(count: int, punches: int) -> dict[str, dict]:
    """The prepared requests of each scenario (made in this process, against the database)."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from chaiqin.attendance import services as attendance
    from chaiqin.attendance.models import AllowedNetwork
    from chaiqin.calendar.selectors import workdays_between
    from chaiqin.dates import format_roc
    from chaiqin.org.models import Agency, Person, RoleAssignment, Unit

    rng = random.Random(9)
    root = Agency.objects.filter(parent__isnull=True, code__startswith="c1-").order_by("pk").first()
    agencies = list(Agency.objects.filter(parent=root).order_by("pk")) + [root]
    for agency in agencies:
        if not AllowedNetwork.objects.filter(agency=agency, cidr="127.0.0.0/8").exists():
            attendance.network_allow(agency=agency, cidr="127.0.0.0/8", label="效能測試")
    device, token = attendance.device_create(agency=root, name="效能測試刷卡機")
    staff = list(Person.objects.filter(agency=root).exclude(regime="teacher").order_by("pk").values_list("employee_no", flat=True))
    csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    base = {"Host": "127.0.0.1"}

    def cookie(session):
        return {**base, "Cookie": f"sessionid={session}; csrftoken={csrf}"}

    # who: employees (not teachers: they do not punch), supervisors, unit heads, personnel officers
    employees = list(Person.objects.filter(agency__in=agencies).exclude(regime="teacher").order_by("?")[:count])
    heads = list(Person.objects.filter(pk__in=Unit.objects.filter(agency__in=agencies).values("head")).order_by("pk")[:count])
    personnel = list(Person.objects.filter(roles__role=RoleAssignment.Role.PERSONNEL).distinct().order_by("pk")[:count])
    # leave submitters: pairs of colleagues in one unit, each once, on free days ahead (after the waiting leave)
    days = workdays_between(root, date.fromisoformat(NOW[:10]) + timedelta(days=22), date.fromisoformat(NOW[:10]) + timedelta(days=59))
    by_unit: dict[int, list] = {}
    for p in Person.objects.filter(agency__in=agencies).exclude(regime="teacher").order_by("pk").only("pk", "unit_id", "user_id"):
        by_unit.setdefault(p.unit_id, []).append(p)
    pairs = [pair for members in by_unit.values() for pair in zip(members[0::2], members[1::2])]
    rng.shuffle(pairs)
    pairs = pairs[:count]
    User = get_user_model()
    wanted = {p.user_id for p in employees + heads + personnel} | {a.user_id for a, _ in pairs}
    sessions = sessions_for(User.objects.filter(pk__in=wanted))
    # new punches, as a morning's readers send them: distinct moments between 06:00 and 10:00 of the day
    # (each run draws its own, so a --reuse run inserts rather than finds the punches of the last run)
    morning = datetime.fromisoformat(NOW[:10] + "T06:00:00+08:00")
    draw = random.Random(time.time_ns())
    punch_moments = [morning + timedelta(seconds=draw.randrange(4 * 3600), microseconds=0) for _ in range(punches)]
    out = {
        "punch (card reader API)": {
            "expect": 200, "stop_after": 0,
            "requests": [("POST", "/api/attendance/device/punches",
                          {**base, "Authorization": f"Bearer {token}", "Content-Type": "application/json"},
                          json.dumps([{"employee_no": staff[n % len(staff)], "at": at.isoformat()}]))
                         for n, at in enumerate(punch_moments)]},
        "punch (web clock-in)": {
            "expect": 302, "stop_after": 0,
            "requests": [("POST", "/attendance/punch/", {**cookie(sessions[p.user_id]), "Content-Type": "application/x-www-form-urlencoded",
                                                         "X-CSRFToken": csrf}, f"csrfmiddlewaretoken={csrf}")
                         for p in employees]},
        "leave submit": {
            "expect": 302, "stop_after": len(pairs),
            "requests": [("POST", "/leave/new/", {**cookie(sessions[a.user_id]), "Content-Type": "application/x-www-form-urlencoded"},
                          "&".join(f"{k}={v}" for k, v in {
                              "leave_code": "sick", "start_date": format_roc(day), "start_time": "08:00",
                              "end_date": format_roc(day), "end_time": "17:00", "agent": b.pk, "reason": "x",
                              "csrfmiddlewaretoken": csrf, "submit": "1"}.items()))
                         for n, (a, b) in enumerate(pairs) for day in [days[n % len(days)]]]},
        "inbox": {"expect": 200, "stop_after": 0,
                  "requests": [("GET", "/workflow/inbox/", cookie(sessions[p.user_id]), None) for p in heads]},
        "balance page": {"expect": 200, "stop_after": 0,
                         "requests": [("GET", "/leave/balances/", cookie(sessions[p.user_id]), None) for p in employees]},
        "unit calendar": {"expect": 200, "stop_after": 0,
                          "requests": [("GET", "/leave/team/", cookie(sessions[p.user_id]), None) for p in heads]},
        "personnel dashboard": {"expect": 200, "stop_after": 0,
                                "requests": [("GET", "/compliance/", cookie(sessions[p.user_id]), None) for p in personnel]},
        "personnel balance table": {"expect": 200, "stop_after": 0,
                                    "requests": [("GET", "/leave/balances/all/", cookie(sessions[p.user_id]), None) for p in personnel]},
    }
    from django.db import connections

    connections.close_all()
    return out


def pg_settings(db: str) -> str:
    import psycopg

    with psycopg.connect(PG_ADMIN.rsplit("/", 1)[0] + f"/{db}", autocommit=True) as conn:
        rows = conn.execute("SELECT name, setting, unit FROM pg_settings WHERE name IN "
                            "('shared_buffers', 'max_wal_size', 'checkpoint_timeout', 'wal_compression', "
                            "'synchronous_commit', 'server_version') ORDER BY name").fetchall()
    shown = []
    for name, setting, unit in rows:
        if unit == "8kB":
            setting = f"{int(setting) * 8 // 1024}MB"
        elif unit in ("MB", "s"):
            setting = f"{setting}{unit}"
        shown.append(f"{name}={setting}")
    return ", ".join(shown)


def seq_reads(db: str) -> dict[str, int]:
    """Rows read by sequential scans so far, per table (pg_stat_user_tables)."""
    import psycopg

    with psycopg.connect(PG_ADMIN.rsplit("/", 1)[0] + f"/{db}", autocommit=True) as conn:
        conn.execute("SELECT pg_stat_clear_snapshot()")
        return dict(conn.execute("SELECT relname, coalesce(seq_tup_read, 0) FROM pg_stat_user_tables").fetchall())


def full_scans(before: dict[str, int], after: dict[str, int], requests: int, floor: int = 5000) -> str:
    """Tables read in full by the scenario: more than `floor` rows a request by sequential scans
    (a page's query that reads a county-sized table whole instead of by index)."""
    per = {t: (after.get(t, 0) - before.get(t, 0)) / max(requests, 1) for t in after}
    worst = sorted(((n, t) for t, n in per.items() if n > floor), reverse=True)[:2]
    return ", ".join(f"{t} {n:,.0f} rows/req" for n, t in worst) or "none"


def rss_mb(master_pid: int) -> list[float]:
    out = []
    for child in Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split():
        for line in Path(f"/proc/{child}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                out.append(int(line.split()[1]) / 1024)
    return out


SERVERS = {
    "gunicorn": lambda workers, threads, port: [str(ROOT / ".venv/bin/gunicorn"), "chaiqin.wsgi", "-w", str(workers), "-b",
                                                f"127.0.0.1:{port}", "--log-level", "warning"],
    "gthread": lambda workers, threads, port: [str(ROOT / ".venv/bin/gunicorn"), "chaiqin.wsgi", "-w", str(workers), "-k", "gthread",
                                               "--threads", str(threads), "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
    "granian": lambda workers, threads, port: [str(ROOT / ".venv/bin/granian"), "--interface", "wsgi", "chaiqin.wsgi:application",
                                               "--workers", str(workers), "--blocking-threads", str(threads), "--host", "127.0.0.1",
                                               "--port", str(port), "--log-level", "warning", "--no-ws"],
}


def machine_speed() -> float:
    """Milliseconds for a fixed piece of pure Python (best of 5): this shared machine's speed drifts by a
    third within an hour, so the figures are printed beside the speed they were measured at."""
    table = {i: i for i in range(1000)}
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(2000):
            sum(table.values())
        best = min(best, time.perf_counter() - t)
    return best * 1000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100000)
    parser.add_argument("--reuse", action="store_true", help="reuse chaiqin_load_<people> when it exists")
    parser.add_argument("--seconds", type=int, default=15, help="length of each scenario (bounded)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--server", choices=sorted(SERVERS), default="granian")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (gthread, granian)")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections for the pages")
    parser.add_argument("--punch-connections", type=int, default=8)
    parser.add_argument("--count", type=int, default=400, help="prepared requests per scenario")
    parser.add_argument("--punches", type=int, default=40000, help="prepared card-reader punches (each new)")
    parser.add_argument("--only", default="", help="comma-separated scenario names (substring match)")
    args = parser.parse_args()
    db = f"chaiqin_load_{args.people}"
    t_all = time.perf_counter()
    prepare(db, args.people, args.reuse)
    plan = scenarios(args.count, punches=args.punches)
    env = server_env(db)
    if not (ROOT / "var/static/staticfiles.json").exists():
        subprocess.run([sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v", "0"], env=env, cwd=ROOT,
                       check=True)
    speed_before = machine_speed()
    port = free_port()
    server = subprocess.Popen(SERVERS[args.server](args.workers, args.threads, port), env=env, cwd=ROOT, start_new_session=True)
    results = {}
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        with tempfile.TemporaryDirectory() as tmp:
            for name, sc in plan.items():
                if args.only and not any(part in name for part in args.only.split(",")):
                    continue
                before = seq_reads(db)
                script, data = Path(tmp) / "s.lua", Path(tmp) / "requests.dat"
                data.write_bytes(request_file(sc["requests"]))
                script.write_text(LUA % {"path": json.dumps(str(data)), "stop_after": sc["stop_after"], "expect": sc["expect"]})
                conns = args.punch_connections if name.startswith("punch") else args.connections
                # warm the workers on this page (imports, caches), not counted
                subprocess.run(["wrk", "-t1", f"-c{args.workers}", "-d2s", "-s", str(script), f"http://127.0.0.1:{port}/"],
                               capture_output=True, text=True, timeout=60) if sc["stop_after"] == 0 else None
                run = subprocess.run(["wrk", "-t1", f"-c{conns}", f"-d{args.seconds}s", "--timeout", "10s", "-s", str(script),
                                      f"http://127.0.0.1:{port}/"], capture_output=True, text=True, timeout=args.seconds + 60)
                line = [l for l in run.stdout.splitlines() if l.startswith("{")]
                if not line:
                    print(f"{name}: wrk failed\n{run.stdout[-1500:]}\n{run.stderr[-1500:]}")
                    continue
                r = json.loads(line[-1])
                r["connections"] = conns
                time.sleep(1.1)  # backends report their statistics at most once a second
                r["full_scans"] = full_scans(before, seq_reads(db), r["requests"])
                results[name] = r
                print(f"  {name}: done", flush=True)
        rss = rss_mb(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    print(f"\n{args.people:,} generated people, PostgreSQL {db}, {args.server} {args.workers} workers × {args.threads} threads (DEBUG=false, conn_max_age=600) "
          f"on 127.0.0.1; load: wrk -t1 from a second process, {args.seconds} s per scenario")
    print(f"PostgreSQL: {pg_settings(db)} (scripts/tune-postgres applies docs/OPERATIONS.md §1)")
    print(f"{'scenario':<28}{'conns':>6}{'requests':>9}{'errors':>7}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}  target")
    for name, r in results.items():
        rate = r["requests"] / (r["duration_us"] / 1e6) if r["duration_us"] else 0
        if name == "punch (card reader API)":  # a web clock-in is a logged-in page: the page target
            target = "≥1000 req/s, p95<50" + ("  MET" if rate >= 1000 and r["p95"] < 50 else "  missed")
        else:
            target = "p95<200" + ("  MET" if r["p95"] < 200 else "  missed")
        print(f"{name:<28}{r['connections']:>6}{r['requests']:>9}{r['socket_errors'] + r['status_errors']:>7}{rate:>9.1f}"
              f"{r['p50']:>9.1f}{r['p95']:>9.1f}{r['p99']:>9.1f}  {target}")
    print("worker RSS after the load: " + ", ".join(f"{m:.0f} MB" for m in rss) + "  (target < 300 MB"
          + ("  MET)" if rss and max(rss) < 300 else "  missed)"))
    print("(errors: socket errors and HTTP responses >= 400)")
    print("tables read in full (sequential scans over 5,000 rows a request, warm-up included):")
    for name, r in results.items():
        print(f"  {name:<28}{r['full_scans']}")
    print(f"machine speed (fixed pure-Python work, lower is faster): {speed_before:.1f} ms before the load, "
          f"{machine_speed():.1f} ms after")
    print(f"total {time.perf_counter() - t_all:.0f} s")


if __name__ == "__main__":
    main()
