"""Attacks on workers' days off (例假、休息日 rosters and the four-week agreement, 勞動基準法第30條之1、
第36條): the console page and the API write only for the worker's own personnel office; every
other role is 403 on the console and on the write calls; another agency's worker or roster is
404; the worker and those who see them read the roster; nothing an attacker sends is written."""

from __future__ import annotations

from datetime import date

import pytest

from chaiqin.conftest import PASSWORD
from chaiqin.org.models import Person
from chaiqin.org.services import person_create
from chaiqin.overtime import days_off_services

from .conftest import client_for, snapshot

pytestmark = pytest.mark.django_db

ROLES = ["alice", "bob", "carol", "diana", "erin", "frank", "gina", "hank", "ivy", "leo", "ken"]
CONSOLE = {"carol", "hank", "frank"}  # personnel (and sysadmin) of their own agency


@pytest.fixture
def roster(world, people, settings):
    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    worker = person_create(agency=world.county, unit=world.civil_affairs, employee_no="W1", name="技工甲", gender="M",
                           post=Person.Post.WORKER, hire_date=date(2025, 3, 1), supervisor=world.bob,
                           username="worker1", password=PASSWORD)
    days_off_services.flexible_agreement_record(agency=world.county, actor=world.carol, agreed_on=date(2026, 2, 10),
                                                reference="縣府115年第1次勞資會議", in_force_from=date(2026, 3, 1))
    return days_off_services.days_off_roster_set(person=worker, actor=world.carol, schedule="weekly",
                                                 period_start=date(2026, 3, 16), regular_days_off=[date(2026, 3, 21)],
                                                 rest_days=[date(2026, 3, 22)])



@pytest.mark.parametrize("username", ROLES)
def test_the_console_page_is_the_personnel_offices_only(world, roster, username):
    client = client_for(username)
    r = client.get("/console/days-off/")
    if username in CONSOLE and username != "frank":
        assert r.status_code == 200
    elif username not in CONSOLE:
        assert r.status_code == 403
    body = r.content.decode()
    if username == "hank":  # the school's office never sees the county's worker
        assert "技工甲" not in body and "縣府115年第1次勞資會議" not in body
    if username == "carol":
        assert "技工甲" in body and "115-03-21" in body


@pytest.mark.parametrize("username", [u for u in ROLES if u != "carol"])
def test_no_one_but_the_workers_personnel_office_writes_and_nothing_changes(world, roster, username):
    before = snapshot()
    client = client_for(username)
    worker = roster.person
    client.post(f"/console/days-off/?agency={world.county.pk}", {
        "roster": "1", "roster-person": worker.pk, "roster-schedule": "weekly", "roster-period_start": "115-03-23",
        "roster-regular_days_off": "115-03-29", "roster-rest_days": "115-03-28"})
    client.post(f"/console/days-off/?agency={world.county.pk}", {
        "agreement": "1", "agreement-body": "meeting", "agreement-agreed_on": "115-03-01",
        "agreement-reference": "偽造", "agreement-in_force_from": "115-03-02"}) if username not in CONSOLE else None
    r = client.post("/api/overtime/days-off/rosters", content_type="application/json", data={
        "person_id": worker.pk, "schedule": "weekly", "period_start": "2026-03-23",
        "regular_days_off": ["2026-03-29"], "rest_days": ["2026-03-28"]})
    assert r.status_code in (403, 404), username
    if username == "hank":
        assert r.status_code == 404  # another agency's worker is never confirmed to exist
    if username not in CONSOLE:
        r = client.post("/api/overtime/days-off/agreements", content_type="application/json", data={
            "agreed_on": "2026-03-01", "reference": "偽造", "in_force_from": "2026-03-02"})
        assert r.status_code == 403
    after = snapshot()
    if username in CONSOLE:  # hank and frank may write their own agency's agreement, not the county's rosters
        for label in ("overtime.DaysOffRoster",):
            assert before[label] == after[label]
    else:
        assert before == after


@pytest.mark.parametrize("username, expected", [("worker1", 200), ("carol", 200), ("bob", 200), ("diana", 200),
                                                ("alice", 404), ("ivy", 404), ("gina", 404), ("hank", 404)])
def test_a_roster_is_read_by_the_worker_and_those_who_see_them(world, roster, username, expected):
    assert client_for(username).get(f"/api/overtime/days-off/rosters/{roster.pk}").status_code == expected


def test_the_agreements_list_is_the_personnel_offices_own(world, roster):
    assert client_for("alice").get("/api/overtime/days-off/agreements").status_code == 403
    assert client_for("hank").get("/api/overtime/days-off/agreements").json() == []
    assert len(client_for("carol").get("/api/overtime/days-off/agreements").json()) == 1
