"""A real OpenLDAP server for the directory log-in tests: Debian's slapd, started in a temporary
directory on a loopback port with a generated slapd.conf, a small directory loaded with slapadd,
and a certificate authority of its own (openssl) so that StartTLS is tested too.

One server per test process (pytest-xdist worker), on a port the kernel reports free. Fixed
ports were shared by every test run on the machine: when another run's slapd (another checkout,
or one left over by a killed run) already listened there, ours could not bind, yet the start
found the port answering and the tests talked to the other directory, whose CA is not ours, so
StartTLS with the right CA failed while every plain test passed. So the start now also checks
that the directory answering is its own (a token of this instance in the suffix entry), and
slapd dies with the process that started it. `scripts/ensure-slapd` (called by `make test`)
installs slapd.
"""

from __future__ import annotations

import ctypes
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import ldap

from chaiqin.tests.ports import free_port

SLAPD = "/usr/sbin/slapd"
SLAPADD = "/usr/sbin/slapadd"
SCHEMA = Path("/etc/ldap/schema")
SUFFIX = "dc=hl,dc=gov,dc=tw"
ADMIN_DN = f"cn=admin,{SUFFIX}"
ADMIN_PASSWORD = "directory-admin-secret"
READER_DN = f"cn=chaiqin,ou=services,{SUFFIX}"
READER_PASSWORD = "chaiqin-bind-secret"
PEOPLE_BASE = f"ou=people,{SUFFIX}"


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


def _ldif(token: str) -> str:
    entries = [
        f"dn: {SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: 花蓮縣政府\ndc: hl\n"
        f"description: {token}\n",
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
    """A running slapd; `uri` is where it listens, `ca_file` the CA its certificate is signed by.

    `port` 0 (the default): a port the kernel reports free, chosen again if another process
    takes it before slapd binds it.
    """

    def __init__(self, folder: Path, port: int = 0):
        self.folder = folder
        self.requested_port = port
        self.port = port
        self.uri = ""
        self.ca_file = str(folder / "ca.pem")
        self.token = secrets.token_hex(16)
        self.process: subprocess.Popen | None = None

    def start(self) -> "Slapd":
        if not os.path.exists(SLAPD):
            raise RuntimeError(f"目錄登入測試需要 {SLAPD}：請執行 scripts/ensure-slapd（make test 會自動安裝）")
        (self.folder / "db").mkdir(parents=True)
        _certificates(self.folder)
        conf = self.folder / "slapd.conf"
        conf.write_text(_config(self.folder))
        (self.folder / "data.ldif").write_text(_ldif(self.token), encoding="utf-8")
        subprocess.run([SLAPADD, "-f", str(conf), "-l", str(self.folder / "data.ldif")], check=True,
                       capture_output=True)
        errors = []
        for _ in range(5):
            self.port = self.requested_port or free_port()
            self.uri = f"ldap://127.0.0.1:{self.port}"
            error = self._serve(conf)
            if error is None:
                return self
            errors.append(error)
            if self.requested_port:
                break
        self.stop()
        raise RuntimeError("slapd did not start: " + " / ".join(errors))

    def _serve(self, conf: Path) -> str | None:
        """Start slapd on self.uri and wait until this instance answers there; the reason if not."""
        # -d 0: stay in the foreground without debug output, so the process is ours to stop. Its
        # messages go to a file: a pipe nobody reads would stop slapd once full.
        log = self.folder / "slapd.log"
        with log.open("wb") as out:
            self.process = subprocess.Popen([SLAPD, "-f", str(conf), "-h", self.uri + "/", "-d", "0"],
                                            stdout=subprocess.DEVNULL, stderr=out, preexec_fn=_die_with_parent)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return f"{self.uri}: {log.read_text(errors='replace').strip()}"
            answer = self._answering_token()
            if answer == self.token:
                return None
            if answer is not None:
                # Another directory listens on this port (ours failed to bind): never test against it.
                self._terminate()
                return f"{self.uri} is another process's directory"
            time.sleep(0.1)
        self._terminate()
        return f"{self.uri}: no answer within 15 s"

    def _answering_token(self) -> str | None:
        """The token of the directory answering at self.uri, "" for one without it, None for no answer."""
        connection = ldap.initialize(self.uri)
        connection.set_option(ldap.OPT_NETWORK_TIMEOUT, 2)
        try:
            connection.simple_bind_s(READER_DN, READER_PASSWORD)
            [(_, attrs)] = connection.search_s(SUFFIX, ldap.SCOPE_BASE, attrlist=["description"])
            return attrs.get("description", [b""])[0].decode()
        except ldap.SERVER_DOWN:
            return None
        except ldap.LDAPError:
            return ""
        finally:
            connection.unbind_s()

    def _terminate(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def stop(self) -> None:
        self._terminate()
        shutil.rmtree(self.folder, ignore_errors=True)


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when the test process ends, even by SIGKILL, so that no
    slapd of a killed run is left holding a port (Linux prctl PR_SET_PDEATHSIG)."""
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)


def down_port() -> socket.socket:
    """A socket bound to a loopback port but never listening: a connection there is refused at
    once, like a directory that is down, and no other process can take the port while the socket
    is open. Close it when done."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    return sock
