"""The production start of docs/OPERATIONS.md works as written: `scripts/serve-production` (what
`make serve-production` and the systemd unit run) with DEBUG=false collects the static files
itself and serves with granian, so the log-in page answers 200 with its CSS (attack: following
the document gave a 500 on every page, «Missing staticfiles manifest entry», until someone
thought of collectstatic). A real granian on a loopback port; a fresh STATIC_ROOT."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

# The start runs on a SQLite file of its own, whatever the suite's database.
pytestmark = pytest.mark.database_independent

ROOT = Path(__file__).resolve().parents[3]
PORTS = range(8140, 8150)


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free loopback port in 8140-8149")


def _get(url: str, timeout: float = 5.0):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def test_the_documented_production_start_serves_the_log_in_page_and_its_css(tmp_path):
    assert "scripts/serve-production" in (ROOT / "docs" / "OPERATIONS.md").read_text()
    port = _free_port()
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "production-start-test-" + "x" * 40,
           "ALLOWED_HOSTS": "127.0.0.1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
           "STATIC_ROOT": str(tmp_path / "static"), "HOST": "127.0.0.1", "PORT": str(port), "WORKERS": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "manage.py", "migrate", "--noinput", "-v", "0"],
                   cwd=ROOT, env=env, check=True, timeout=300)
    server = subprocess.Popen([str(ROOT / "scripts" / "serve-production")], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        status = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, _headers, body = _get(f"http://127.0.0.1:{port}/login/")
                break
            except (ConnectionError, urllib.error.URLError, OSError):
                time.sleep(0.5)
        assert status == 200, (status, server.poll(), server.stdout.read(4000) if server.poll() is not None else "")
        page = body.decode()
        assert "登入" in page
        css = re.search(r'href="(/static/[^"]+\.css)"', page).group(1)
        assert re.search(r"\.[0-9a-f]{12}\.css$", css), css  # the manifest's hashed name: collectstatic ran
        css_status, headers, content = _get(f"http://127.0.0.1:{port}{css}")
        assert css_status == 200 and headers["Content-Type"].startswith("text/css") and content
        assert (tmp_path / "static" / "staticfiles.json").exists()
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
