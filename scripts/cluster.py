"""A replicated PostgreSQL and two app servers on this machine's loopback, from Debian's packages.

    .venv/bin/python scripts/cluster.py start   [--dir var/cluster] [--apps 2]
    .venv/bin/python scripts/cluster.py status
    .venv/bin/python scripts/cluster.py kill-primary     # SIGKILL the primary's postmaster
    .venv/bin/python scripts/cluster.py stop

What `start` runs (each a real daemon, as docs/OPERATIONS.md §9 describes for production):
- etcd, the store Patroni keeps the cluster's leader key in;
- two Patroni nodes (pg1, pg2), each managing a PostgreSQL 15 instance: one primary and one
  synchronous standby (synchronous_mode: a commit is acknowledged only once the standby has it,
  so losing the primary loses no acknowledged commit);
- HAProxy: port WRITE (5440) goes to whichever node Patroni's REST API calls primary, port READ
  (5439) to a replica (the standby reads of chaiqin.dbrouter), port APP (8400) round-robin to the
  app servers; with `--apps N` it also migrates the database and starts N granian servers.
Ports are fixed so that the drill, the docs and a person at the keyboard agree; everything
listens on 127.0.0.1 only. Root is needed (PostgreSQL runs as the postgres user).

The state (data directories, configuration, logs, pids) lives under --dir; `stop` ends every
process and removes it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ETCD_CLIENT, ETCD_PEER = 23790, 23800
NODES = {"pg1": (5441, 8441), "pg2": (5442, 8442)}  # name: (PostgreSQL port, Patroni REST port)
WRITE_PORT, READ_PORT, STATS_PORT, APP_PORT = 5440, 5439, 8440, 8400
APP_BASE_PORT = 8401
SUPERUSER_PASSWORD = "cluster-superuser"  # loopback only; production sets its own (OPERATIONS §9)
DATABASE_URL = f"postgres://chaiqin:chaiqin@127.0.0.1:{WRITE_PORT}/chaiqin"
STANDBY_URL = f"postgres://chaiqin:chaiqin@127.0.0.1:{READ_PORT}/chaiqin"


# HAProxy's own answer when no app server is up (all restarting): Chinese, like the app's 503.
_BODY = ("<!doctype html><html lang=\"zh-Hant\"><head><meta charset=\"utf-8\"><title>暫停服務 — 差勤系統</title></head>"
         "<body><main><h1>系統暫時無法服務，請稍後再試</h1><p>伺服器正在重新啟動；您剛才的操作沒有完成，"
         "請稍候幾秒後重新整理或再送出一次。</p></main></body></html>").encode()
UNAVAILABLE_PAGE = (b"HTTP/1.0 503 Service Unavailable\r\nCache-Control: no-store\r\nConnection: close\r\n"
                    b"Retry-After: 5\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + _BODY)


def pg_bin() -> Path:
    versions = sorted(Path("/usr/lib/postgresql").iterdir(), key=lambda p: int(p.name))
    return versions[-1] / "bin"


def patroni_config(d: Path, name: str) -> str:
    pg_port, rest_port = NODES[name]
    # JSON is YAML: no YAML library needed to write it.
    return json.dumps({
        "scope": "chaiqin", "name": name,
        "restapi": {"listen": f"127.0.0.1:{rest_port}", "connect_address": f"127.0.0.1:{rest_port}"},
        "etcd3": {"hosts": [f"127.0.0.1:{ETCD_CLIENT}"]},
        "bootstrap": {
            "dcs": {
                # A lost primary is replaced within seconds: ttl >= loop_wait + 2 × retry_timeout.
                "ttl": 10, "loop_wait": 1, "retry_timeout": 4,
                "maximum_lag_on_failover": 1048576,
                # A commit waits for the standby; only the synchronous standby may be promoted.
                "synchronous_mode": True,
                # A crashed primary is failed over at once instead of restarted in place.
                "primary_start_timeout": 0, "master_start_timeout": 0,
                "postgresql": {"use_pg_rewind": True, "parameters": {
                    "synchronous_commit": "on", "wal_level": "replica", "hot_standby": "on",
                    "max_wal_senders": 10, "max_replication_slots": 10, "wal_log_hints": "on",
                    "max_connections": 200, "fsync": "on", "full_page_writes": "on"}},
            },
            "initdb": [{"encoding": "UTF8"}, {"locale": "C.UTF-8"}, "data-checksums"],
            "pg_hba": ["local all all trust", "host replication replicator 127.0.0.1/32 scram-sha-256",
                       "host all all 127.0.0.1/32 scram-sha-256"],
        },
        "postgresql": {
            "listen": f"127.0.0.1:{pg_port}", "connect_address": f"127.0.0.1:{pg_port}",
            "data_dir": str(d / name), "bin_dir": str(pg_bin()), "pgpass": str(d / f"{name}.pgpass"),
            "authentication": {"replication": {"username": "replicator", "password": "cluster-replicator"},
                               "superuser": {"username": "postgres", "password": SUPERUSER_PASSWORD},
                               "rewind": {"username": "rewinder", "password": "cluster-rewinder"}},
            "parameters": {"unix_socket_directories": str(d)},
        },
        "tags": {"nofailover": False, "noloadbalance": False, "clonefrom": False, "nosync": False},
    }, indent=1)


def haproxy_config(d: Path, apps: int = 2) -> str:
    nodes_check = "\n".join(f"    server {n} 127.0.0.1:{pg} check port {rest}" for n, (pg, rest) in NODES.items())
    servers = "\n".join(f"    server app{i + 1} 127.0.0.1:{APP_BASE_PORT + i} check"
                        for i in range(apps))
    app_part = f"""
frontend app
    mode http
    bind 127.0.0.1:{APP_PORT}
    default_backend apps
backend apps
    mode http
    balance roundrobin
    # A busy server answers its health check late, not never: only five misses in a row take it out.
    timeout check 5s
    default-server inter 2s fall 5 rise 1
    option httpchk GET /healthz
    http-check send hdr Host 127.0.0.1
    errorfile 503 {d / "503.http"}
{servers}
""" if apps else ""
    # Patroni's REST API answers 200 on /primary only on the leader and on /replica only on a
    # streaming standby; a node that fails two checks in a row is dropped and its open
    # connections are cut, so clients reconnect to the new primary. Reads go to a standby while
    # one is up, to the primary otherwise: a report never fails for want of a standby.
    return f"""global
    maxconn 2000
defaults
    mode tcp
    timeout connect 2s
    timeout client 30m
    timeout server 30m
    timeout check 3s
    default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions
frontend stats
    mode http
    bind 127.0.0.1:{STATS_PORT}
    stats enable
    stats uri /
frontend write
    bind 127.0.0.1:{WRITE_PORT}
    default_backend primary
frontend read
    bind 127.0.0.1:{READ_PORT}
    use_backend standbys if {{ nbsrv(standbys) gt 0 }}
    default_backend primary
backend primary
    option httpchk OPTIONS /primary
    http-check expect status 200
{nodes_check}
backend standbys
    option httpchk OPTIONS /replica
    http-check expect status 200
{nodes_check}
{app_part}"""


def wait_port(port: int, seconds: float, what: str) -> None:
    end = time.time() + seconds
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{what} did not listen on 127.0.0.1:{port} within {seconds:.0f} s")


def members() -> list[dict]:
    """The cluster as Patroni reports it (from whichever node answers)."""
    for _, rest in NODES.values():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{rest}/cluster", timeout=2) as r:
                return json.load(r)["members"]
        except OSError:
            continue
    return []


def role_of(member: dict) -> str:
    return {"master": "leader"}.get(member.get("role", ""), member.get("role", ""))


def primary() -> dict | None:
    return next((m for m in members() if role_of(m) == "leader" and m.get("state") == "running"), None)


def wait_healthy(seconds: float) -> None:
    """Until there is a running primary and a streaming synchronous standby."""
    end = time.time() + seconds
    while time.time() < end:
        ms = members()
        if any(role_of(m) == "leader" and m.get("state") == "running" for m in ms) and \
                any(role_of(m) == "sync_standby" and m.get("state") in ("running", "streaming") for m in ms):
            return
        time.sleep(0.5)
    raise SystemExit(f"no primary with a synchronous standby within {seconds:.0f} s: {members()}")


def spawn(d: Path, name: str, argv: list[str], *, user: str | None = None, env: dict | None = None) -> int:
    log = open(d / f"{name}.log", "ab")
    if user:
        argv = ["runuser", "-u", user, "--", *argv]
    proc = subprocess.Popen(argv, stdout=log, stderr=log, stdin=subprocess.DEVNULL, cwd=d,
                            start_new_session=True, env=env)
    (d / f"{name}.pid").write_text(str(proc.pid))
    return proc.pid


def app_env(extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env.update(DATABASE_URL=DATABASE_URL + "?conn_max_age=600", STANDBY_DATABASE_URL=STANDBY_URL + "?conn_max_age=600",
               DEBUG="false", SECRET_KEY=os.environ.get("SECRET_KEY", "cluster-" + "s" * 50),
               ALLOWED_HOSTS="127.0.0.1,localhost", LOG_LEVEL=os.environ.get("LOG_LEVEL", "ERROR"),
               SESSION_COOKIE_SECURE="false", CSRF_COOKIE_SECURE="false")
    env.update(extra or {})
    return env


def start_apps(d: Path, apps: int, env: dict) -> None:
    python = ROOT / ".venv/bin/python"
    subprocess.run([str(python), "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    for i in range(apps):
        port = APP_BASE_PORT + i
        spawn(d, f"app{i + 1}", [str(ROOT / ".venv/bin/granian"), "--interface", "wsgi", "--host", "127.0.0.1",
                                 "--port", str(port), "--workers", "1", "--blocking-threads", "4",
                                 "--working-dir", str(ROOT), "chaiqin.wsgi:application"], env=env)
    for i in range(apps):
        wait_port(APP_BASE_PORT + i, 60, f"app server {i + 1}")


def ensure_database(d: Path) -> None:
    """The chaiqin role and database on the primary (through the write port, so on whichever node leads)."""
    psql = [str(pg_bin() / "psql"), "-h", "127.0.0.1", "-p", str(WRITE_PORT), "-U", "postgres", "-v", "ON_ERROR_STOP=1",
            "-qAt"]
    env = {**os.environ, "PGPASSWORD": SUPERUSER_PASSWORD}
    sql = ("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='chaiqin') THEN "
           "CREATE ROLE chaiqin LOGIN PASSWORD 'chaiqin' CREATEDB; END IF; END $$;")
    for _ in range(30):  # the first seconds after bootstrap the primary may still be read-only
        if subprocess.run(psql + ["-d", "postgres", "-c", sql], env=env, capture_output=True).returncode == 0:
            break
        time.sleep(1)
    else:
        raise SystemExit("could not create the chaiqin role on the primary")
    have = subprocess.run(psql + ["-d", "postgres", "-c", "SELECT 1 FROM pg_database WHERE datname='chaiqin'"],
                          env=env, capture_output=True, text=True).stdout.strip()
    if have != "1":
        subprocess.run(psql + ["-d", "postgres", "-c", "CREATE DATABASE chaiqin OWNER chaiqin"], env=env, check=True)


def start(d: Path, apps: int, migrate: bool) -> None:
    for tool in ("etcd", "patroni", "haproxy"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing: run scripts/ensure-cluster-tools (as root)")
    if (d / "etcd.pid").exists():
        raise SystemExit(f"a cluster already runs from {d}: `scripts/cluster.py stop` first")
    d.mkdir(parents=True, exist_ok=True)
    shutil.chown(d, "postgres", "postgres")
    os.chmod(d, 0o755)
    spawn(d, "etcd", ["etcd", "--name", "etcd1", "--data-dir", str(d / "etcd"),
                      "--listen-client-urls", f"http://127.0.0.1:{ETCD_CLIENT}",
                      "--advertise-client-urls", f"http://127.0.0.1:{ETCD_CLIENT}",
                      "--listen-peer-urls", f"http://127.0.0.1:{ETCD_PEER}",
                      "--initial-advertise-peer-urls", f"http://127.0.0.1:{ETCD_PEER}",
                      "--initial-cluster", f"etcd1=http://127.0.0.1:{ETCD_PEER}",
                      "--listen-metrics-urls", "http://127.0.0.1:23810"])
    wait_port(ETCD_CLIENT, 30, "etcd")
    for name in NODES:
        conf = d / f"{name}.yml"
        conf.write_text(patroni_config(d, name))
        shutil.chown(conf, "postgres", "postgres")
        spawn(d, name, ["patroni", str(conf)], user="postgres")
        if name == "pg1":  # let pg1 bootstrap the cluster before pg2 clones from it
            wait_port(NODES[name][0], 90, "the first PostgreSQL")
    (d / "503.http").write_bytes(UNAVAILABLE_PAGE)
    (d / "haproxy.cfg").write_text(haproxy_config(d, max(apps, 2)))
    spawn(d, "haproxy", ["haproxy", "-db", "-f", str(d / "haproxy.cfg")])
    wait_port(WRITE_PORT, 30, "HAProxy")
    wait_healthy(120)
    ensure_database(d)
    env = app_env()
    if migrate or apps:
        subprocess.run([str(ROOT / ".venv/bin/python"), "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT,
                       env=env, check=True)
    if apps:
        start_apps(d, apps, env)
    print(f"cluster up: primary {primary()['name']}, writes 127.0.0.1:{WRITE_PORT}, standby reads "
          f"127.0.0.1:{READ_PORT}" + (f", app 127.0.0.1:{APP_PORT} over {apps} servers" if apps else ""))
    print(f"  DATABASE_URL={DATABASE_URL}\n  STANDBY_DATABASE_URL={STANDBY_URL}")


def kill_primary() -> str:
    """SIGKILL the primary's postmaster, as a crash would; Patroni then promotes the standby."""
    p = primary()
    if p is None:
        raise SystemExit("no running primary")
    pid = int((Path(_data_dir(p["name"])) / "postmaster.pid").read_text().split()[0])
    os.kill(pid, signal.SIGKILL)
    return p["name"]


_DIR: Path | None = None


def _data_dir(name: str) -> Path:
    return (_DIR or ROOT / "var/cluster") / name


def stop(d: Path) -> None:
    for pidfile in sorted(d.glob("*.pid"), key=lambda p: p.name.startswith("etcd")):  # etcd last
        try:
            pid = int(pidfile.read_text())
            os.killpg(pid, signal.SIGTERM)
        except (ValueError, ProcessLookupError, PermissionError):
            pass
    end = time.time() + 20
    for pidfile in d.glob("*.pid"):
        pid = int(pidfile.read_text())
        while time.time() < end:
            try:
                os.killpg(pid, 0)
                time.sleep(0.2)
            except ProcessLookupError:
                break
        else:
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    # A postmaster whose Patroni died first (the drill kills one) is stopped by hand.
    for name in NODES:
        if (d / name / "postmaster.pid").exists():
            subprocess.run(["runuser", "-u", "postgres", "--", str(pg_bin() / "pg_ctl"), "-D", str(d / name),
                            "stop", "-m", "immediate"], capture_output=True)
    shutil.rmtree(d, ignore_errors=True)


def main() -> None:
    global _DIR
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["start", "stop", "status", "kill-primary"])
    parser.add_argument("--dir", default=str(ROOT / "var/cluster"))
    parser.add_argument("--apps", type=int, default=0, help="app servers to start behind HAProxy (migrates first)")
    parser.add_argument("--migrate", action="store_true", help="migrate the chaiqin database after start")
    args = parser.parse_args()
    _DIR = Path(args.dir).resolve()
    if args.command == "start":
        start(_DIR, args.apps, args.migrate)
    elif args.command == "stop":
        stop(_DIR)
    elif args.command == "status":
        for m in members():
            print(f"  {m['name']:4} {role_of(m):13} {m.get('state', ''):10} lag {m.get('lag', 0)}")
    else:
        print(f"killed the postmaster of {kill_primary()}")


if __name__ == "__main__":
    sys.exit(main())
