"""Deadlocks on PostgreSQL, with real concurrent connections (threads, each its own connection):
approving a request while its applicant cancels it answered the cancel 「資料庫暫時無法連線」 in
8 of 8 rounds (cancel locked the person then the case, approve the case then the person), and
five people of one agency submitting at once deadlocked (locking a person with
`select_related("agency", "unit")` locked the shared agency row too). Now every service locks
in one order (chaiqin.rowlocks) and only the rows it means, and a transaction that still loses
a deadlock is run again (dbguard.retry_on_deadlock)."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from django.db import OperationalError, connection, connections

from chaiqin.errors import ChaiqinError

from .conftest import at

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]
ROUNDS = 8


@pytest.fixture(autouse=True)
def _postgres_only(settings):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and deadlocks are PostgreSQL's (SQLite serialises every write)")
    settings.CHAIQIN_NOW = "2026-03-09T09:00"


def race(*calls) -> list[str]:
    """Run the calls at the same moment, each in its own thread and connection; their outcomes:
    "ok", the ChaiqinError's code, or the database error (what must never happen)."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = [""] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            call()
            outcomes[i] = "ok"
        except ChaiqinError as exc:
            outcomes[i] = f"refused:{exc.code or exc.message}"
        except OperationalError as exc:
            outcomes[i] = f"database:{exc}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def _up_to_the_last_step(case):
    """Approve every step but the last, so the next approval closes the case (and posts to the ledger)."""
    from chaiqin.workflow import services as workflow
    from chaiqin.workflow.models import Step

    while case.steps.filter(status=Step.Status.WAITING).exists():
        step = case.steps.get(status=Step.Status.CURRENT)
        workflow.case_decide(case=case, actor=step.decider, decision="approve")
    return case.steps.get(status=Step.Status.CURRENT).decider


def test_approving_while_the_applicant_cancels_never_deadlocks(world, people):
    from chaiqin.leave import services as leave
    from chaiqin.leave.models import LeaveRequest
    from chaiqin.workflow import services as workflow
    from chaiqin.workflow.models import Case

    alice = world.alice
    for n in range(ROUNDS):
        day = date(2026, 3, 16) + timedelta(days=n)
        if day.weekday() >= 5:
            continue
        req = leave.leave_request_submit(person=alice, leave_code="personal", start=at(f"{day}T08:00"),
                                         end=at(f"{day}T12:00"), agent=people["ivy"], reason="家中有事")
        decider = _up_to_the_last_step(req.case)
        outcomes = race(lambda: workflow.case_decide(case=req.case, actor=decider, decision="approve"),
                        lambda: leave.leave_request_cancel(request=req, actor=alice, reason="不需請假了"))
        assert not [o for o in outcomes if o.startswith("database")], (day, outcomes)
        status = Case.objects.get(pk=req.case_id).status
        assert status in (Case.Status.WITHDRAWN, Case.Status.CANCELLED, Case.Status.APPROVED), status
        assert LeaveRequest.objects.filter(pk=req.pk).exists()


def test_five_people_of_one_agency_submitting_at_once_all_succeed(world, people):
    from chaiqin.leave import services as leave
    from chaiqin.leave.models import LeaveRequest

    # (applicant, agent): the agents are not on leave themselves, so only the locks are raced
    five = [(world.alice, world.bob), (people["ivy"], world.bob), (world.diana, world.bob),
            (people["ken"], world.carol), (people["leo"], world.carol)]
    for n in range(3):
        day = date(2026, 3, 16) + timedelta(days=n)
        calls = [lambda p=p, a=a: leave.leave_request_submit(person=p, leave_code="personal",
                                                             start=at(f"{day}T08:00"), end=at(f"{day}T17:00"),
                                                             agent=a, reason="家中有事")
                 for p, a in five]
        outcomes = race(*calls)
        assert outcomes == ["ok"] * 5, (day, outcomes)
    assert LeaveRequest.objects.count() == 15
