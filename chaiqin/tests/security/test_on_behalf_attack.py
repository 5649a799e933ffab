"""代填 pages as every role: without the personnel role, 403 and nothing saved; the personnel office of
another agency gets 404 for the county's people, and the county's gets 404 for the school's."""

from __future__ import annotations

import pytest

from .conftest import client_for, snapshot

pytestmark = pytest.mark.django_db

WITHOUT_THE_ROLE = ("alice", "bob", "diana", "erin", "frank", "gina", "ivy", "leo", "ken")
FORMS = ("leave", "missed-punch", "overtime")
MISSED = {"at": "115-03-06 08:02", "direction": "in", "reason": "紙本補登單"}


@pytest.fixture(autouse=True)
def _frozen(settings):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"


@pytest.mark.parametrize("username", WITHOUT_THE_ROLE)
def test_every_role_without_personnel_gets_403_and_nothing_changes(world, people, username):
    client = client_for(username)
    before = snapshot()
    assert client.get("/console/on-behalf/?q=陳").status_code == 403
    for form in FORMS:
        path = f"/console/on-behalf/{world.alice.pk}/{form}/"
        assert client.get(path).status_code == 403, path
        assert client.post(path, MISSED).status_code == 403, path
    assert snapshot() == before


@pytest.mark.parametrize("officer, victim", [("hank", "alice"), ("carol", "gina"), ("hank", "bob")])
def test_another_agencys_people_are_404_to_a_personnel_officer(world, officer, victim):
    client = client_for(officer)
    before = snapshot()
    target = getattr(world, victim)
    for form in FORMS:
        path = f"/console/on-behalf/{target.pk}/{form}/"
        assert client.get(path).status_code == 404, path
        assert client.post(path, MISSED).status_code == 404, path
    listed = client.get(f"/console/on-behalf/?q={target.name}").content.decode()
    assert f"/console/on-behalf/{target.pk}/" not in listed and "本機關沒有符合的人員" in listed
    assert snapshot() == before
