"""The personnel office's 特別休假 deferral page (/leave/deferrals/), attacked: every role but the
personnel office gets 403 for the page and its form; a personnel officer posting for a worker of
another agency gets 404, and nothing is saved."""

from __future__ import annotations

from datetime import date

import pytest

from chaiqin.leave.models import AnnualLeaveDeferral
from chaiqin.org.models import Person
from chaiqin.org.services import person_create

from .conftest import client_for, snapshot

pytestmark = pytest.mark.django_db

NOT_PERSONNEL = ("alice", "bob", "diana", "erin", "frank", "gina", "ivy", "leo", "ken")
URL = "/leave/deferrals/"


@pytest.fixture
def workers(world, people):
    def make(agency, unit, no):
        return person_create(agency=agency, unit=unit, employee_no=no, name=f"工友{no}", gender="M",
                             post=Person.Post.JANITOR, hire_date=date(2020, 1, 1))
    return make(world.county, world.civil_affairs, "WC1"), make(world.school, world.hank.unit, "WS1")


@pytest.mark.parametrize("username", NOT_PERSONNEL)
def test_everyone_but_the_personnel_office_gets_403(workers, username):
    county_worker, _ = workers
    client = client_for(username)
    before = snapshot()
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"person": county_worker.pk, "agreed": "yes"}).status_code == 403
    assert snapshot() == before and not AnnualLeaveDeferral.objects.exists()


@pytest.mark.parametrize(("username", "other"), [("carol", 1), ("hank", 0)])
def test_another_agencys_worker_is_404(workers, username, other):
    client = client_for(username)
    page = client.get(URL)
    assert page.status_code == 200
    assert workers[other].name not in page.content.decode() and workers[1 - other].name in page.content.decode()
    assert client.post(URL, {"person": workers[other].pk, "agreed": "yes"}).status_code == 404
    assert client.post(URL, {"person": "x", "agreed": "yes"}).status_code == 404
    assert not AnnualLeaveDeferral.objects.exists()


def test_the_personnel_office_records_its_own_worker(workers):
    response = client_for("carol").post(URL, {"person": workers[0].pk, "agreed": "yes", "note": "勞資協商"})
    assert response.status_code == 302
    [row] = AnnualLeaveDeferral.objects.all()
    assert row.person_id == workers[0].pk and row.agreed and row.note == "勞資協商"
