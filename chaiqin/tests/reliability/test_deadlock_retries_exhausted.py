"""When the database aborts a transaction for a deadlock on every one of the DEADLOCK_ATTEMPTS
runs of `dbguard.retry_on_deadlock`, the person is told the system is busy and that nothing was
saved (503 「系統忙碌，請稍後再試」), on pages and in the API; not the outage page of a lost
database, which would send them to the system administrator for nothing.

The deadlock is raised where PostgreSQL raises it for the leave service, at the person's row
lock (`rowlocks.lock_person`), as the psycopg error with SQLSTATE 40P01 that Django wraps: the
real retry loop, the real transaction and the real middleware run."""

from unittest import mock

import psycopg.errors
import pytest
from django.db import OperationalError
from django.test import Client

from chaiqin import dbguard
from chaiqin.conftest import PASSWORD
from chaiqin.leave.models import LeaveRequest
from chaiqin.org.models import Person
from chaiqin.org.services import person_create

# transaction=True: the retry loop runs only outside an atomic block, as in a real request
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def agent(world, settings):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    return person_create(agency=world.county, unit=world.civil_affairs, employee_no="IVY", name="許雅雯", gender="F",
                         post=Person.Post.ADMIN, hire_date=world.alice.hire_date, supervisor=world.bob,
                         username="ivy", password=PASSWORD)


def _deadlock(*args, **kwargs):
    try:
        raise psycopg.errors.DeadlockDetected("deadlock detected")
    except psycopg.errors.DeadlockDetected as exc:
        raise OperationalError("deadlock detected") from exc


def _client() -> Client:
    client = Client(raise_request_exception=False)
    assert client.login(username="alice", password=PASSWORD)
    return client


def test_the_leave_page_says_busy_and_nothing_saved_after_the_last_retry(world, agent):
    with mock.patch("chaiqin.rowlocks.lock_person", side_effect=_deadlock) as locked:
        response = _client().post("/leave/new/", {"leave_code": "personal", "start_date": "115-03-10",
                                                  "start_time": "08:00", "end_date": "115-03-10", "end_time": "17:00",
                                                  "agent": agent.pk, "reason": "家中有事"})
    assert locked.call_count == dbguard.DEADLOCK_ATTEMPTS  # run again, then given up
    assert response.status_code == 503 and response["Retry-After"] == "5"
    body = response.content.decode()
    assert "系統忙碌，請稍後再試" in body and "沒有儲存" in body
    assert dbguard.MESSAGE not in body and "Traceback" not in body
    assert not LeaveRequest.objects.exists()


def test_the_api_says_busy_in_its_error_shape(world, agent):
    body = {"leave_code": "personal", "start": "115-03-10 08:00", "end": "115-03-10 17:00", "agent_id": agent.pk}
    with mock.patch("chaiqin.rowlocks.lock_person", side_effect=_deadlock):
        response = _client().post("/api/leave/requests", body, content_type="application/json")
    assert response.status_code == 503
    assert response.json() == {"detail": dbguard.BUSY_DETAIL, "citation": ""}
    assert not LeaveRequest.objects.exists()
