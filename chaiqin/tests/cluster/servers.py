"""Two real app servers (granian) behind a real HAProxy on loopback, over one database of their own.

Used by the two-server test: it proves that nothing a request leaves behind lives in one
process. The database is made for the run (a SQLite file, or a PostgreSQL database when the
suite runs on PostgreSQL), migrated by `manage.py migrate` and filled by `manage.py shell`, the
way an operator would; the servers are started with production settings (DEBUG=false).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from chaiqin.tests.ports import free_port

ROOT = Path(__file__).resolve().parents[3]
NOW = "2026-03-09T09:00"  # a Monday


def wait_port(port: int, seconds: float, proc: subprocess.Popen | None = None) -> None:
    end = time.time() + seconds
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            if proc is not None and proc.poll() is not None:
                raise RuntimeError(f"the process for port {port} exited with {proc.returncode}")
            time.sleep(0.2)
    raise RuntimeError(f"nothing listened on 127.0.0.1:{port} within {seconds:.0f} s")


def make_database(tmp: Path, name: str) -> str:
    """A fresh database URL for the servers: PostgreSQL beside the suite's when it runs there."""
    suite_url = os.environ.get("DATABASE_URL", "")
    if not suite_url.startswith("postgres"):
        return f"sqlite:///{tmp / 'two_servers.sqlite3'}"
    import psycopg

    parts = urlsplit(suite_url)
    with psycopg.connect(urlunsplit((parts.scheme, parts.netloc, "/postgres", "", "")), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, "", ""))


def drop_database(url: str) -> None:
    if url.startswith("postgres"):
        import psycopg

        parts = urlsplit(url)
        with psycopg.connect(urlunsplit((parts.scheme, parts.netloc, "/postgres", "", "")), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{parts.path[1:]}" WITH (FORCE)')


@dataclass
class TwoServers:
    tmp: Path
    database_url: str
    port: int = 0
    procs: list[subprocess.Popen] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_ALLOW"))}
        env.update(DATABASE_URL=self.database_url, DEBUG="false", SECRET_KEY="two-servers-" + "k" * 50,
                   ALLOWED_HOSTS="127.0.0.1", CHAIQIN_NOW=NOW, MEDIA_ROOT=str(self.tmp / "media"),
                   STATIC_ROOT=str(self.tmp / "static"), SESSION_COOKIE_SECURE="false",
                   CSRF_COOKIE_SECURE="false", LOG_LEVEL="ERROR", DJANGO_SETTINGS_MODULE="chaiqin.settings",
                   MAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
        return env

    def manage(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=self.env(),
                              input=stdin, capture_output=True, text=True, timeout=300)
        if done.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def start(self) -> None:
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("collectstatic", "--noinput", "-v", "0")
        app_ports = [free_port(), free_port()]
        for port in app_ports:
            proc = subprocess.Popen([str(Path(sys.executable).parent / "granian"), "--interface", "wsgi",
                                     "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
                                     "--working-dir", str(ROOT), "chaiqin.wsgi:application"],
                                    cwd=ROOT, env=self.env(), start_new_session=True,
                                    stdout=open(self.tmp / f"granian-{port}.log", "wb"), stderr=subprocess.STDOUT)
            self.procs.append(proc)
        for port, proc in zip(app_ports, self.procs):
            wait_port(port, 60, proc)
        self.port = free_port()
        servers = "\n".join(f"    server app{i + 1} 127.0.0.1:{p}" for i, p in enumerate(app_ports))
        # Round robin with no stickiness: consecutive requests of one browser go to alternate
        # servers; the response names the server that answered it.
        (self.tmp / "haproxy.cfg").write_text(f"""global
    maxconn 200
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
frontend app
    bind 127.0.0.1:{self.port}
    default_backend apps
backend apps
    balance roundrobin
    http-response set-header X-Served-By %s
{servers}
""")
        haproxy = subprocess.Popen([shutil.which("haproxy") or "haproxy", "-db", "-f", str(self.tmp / "haproxy.cfg")],
                                   start_new_session=True, stdout=open(self.tmp / "haproxy.log", "wb"),
                                   stderr=subprocess.STDOUT)
        self.procs.append(haproxy)
        wait_port(self.port, 30, haproxy)

    def stop(self) -> None:
        for proc in self.procs:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"
