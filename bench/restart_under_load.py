"""Reliability check (issue 9): no request loses data when PostgreSQL restarts in the middle of a load.

Run:  .venv/bin/python bench/restart_under_load.py   (or `make reliability`; needs root for pg_ctlcluster)
      [--database-url postgres://chaiqin:chaiqin@127.0.0.1:5432/chaiqin_reliability]
      [--seconds 12] [--restart-after 4] [--punch-threads 4] [--leave-threads 2] [--keep]

1. Makes the database named in --database-url afresh (drop, create, migrate) and loads the demo
   (manage.py load_demo, clock frozen at CHAIQIN_NOW), then in-process: one card reader of
   花蓮縣政府 and its token, and logged-in sessions (session rows) for a dozen civil servants.
2. Starts gunicorn (-w 2, DEBUG=false) on 127.0.0.1 against that database with persistent
   connections (conn_max_age=600) and CONN_HEALTH_CHECKS, as a deployment runs.
3. From a second process, sends a bounded stream of writes for --seconds: card-reader punches
   (POST /api/attendance/device/punches with the device's Bearer token, each a new moment) and
   leave submissions (POST /api/leave/requests, one hour of 事假 in a slot no one else uses, with
   an agent). Every request is sent once, never retried; its answer is recorded.
4. --restart-after seconds into the load, restarts the PostgreSQL cluster serving that port
   (`pg_ctlcluster <version> <cluster> restart -m fast`: in-flight sessions are terminated).
5. Then checks, straight in the database:
   - every request answered 200 is stored (the punch at its moment; the leave request by its id,
     with its case, the case's 送出申請 event and its one-hour hold in the ledger);
   - every failure got a clear answer: 503 「資料庫暫時無法連線，請稍後再試」 (or another 5xx),
     not a dropped connection without an answer;
   - nothing is half-written anywhere: no leave request without a case, no leave case without
     its audit event, no request of this run without its ledger hold;
   - the workers recovered: requests succeeded after the restart.
   Prints a summary; exits 1 when a success is missing, something is half-written, a request got
   no answer, nothing succeeded after the restart, or no request met the restart.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://chaiqin:chaiqin@127.0.0.1:5432/chaiqin_reliability"
NOW = "2026-03-09T09:00"  # a Monday; leave is asked for June onwards, punches land on 2026-03-09
SECRET_KEY = "reliability-" + "k" * 50
MARK = "重啟測試"
UNAVAILABLE = "資料庫暫時無法連線，請稍後再試"


def _url_with_db(url: str, dbname: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + dbname, "", ""))


def _env(url: str, **extra) -> dict[str, str]:
    env = dict(os.environ)
    env.update(DATABASE_URL=url, DEBUG="false", SECRET_KEY=SECRET_KEY, ALLOWED_HOSTS="127.0.0.1",
               CHAIQIN_NOW=NOW, DJANGO_SETTINGS_MODULE="chaiqin.settings", LOG_LEVEL="CRITICAL",
               MAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    env.update(extra)
    return env


# --- the load, in its own process ------------------------------------------------------------------

def run_load(plan_path: str, out_path: str) -> None:
    """Second process: fire every job once over http.client from threads, until time is up; write JSON."""
    import http.client

    plan = json.loads(Path(plan_path).read_text())
    port, deadline = plan["port"], time.time() + plan["seconds"]
    results: list[dict] = []
    lock = threading.Lock()

    def send(kind: str, job: dict) -> None:
        if kind == "punch":
            body = json.dumps([{"employee_no": job["employee_no"], "at": job["at"]}])
            headers = {"Authorization": f"Bearer {plan['token']}", "Content-Type": "application/json"}
            path = "/api/attendance/device/punches"
        else:
            body = json.dumps({"leave_code": "personal", "start": job["start"], "end": job["end"],
                               "agent_id": job["agent_id"], "reason": MARK})
            headers = {"Cookie": f"sessionid={job['session']}; csrftoken={plan['csrf']}", "X-CSRFToken": plan["csrf"],
                       "Content-Type": "application/json"}
            path = "/api/leave/requests"
        headers["Host"] = "127.0.0.1"
        sent = time.time()
        record = {"kind": kind, "job": job, "sent": sent}
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            conn.request("POST", path, body=body.encode(), headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            record.update(status=response.status, body=text[:300])
        except (OSError, http.client.HTTPException) as exc:
            record.update(status=None, body=f"{type(exc).__name__}: {exc}")
        finally:
            conn.close()
        record["done"] = time.time()
        with lock:
            results.append(record)

    def worker(kind: str, jobs: list[dict], pause: float) -> None:
        for job in jobs:
            if time.time() >= deadline:
                return
            send(kind, job)
            time.sleep(pause)

    threads = []
    n = plan["punch_threads"]
    for i in range(n):
        threads.append(threading.Thread(target=worker, args=("punch", plan["punches"][i::n], plan["punch_pause"])))
    n = plan["leave_threads"]
    for i in range(n):
        threads.append(threading.Thread(target=worker, args=("leave", plan["leaves"][i::n], plan["leave_pause"])))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    Path(out_path).write_text(json.dumps(results, ensure_ascii=False))


# --- set-up ------------------------------------------------------------------------------------------

def cluster_of(port: int) -> tuple[str, str]:
    """(version, name) of the local cluster listening on `port` (pg_lsclusters)."""
    lines = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=True).stdout.splitlines()
    for line in lines:
        fields = line.split()
        if len(fields) >= 3 and fields[2] == str(port):
            return fields[0], fields[1]
    raise SystemExit(f"no local PostgreSQL cluster listens on port {port} (pg_lsclusters)")


def make_database(url: str) -> None:
    import psycopg

    dbname = urlsplit(url).path.lstrip("/")
    with psycopg.connect(_url_with_db(url, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{dbname}"')
    for command in (["migrate", "--noinput", "-v", "0"], ["load_demo"]):
        subprocess.run([sys.executable, str(ROOT / "manage.py"), *command], env=_env(url), cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)


def build_plan(args, port: int) -> dict:
    """The card reader, the sessions, and every request to send (each one distinct, so each can succeed)."""
    import django

    os.environ.update(_env(args.database_url))
    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    from chaiqin.attendance import services as attendance
    from chaiqin.calendar.selectors import workdays_between
    from chaiqin.org.models import Agency, Person

    county = Agency.objects.get(short_name="花蓮縣府")
    _, token = attendance.device_create(agency=county, name="重啟測試刷卡機")
    staff = list(Person.objects.filter(agency=county, status="active").exclude(employee_no="").order_by("pk")[:200])
    applicants = list(Person.objects.filter(agency=county, status="active", regime="civil", supervisor__isnull=False)
                      .select_related("user").order_by("pk")[:12])
    User = get_user_model()
    sessions = {}
    for p in applicants:
        if p.user is None:
            p.user = User.objects.create_user(username=f"reliability{p.pk}", password=None)
            p.save(update_fields=["user"])
        s = SessionStore()
        s[SESSION_KEY] = str(p.user.pk)
        s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        s[HASH_SESSION_KEY] = p.user.get_session_auth_hash()
        s.create()
        sessions[p.pk] = s.session_key

    base = datetime(2026, 3, 9, 6, 0)
    punches = [{"employee_no": staff[i % len(staff)].employee_no,
                "at": (base + timedelta(seconds=i)).isoformat() + "+08:00"} for i in range(args.max_punches)]
    days = workdays_between(county, date(2026, 6, 1), date(2026, 12, 31))
    slots = [(d, h) for d in days for h in (9, 10, 14, 15)]  # one hour each, no one else's slot, not over lunch
    leaves = []
    for i, (d, h) in enumerate(slots[:args.max_leaves]):
        p, agent = applicants[i % len(applicants)], applicants[(i + 1) % len(applicants)]
        leaves.append({"person_id": p.pk, "agent_id": agent.pk, "session": sessions[p.pk],
                       "start": f"{d.isoformat()}T{h:02d}:00", "end": f"{d.isoformat()}T{h + 1:02d}:00"})
    from django.db import connection

    connection.close()
    csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    return {"port": port, "seconds": args.seconds, "token": token, "csrf": csrf, "punches": punches, "leaves": leaves,
            "punch_threads": args.punch_threads, "leave_threads": args.leave_threads,
            "punch_pause": args.punch_pause, "leave_pause": args.leave_pause}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(args, port: int, log) -> subprocess.Popen:
    """gunicorn; its error log (Django logs each lost connection with its traceback) goes to `log`."""
    url = args.database_url + "?conn_max_age=600&conn_health_checks=true"
    server = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "chaiqin.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}",
                               "--timeout", "30", "--log-level", "warning"],
                              env=_env(url), cwd=ROOT, start_new_session=True, stdout=log, stderr=log)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit("gunicorn did not start")
            time.sleep(0.1)
    raise SystemExit("gunicorn did not listen in 30 s")


def warm_up(port: int) -> None:
    """A few requests first, so both workers have loaded Django before the clock starts."""
    import http.client
    from concurrent.futures import ThreadPoolExecutor

    def get(_):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.request("GET", "/api/rules/leave-types?regime=civil", headers={"Host": "127.0.0.1"})
            conn.getresponse().read()
        finally:
            conn.close()

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(get, range(8)))


def wait_for_database(url: str, seconds: float = 30) -> None:
    import psycopg

    end = time.time() + seconds
    while True:
        try:
            psycopg.connect(url, connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            if time.time() > end:
                raise
            time.sleep(0.2)


# --- the check ---------------------------------------------------------------------------------------

def verify(results: list[dict]) -> dict:
    """What the database holds for each answer; what is half-written anywhere."""
    from django.db import connection

    from chaiqin.attendance.models import Punch
    from chaiqin.leave.models import BalanceEntry, LeaveRequest
    from chaiqin.workflow.models import AuditEvent, Case

    connection.close()  # the old session died with the restart
    stored_punches = {(p.person.employee_no, p.at) for p in Punch.objects.filter(source="api").select_related("person")}
    by_slot = {(r.person_id, r.start): r for r in LeaveRequest.objects.filter(reason=MARK)}
    holds = Counter(BalanceEntry.objects.filter(kind="hold", case__isnull=False, account="personal",
                                                minutes=-60).values_list("case_id", flat=True))
    submitted = set(AuditEvent.objects.filter(action="submit").values_list("case_id", flat=True))
    out = {"missing": [], "stored_after_error": 0}
    for r in results:
        ok = r["status"] == 200
        if r["kind"] == "punch":
            at = datetime.fromisoformat(r["job"]["at"])
            present = (r["job"]["employee_no"], at) in stored_punches
        else:
            start = datetime.fromisoformat(r["job"]["start"] + "+08:00")
            req = by_slot.get((r["job"]["person_id"], start))
            present = req is not None
            if ok:
                rid = json.loads(r["body"])["id"] if r["body"].startswith("{") else None
                present = req is not None and req.pk == rid and req.case_id is not None
        if ok and not present:
            out["missing"].append(r)
        if not ok and present:
            out["stored_after_error"] += 1  # committed, then the answer was lost: the client may ask again
    half = []
    no_case = LeaveRequest.objects.filter(case__isnull=True).count()
    if no_case:
        half.append(f"{no_case} leave requests without a case")
    silent = Case.objects.filter(kind="leave").exclude(pk__in=submitted).count()
    if silent:
        half.append(f"{silent} leave cases without their 送出申請 event")
    unheld = [r.pk for r in by_slot.values() if holds.get(r.case_id) != 1]
    if unheld:
        half.append(f"{len(unheld)} leave requests of this run without exactly one ledger hold: {unheld[:10]}")
    out["half_written"] = half
    out["half_written_count"] = no_case + silent + len(unheld)
    out["punches_stored"] = len(stored_punches)
    out["leaves_stored"] = len(by_slot)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("RELIABILITY_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--seconds", type=float, default=12, help="how long the load runs")
    parser.add_argument("--restart-after", type=float, default=4, help="seconds into the load when PostgreSQL restarts")
    parser.add_argument("--punch-threads", type=int, default=4)
    parser.add_argument("--leave-threads", type=int, default=2)
    parser.add_argument("--punch-pause", type=float, default=0.005)
    parser.add_argument("--leave-pause", type=float, default=0.02)
    parser.add_argument("--max-punches", type=int, default=6000)
    parser.add_argument("--max-leaves", type=int, default=400)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards (check-restore uses it)")
    parser.add_argument("--load", nargs=2, help=argparse.SUPPRESS)  # internal: plan file, results file
    args = parser.parse_args()
    if args.load:
        run_load(*args.load)
        return

    version, cluster = cluster_of(urlsplit(args.database_url).port or 5432)
    t0 = time.time()
    print(f"== restart under load: PostgreSQL {version}/{cluster}, database {urlsplit(args.database_url).path[1:]}",
          flush=True)
    make_database(args.database_url)
    port = free_port()
    plan = build_plan(args, port)
    print(f"  set-up (migrate, load_demo, device, {len(set(j['session'] for j in plan['leaves']))} sessions) "
          f"in {time.time() - t0:.1f} s", flush=True)
    tmp_dir = tempfile.TemporaryDirectory()
    tmp = tmp_dir.name
    server_log = open(Path(tmp, "gunicorn.log"), "w+")
    server = start_server(args, port, server_log)
    try:
        warm_up(port)
        plan_path, out_path = Path(tmp, "plan.json"), Path(tmp, "results.json")
        plan_path.write_text(json.dumps(plan))
        load = subprocess.Popen([sys.executable, __file__, "--load", str(plan_path), str(out_path)], cwd=ROOT)
        load_start = time.time()
        time.sleep(args.restart_after)
        restart_start = time.time()
        subprocess.run(["pg_ctlcluster", version, cluster, "restart", "-m", "fast"], check=True)
        restart_end = time.time()
        if load.wait(timeout=args.seconds + 120) != 0:
            raise SystemExit("the load process failed")
        results = json.loads(out_path.read_text())
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    server_log.seek(0)
    logged = sum(1 for l in server_log if l.startswith("Service Unavailable:"))
    server_log.close()
    tmp_dir.cleanup()
    wait_for_database(_url_with_db(args.database_url, urlsplit(args.database_url).path[1:]))
    check = verify(results)

    def line(kind: str) -> None:
        rs = [r for r in results if r["kind"] == kind]
        statuses = Counter("no answer" if r["status"] is None else str(r["status"]) for r in rs)
        print(f"  {kind:6} sent {len(rs):5}  " + "  ".join(f"{k}: {v}" for k, v in sorted(statuses.items())))

    print(f"  load {time.time() - load_start:.1f} s from a second process; PostgreSQL restarted at "
          f"+{restart_start - load_start:.1f} s, took {restart_end - restart_start:.1f} s (pg_ctlcluster -m fast)")
    print(f"  server log: {logged} requests logged as 「Service Unavailable」 with their traceback (for the operator)")
    line("punch")
    line("leave")
    failures = [r for r in results if r["status"] != 200]
    clear_503 = sum(1 for r in failures if r["status"] == 503 and UNAVAILABLE in r["body"])
    other_5xx = sum(1 for r in failures if r["status"] and r["status"] >= 500 and UNAVAILABLE not in r["body"])
    client_4xx = [r for r in failures if r["status"] and 400 <= r["status"] < 500]
    no_answer = sum(1 for r in failures if r["status"] is None)
    after = [r for r in results if r["status"] == 200 and r["sent"] > restart_end]
    first_after = min((r["done"] for r in after), default=None)
    print(f"  failures: {len(failures)} — 503 「{UNAVAILABLE}」: {clear_503}, other 5xx: {other_5xx}, "
          f"4xx: {len(client_4xx)}, no answer: {no_answer}")
    for r in client_4xx[:3]:
        print(f"    4xx example: {r['status']} {r['body'][:160]}")
    print(f"  successes: {sum(1 for r in results if r['status'] == 200)}; after the restart: {len(after)}"
          + (f" (first {first_after - restart_end:.2f} s after PostgreSQL was back)" if first_after else ""))
    print(f"  stored: {check['punches_stored']} device punches, {check['leaves_stored']} leave requests of this run; "
          f"answered with an error but stored anyway (commit done, answer lost): {check['stored_after_error']}")
    print(f"  successes missing from the database: {len(check['missing'])}")
    for r in check["missing"][:5]:
        print(f"    MISSING {r['kind']} {r['job']}")
    print(f"  half-written records: {len(check['half_written'])}")
    for h in check["half_written"]:
        print(f"    HALF-WRITTEN {h}")
    problems = []
    if check["missing"]:
        problems.append("a success is missing")
    if check["half_written"]:
        problems.append("half-written records")
    if no_answer:
        problems.append(f"{no_answer} requests got no answer at all (not a clear error)")
    if not after:
        problems.append("nothing succeeded after the restart (workers did not recover)")
    if not failures and not any(r["sent"] <= restart_end <= r["done"] or restart_start <= r["sent"] <= restart_end
                                for r in results):
        problems.append("no request overlapped the restart (the check proved nothing)")
    if not args.keep:
        import psycopg

        from django.db import connection

        connection.close()
        with psycopg.connect(_url_with_db(args.database_url, "postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{urlsplit(args.database_url).path[1:]}" WITH (FORCE)')
    print(f"  {'FAIL: ' + '; '.join(problems) if problems else 'OK: every success is stored, nothing half-written'}"
          f" ({time.time() - t0:.1f} s in all)", flush=True)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
