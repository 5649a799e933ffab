"""On PostgreSQL, two requests for the last remaining day at the same moment: exactly one succeeds
(DESIGN.md: posting to a ledger locks the person's row). Real threads, each its own connection."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from chaiqin.errors import ChaiqinError
from chaiqin.leave import ledger, services

from .conftest import at

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_requests_for_the_last_day_at_once_only_one_gets_it_with_pay(world, ivy):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write; row locks (select_for_update) need PostgreSQL")
    # use six of the seven days of 事假 (公務人員請假規則第3條), leaving one
    services.leave_request_submit(person=world.alice, leave_code="personal", start=at("2026-03-10 08:00"),
                                  end=at("2026-03-17 17:00"), agent=ivy)
    assert ledger.balance(world.alice, "personal", date(2026, 3, 9)) == 480
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def ask(day: str):
        try:
            barrier.wait()
            services.leave_request_submit(person=world.alice, leave_code="personal", start=at(f"{day} 08:00"),
                                          end=at(f"{day} 17:00"), agent=ivy)
            outcomes.append("ok")
        except ChaiqinError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask, args=(d,)) for d in ("2026-03-23", "2026-03-24")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # Beyond the quota 事假 is granted with pay deducted by the day (第3條第1項第1款): both are filed,
    # but the one remaining day with pay goes to one of them only; the quota is never overdrawn.
    assert sorted(outcomes) == ["ok", "ok"]
    assert ledger.balance(world.alice, "personal", date(2026, 3, 9)) == 0
    from chaiqin.leave.models import LeaveRequest

    late = LeaveRequest.objects.filter(person=world.alice, start__gte=at("2026-03-23 00:00"))
    assert sorted(any(p["deducted"] for p in r.charge) for r in late) == [False, True]
