"""Failover drill: the primary PostgreSQL dies under load; no acknowledged write may be lost.

Run:  make cluster-drill     (root: PostgreSQL runs as the postgres user; installs etcd, Patroni, HAProxy)
      .venv/bin/python bench/cluster_drill.py [--seconds 24] [--kill-after 8] [--keep-cluster]

1. scripts/cluster.py starts on loopback: etcd, two Patroni nodes (a primary and a synchronous
   standby: a commit is acknowledged only once the standby has flushed it), HAProxy routing writes
   to whichever node Patroni calls primary and spreading people over two granian app servers.
2. The database chaiqin_drill is made afresh through HAProxy (migrate, load_demo), with the card
   reader and logged-in sessions of bench/restart_under_load.py.
3. From a second process, the load bench's write mix for --seconds: card-reader punches and leave
   submissions, each sent once and never retried, through HAProxy's app port.
4. --kill-after seconds in, the primary's postmaster is killed with SIGKILL (a crash: no
   checkpoint, no goodbye to clients). Patroni sees it, gives up the leader key at once
   (primary_start_timeout 0) and the synchronous standby is promoted; HAProxy's health checks
   move the write port to it; the app servers' next connection lands there.
5. Then, on the new primary: every request answered 200 is stored, nothing is half-written
   (a leave request without its case, its audit event or its ledger hold), no request got a 500
   or no answer (the app answers 503 「資料庫暫時無法連線」 meanwhile), and how long writes were
   refused: from the kill to the first success of a request sent after it.
The last line reads `acknowledged writes: N, lost: L, half-written: H, writes refused for S s`;
the exit status is 1 when L or H is not 0, a request got a 500 or no answer, or S ≥ 30 s.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "scripts")]

import cluster  # noqa: E402  (scripts/cluster.py: the loopback cluster)
import restart_under_load as load  # noqa: E402  (the write mix and its checks, shared with `make reliability`)

DATABASE_URL = f"postgres://chaiqin:chaiqin@127.0.0.1:{cluster.WRITE_PORT}/chaiqin_drill"
STANDBY_URL = f"postgres://chaiqin:chaiqin@127.0.0.1:{cluster.READ_PORT}/chaiqin_drill"
REFUSED_TARGET_SECONDS = 30


def session_of(username: str) -> str:
    """A logged-in session (a row in django_session) for a demo log-in, as build_plan makes them."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username=username)
    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s.create()
    return s.session_key


def standby_sessions() -> int:
    """Connections HAProxy's read listener has passed to a standby so far (its stats, `stot`)."""
    import csv
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{cluster.STATS_PORT}/;csv", timeout=5) as r:
        rows = list(csv.DictReader(line.decode().lstrip("# ") for line in r))
    return sum(int(row["stot"] or 0) for row in rows if row["pxname"] == "standbys" and row["svname"] == "BACKEND")


def report_page(session: str) -> int:
    """The personnel dashboard through the app port (a report that reads from the standby)."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", cluster.APP_PORT, timeout=60)
    try:
        conn.request("GET", "/compliance/", headers={"Host": "127.0.0.1", "Cookie": f"sessionid={session}"})
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        return response.status if "人事" in body or response.status != 200 else 0
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", default=str(ROOT / "var/cluster-drill"))
    parser.add_argument("--seconds", type=float, default=24, help="how long the load runs")
    parser.add_argument("--kill-after", type=float, default=8, help="seconds into the load when the primary dies")
    parser.add_argument("--punch-threads", type=int, default=4)
    parser.add_argument("--leave-threads", type=int, default=2)
    parser.add_argument("--punch-pause", type=float, default=0.005)
    parser.add_argument("--leave-pause", type=float, default=0.02)
    parser.add_argument("--max-punches", type=int, default=12000)
    parser.add_argument("--max-leaves", type=int, default=600)
    parser.add_argument("--keep-cluster", action="store_true", help="leave the cluster running afterwards")
    args = parser.parse_args()
    args.database_url = DATABASE_URL
    d = Path(args.dir).resolve()
    t0 = time.time()
    if (d / "etcd.pid").exists():
        cluster.stop(d)
    cluster._DIR = d
    print("== failover drill: etcd + Patroni (primary, synchronous standby) + HAProxy + 2 granian servers", flush=True)
    try:
        cluster.start(d, apps=0, migrate=False)
        load.make_database(DATABASE_URL)
        plan = load.build_plan(args, cluster.APP_PORT)
        env = load._env(DATABASE_URL + "?conn_max_age=600", STANDBY_DATABASE_URL=STANDBY_URL + "?conn_max_age=600",
                        SESSION_COOKIE_SECURE="false", CSRF_COOKIE_SECURE="false", LOG_LEVEL="ERROR")
        cluster.start_apps(d, 2, env)
        cluster.wait_port(cluster.APP_PORT, 30, "HAProxy's app port")
        time.sleep(2)  # HAProxy's first health checks mark both app servers up
        load.warm_up(cluster.APP_PORT)
        print(f"  set-up in {time.time() - t0:.1f} s; primary {cluster.primary()['name']}", flush=True)
        personnel = session_of("personnel")
        before = standby_sessions()
        report_status = [report_page(personnel), report_page(personnel)]
        standby_used = standby_sessions() - before
        print(f"  the personnel dashboard through the app: {report_status}; HAProxy passed "
              f"{standby_used} new connections from the read port to the standby", flush=True)

        tmp = tempfile.TemporaryDirectory()
        plan_path, out_path = Path(tmp.name, "plan.json"), Path(tmp.name, "results.json")
        plan_path.write_text(json.dumps(plan))
        loader = subprocess.Popen([sys.executable, str(ROOT / "bench/restart_under_load.py"), "--load",
                                   str(plan_path), str(out_path)], cwd=ROOT)
        load_start = time.time()
        time.sleep(args.kill_after)
        killed = cluster.kill_primary()
        kill_at = time.time()
        promoted = None
        while time.time() - kill_at < 60:
            p = cluster.primary()
            if p is not None and p["name"] != killed:
                promoted = (p["name"], time.time() - kill_at)
                break
            time.sleep(0.2)
        if loader.wait(timeout=args.seconds + 120) != 0:
            raise SystemExit("the load process failed")
        results = json.loads(out_path.read_text())
        tmp.cleanup()

        load.wait_for_database(DATABASE_URL.replace("postgres://", "postgresql://"), 60)
        check = load.verify(results)
    finally:
        members = cluster.members()
        if not args.keep_cluster:
            cluster.stop(d)

    print(f"  load {time.time() - load_start:.1f} s from a second process; killed the postmaster of {killed} "
          f"at +{kill_at - load_start:.1f} s")
    print("  " + (f"Patroni promoted {promoted[0]} {promoted[1]:.1f} s after the kill" if promoted
                  else "NO promotion within 60 s"))
    print("  cluster at the end: " + ", ".join(f"{m['name']} {cluster.role_of(m)} {m.get('state', '')}"
                                               for m in members))
    for kind in ("punch", "leave"):
        rs = [r for r in results if r["kind"] == kind]
        statuses = Counter("no answer" if r["status"] is None else str(r["status"]) for r in rs)
        print(f"  {kind:6} sent {len(rs):5}  " + "  ".join(f"{k}: {v}" for k, v in sorted(statuses.items())))
    acknowledged = [r for r in results if r["status"] == 200]
    failures = [r for r in results if r["status"] != 200]
    clear_503 = sum(1 for r in failures if r["status"] == 503 and load.UNAVAILABLE in r["body"])
    balancer_503 = sum(1 for r in failures if r["status"] == 503 and "系統暫時無法服務" in r["body"])
    server_errors = sum(1 for r in failures if r["status"] and r["status"] >= 500 and r["status"] != 503)
    no_answer = sum(1 for r in failures if r["status"] is None)
    client_4xx = [r for r in failures if r["status"] and 400 <= r["status"] < 500]
    after = [r for r in acknowledged if r["sent"] >= kill_at]
    refused_for = (min(r["done"] for r in after) - kill_at) if after else float("inf")
    print(f"  failures: {len(failures)} — the app's 503 「{load.UNAVAILABLE}」: {clear_503}, HAProxy's 503 "
          f"「系統暫時無法服務」: {balancer_503}, other 5xx: {server_errors}, 4xx: {len(client_4xx)}, "
          f"no answer: {no_answer}")
    for r in [r for r in failures if r["status"] == 503 and load.UNAVAILABLE not in r["body"]][:3]:
        print(f"    other 503: {r['body'][:160]}")
    for r in client_4xx[:3]:
        print(f"    4xx example: {r['status']} {r['body'][:160]}")
    print(f"  stored: {check['punches_stored']} device punches, {check['leaves_stored']} leave requests; answered "
          f"with an error but stored anyway (committed on both nodes, answer lost): {check['stored_after_error']}")
    for r in check["missing"][:5]:
        print(f"    LOST {r['kind']} {r['job']}")
    for h in check["half_written"]:
        print(f"    HALF-WRITTEN {h}")
    problems = []
    if check["missing"] or check["half_written_count"]:
        problems.append("acknowledged writes lost or half-written records")
    if server_errors or no_answer:
        problems.append(f"{server_errors} answers were a 5xx other than the 503 page, {no_answer} got no answer")
    if not promoted:
        problems.append("the standby was not promoted")
    if report_status != [200, 200] or standby_used < 1:
        problems.append("the dashboard was not served from the standby")
    if refused_for >= REFUSED_TARGET_SECONDS:
        problems.append(f"writes refused for {refused_for:.1f} s (target under {REFUSED_TARGET_SECONDS} s)")
    if not failures and not any(r["sent"] <= kill_at <= r["done"] for r in results):
        problems.append("no request met the failover (the drill proved nothing)")
    print(f"  {'FAIL: ' + '; '.join(problems) if problems else 'OK'} ({time.time() - t0:.1f} s in all)")
    print(f"acknowledged writes: {len(acknowledged)}, lost: {len(check['missing'])}, "
          f"half-written: {check['half_written_count']}, writes refused for {refused_for:.1f} s", flush=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
