"""dbguard.retry_on_deadlock runs a lost transaction again, and only that: a deadlock or
serialization failure (SQLSTATE 40P01 / 40001) is retried, any other database error is not,
and inside an outer transaction nothing is retried (the outer one is already lost)."""

from __future__ import annotations

import pytest
from django.db import OperationalError, transaction

from chaiqin.dbguard import DEADLOCK_ATTEMPTS, retry_on_deadlock


class _PgError(Exception):
    def __init__(self, sqlstate: str):
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def _failing(times: int, sqlstate: str):
    calls = []

    @retry_on_deadlock
    def service():
        calls.append(1)
        if len(calls) <= times:
            raise OperationalError("deadlock detected") from _PgError(sqlstate)
        return "done"

    return service, calls


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("sqlstate", ["40P01", "40001"])
def test_a_transaction_that_lost_a_deadlock_is_run_again(sqlstate):
    service, calls = _failing(2, sqlstate)
    assert service() == "done" and len(calls) == 3


@pytest.mark.django_db(transaction=True)
def test_it_gives_up_after_the_last_attempt():
    service, calls = _failing(99, "40P01")
    with pytest.raises(OperationalError):
        service()
    assert len(calls) == DEADLOCK_ATTEMPTS


@pytest.mark.django_db(transaction=True)
def test_a_lost_connection_is_not_retried():
    service, calls = _failing(1, "08006")
    with pytest.raises(OperationalError):
        service()
    assert len(calls) == 1


@pytest.mark.django_db(transaction=True)
def test_inside_an_outer_transaction_the_error_goes_up_at_once():
    service, calls = _failing(1, "40P01")
    with pytest.raises(OperationalError), transaction.atomic():
        service()
    assert len(calls) == 1
