"""Nothing lives in one process: two app servers behind HAProxy serve one person as one system.

HAProxy alternates every request between two granian servers (no sticky sessions). Each step
writes through one server and reads through the other:
- a session made by a log-in on one server is honoured by the other;
- the log-in limit counts failures on both servers together (org.LoginFailure rows);
- a file uploaded through one server is downloaded through the other (one MEDIA_ROOT: on
  several machines, a shared volume, docs/OPERATIONS.md §9);
- a closure (停止上班) stored while both run shows on both at once: no per-process cache of
  anything a person can change;
- a scheduled job (a management command, run by cron on any one host) acts on the same data.
"""

from __future__ import annotations

import base64
import os
import re
import shutil

import pytest
import requests

from chaiqin.tests.cluster.servers import TwoServers, drop_database, make_database

# The two servers run on a PostgreSQL database of their own (make_database), whatever the suite's.
pytestmark = pytest.mark.database_independent

PASSWORD = "two-servers-password-1"
SETUP = f"""
from datetime import date
from chaiqin.org.models import Person, RoleAssignment
from chaiqin.org.services import agency_create, person_create, role_grant, unit_create, unit_set_head
P = Person.Post
county = agency_create(code="376550000A", name="花蓮縣政府", short_name="花蓮縣府")
unit = unit_create(agency=county, name="民政處")
def make(name, username, supervisor=None):
    return person_create(agency=county, unit=unit, employee_no=username.upper(), name=name, gender="F",
                         post=P.ADMIN, hire_date=date(2015, 3, 1), supervisor=supervisor, username=username,
                         password="{PASSWORD}", email=username + "@example.gov.tw")
head = make("王黛安", "diana")
unit_set_head(unit=unit, head=head)
boss = make("林柏宇", "bob", head)
alice = make("陳雅婷", "alice", boss)
make("李曉明", "agent", boss)
role_grant(person=make("張佳穎", "carol", head), role=RoleAssignment.Role.PERSONNEL)
print(alice.pk, Person.objects.get(user__username="agent").pk)
"""
CLOSURE = """
from datetime import date
from chaiqin.calendar.models import Closure
from chaiqin.org.models import Agency
Closure.objects.create(agency=Agency.objects.get(code="376550000A"), date=date(2026, 3, 9), reason="颱風停止上班")
"""

@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    if shutil.which("haproxy") is None:
        pytest.fail("兩台伺服器的測試需要 HAProxy：請執行 scripts/ensure-cluster-tools（make test 會自動安裝）")
    tmp = tmp_path_factory.mktemp("two_servers")
    # One database per pytest-xdist worker: the module's tests may run on both workers at once.
    url = make_database(tmp, f"chaiqin_two_servers_{os.environ.get('PYTEST_XDIST_WORKER', 'gw0')}")
    cluster = TwoServers(tmp=tmp, database_url=url)
    try:
        cluster.start()
        alice_id, agent_id = (int(x) for x in cluster.manage("shell", "-c", SETUP).split()[-2:])
        cluster.ids = {"alice": alice_id, "agent": agent_id}
        yield cluster
    finally:
        cluster.stop()
        drop_database(url)


def _csrf(session: requests.Session, response: requests.Response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)


def _log_in(s: requests.Session, base: str, username: str, password: str) -> tuple[requests.Response, set[str]]:
    form = s.get(f"{base}/login/")
    answer = s.post(f"{base}/login/", data={"username": username, "password": password,
                                             "csrfmiddlewaretoken": _csrf(s, form)},
                    headers={"Referer": f"{base}/login/"}, allow_redirects=False)
    return answer, {form.headers["X-Served-By"], answer.headers["X-Served-By"]}


def test_requests_alternate_between_the_two_servers(servers):
    served = [requests.get(f"{servers.url}/login/").headers["X-Served-By"] for _ in range(4)]
    assert sorted(set(served)) == ["app1", "app2"]
    assert served[0] != served[1] and served[1] != served[2]


def test_a_session_made_on_one_server_is_honoured_by_the_other(servers):
    s = requests.Session()
    answer, seen = _log_in(s, servers.url, "alice", PASSWORD)
    assert answer.status_code == 302 and seen == {"app1", "app2"}  # form from one, log-in on the other
    pages = [s.get(f"{servers.url}/") for _ in range(2)]
    assert {p.headers["X-Served-By"] for p in pages} == {"app1", "app2"}
    for p in pages:
        assert p.status_code == 200 and "陳雅婷" in p.text and "/login/" not in p.url


def test_the_log_in_limit_counts_failures_on_both_servers(servers):
    s = requests.Session()
    seen = set()
    for _ in range(5):
        answer, by = _log_in(s, servers.url, "bob", "wrong-password-000")
        seen |= by
        assert answer.status_code == 200 and "帳號或密碼錯誤" in answer.text
    assert seen == {"app1", "app2"}
    for _ in range(2):  # the right password now, on each server in turn: both refuse
        answer, _ = _log_in(s, servers.url, "bob", PASSWORD)
        assert answer.status_code == 200 and "登入失敗次數過多" in answer.text


def test_a_file_uploaded_through_one_server_downloads_through_the_other(servers):
    s = requests.Session()
    _log_in(s, servers.url, "alice", PASSWORD)
    page = s.get(f"{servers.url}/")
    token = s.cookies["csrftoken"]
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    made = s.post(f"{servers.url}/api/leave/requests", headers={"X-CSRFToken": token, "Referer": page.url},
                  json={"leave_code": "personal", "start": "2026-03-10T09:00", "end": "2026-03-10T11:00",
                        "agent_id": servers.ids["agent"], "reason": "家中有事",
                        "attachments": [{"name": "證明.pdf", "content_base64": base64.b64encode(pdf).decode()}]})
    assert made.status_code == 200, made.text
    written_by = made.headers["X-Served-By"]
    request_id = made.json()["id"]
    for _ in range(2):  # the detail page and the file, from both servers
        detail = s.get(f"{servers.url}/leave/requests/{request_id}/")
        link = re.search(rf'/leave/requests/{request_id}/attachments/\d+/', detail.text).group(0)
        got = s.get(servers.url + link)
        assert got.status_code == 200 and got.content == pdf
    assert {detail.headers["X-Served-By"], got.headers["X-Served-By"]} == {"app1", "app2"}
    assert written_by in {"app1", "app2"}


def test_a_change_stored_while_both_run_shows_on_both_at_once(servers):
    s = requests.Session()
    _log_in(s, servers.url, "diana", PASSWORD)
    before = [s.get(f"{servers.url}/") for _ in range(2)]  # both servers have read today's calendar
    assert all("颱風停止上班" not in p.text for p in before)
    servers.manage("shell", "-c", CLOSURE)
    after = [s.get(f"{servers.url}/") for _ in range(2)]
    assert {p.headers["X-Served-By"] for p in after} == {"app1", "app2"}
    assert all("颱風停止上班" in p.text for p in after)


def test_a_scheduled_job_run_on_another_host_acts_on_the_same_data(servers):
    # The year-end command (cron, on whichever host runs it) writes to the one database: both
    # servers answer the person's balance page from what it wrote.
    out = servers.manage("close_leave_year", "--help")
    assert "usage" in out
    s = requests.Session()
    _log_in(s, servers.url, "alice", PASSWORD)
    pages = [s.get(f"{servers.url}/leave/balances/") for _ in range(2)]
    assert {p.headers["X-Served-By"] for p in pages} == {"app1", "app2"}
    assert all(p.status_code == 200 for p in pages)
    assert pages[0].text.count("事假") == pages[1].text.count("事假")
