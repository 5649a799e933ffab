"""A real OpenLDAP server for the directory log-in tests: Debian's slapd, started in a temporary
directory on a loopback port with a generated slapd.conf, a small directory loaded with slapadd,
and a certificate authority of its own (openssl) so that StartTLS is tested too.

One server per test process (pytest-xdist worker): each worker takes its own port, so two
workers never share a directory. `scripts/ensure-slapd` (called by `make test`) installs slapd.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

SLAPD = "/usr/sbin/slapd"
SLAPADD = "/usr/sbin/slapadd"
SCHEMA = Path("/etc/ldap/schema")
SUFFIX = "dc=hl,dc=gov,dc=tw"
ADMIN_DN = f"cn=admin,{SUFFIX}"
ADMIN_PASSWORD = "directory-admin-secret"
READER_DN = f"cn=chaiqin,ou=services,{SUFFIX}"
READER_PASSWORD = "chaiqin-bind-secret"
PEOPLE_BASE = f"ou=people,{SUFFIX}"
# The ports of issue 18's tests: 3890 + the xdist worker's number (gw0 → 3890, gw1 → 3891, …).
FIRST_PORT = 3890


@dataclass(frozen=True)
class DirectoryAccount:
    uid: str
    password: str
    employee_no: str | None
    name: str


# The county's directory: alice and bob are people of the `world` fixture (by 員工編號); KIM is
# a person the tests add without a log-in; nobody in chaiqin has 員工編號 Z999; the intern has no
# employeeNumber at all.
ACCOUNTS = (
    DirectoryAccount("alice.chen", "alice-directory-pw", "ALICE", "陳雅婷"),
    DirectoryAccount("bob.lin", "bob-directory-pw", "BOB", "林柏宇"),
    DirectoryAccount("kim.lee", "kim-directory-pw", "KIM", "李金燕"),
    DirectoryAccount("zoe.wu", "zoe-directory-pw", "Z999", "吳采薇"),
    DirectoryAccount("intern", "intern-directory-pw", None, "實習生"),
)


def _ldif() -> str:
    entries = [
        f"dn: {SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: 花蓮縣政府\ndc: hl\n",
        f"dn: ou=people,{SUFFIX}\nobjectClass: organizationalUnit\nou: people\n",
        f"dn: ou=services,{SUFFIX}\nobjectClass: organizationalUnit\nou: services\n",
        f"dn: {READER_DN}\nobjectClass: person\ncn: chaiqin\nsn: chaiqin\nuserPassword: {READER_PASSWORD}\n",
    ]
    for a in ACCOUNTS:
        entry = (f"dn: uid={a.uid},{PEOPLE_BASE}\nobjectClass: inetOrgPerson\nuid: {a.uid}\n"
                 f"cn:: {_b64(a.name)}\nsn:: {_b64(a.name[0])}\nuserPassword: {a.password}\n")
        if a.employee_no:
            entry += f"employeeNumber: {a.employee_no}\n"
        entries.append(entry)
    return "\n".join(entries)


def _b64(text: str) -> str:
    import base64

    return base64.b64encode(text.encode()).decode()


def _certificates(folder: Path) -> None:
    """A CA and a server certificate for 127.0.0.1 (StartTLS checks the name against the address)."""
    def run(*args):
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)

    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=chaiqin test CA")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
        "-subj", "/CN=127.0.0.1")
    (folder / "san.ext").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.pem", "-days", "2", "-extfile", "san.ext")


def _config(folder: Path) -> str:
    return f"""include {SCHEMA}/core.schema
include {SCHEMA}/cosine.schema
include {SCHEMA}/inetorgperson.schema
pidfile {folder}/slapd.pid
modulepath /usr/lib/ldap
moduleload back_mdb
TLSCACertificateFile {folder}/ca.pem
TLSCertificateFile {folder}/server.pem
TLSCertificateKeyFile {folder}/server.key

database mdb
maxsize 10485760
directory {folder}/db
suffix "{SUFFIX}"
rootdn "{ADMIN_DN}"
rootpw {ADMIN_PASSWORD}
access to attrs=userPassword by anonymous auth by self read by * none
access to * by dn.exact="{READER_DN}" read by self read by * none
"""


class Slapd:
    """A running slapd; `uri` is where it listens, `ca_file` the CA its certificate is signed by."""

    def __init__(self, folder: Path, port: int):
        self.folder = folder
        self.port = port
        self.uri = f"ldap://127.0.0.1:{port}"
        self.ca_file = str(folder / "ca.pem")
        self.process: subprocess.Popen | None = None

    def start(self) -> "Slapd":
        if not os.path.exists(SLAPD):
            raise RuntimeError(f"目錄登入測試需要 {SLAPD}：請執行 scripts/ensure-slapd（make test 會自動安裝）")
        (self.folder / "db").mkdir(parents=True)
        _certificates(self.folder)
        conf = self.folder / "slapd.conf"
        conf.write_text(_config(self.folder))
        (self.folder / "data.ldif").write_text(_ldif(), encoding="utf-8")
        subprocess.run([SLAPADD, "-f", str(conf), "-l", str(self.folder / "data.ldif")], check=True,
                       capture_output=True)
        # -d 0: stay in the foreground without debug output, so the process is ours to stop.
        self.process = subprocess.Popen([SLAPD, "-f", str(conf), "-h", self.uri + "/", "-d", "0"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"slapd did not start: {self.process.stderr.read().decode(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"slapd did not listen on {self.uri} within 15 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None
        shutil.rmtree(self.folder, ignore_errors=True)


def worker_port() -> int:
    """FIRST_PORT plus this pytest-xdist worker's number (0 outside xdist)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return FIRST_PORT + int(worker.removeprefix("gw") or 0)


# Nothing listens here: a directory that is down (inside the tests' own range of ports).
DOWN_PORT = 3899
