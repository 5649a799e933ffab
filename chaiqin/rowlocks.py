"""Row locks in one order everywhere, so that two transactions never wait for each other.

A deadlock needs two transactions that take the same rows in opposite orders (cancelling a
leave request locked the person then the case while approving it locked the case then the
person: PostgreSQL aborted one of them). Every service that locks rows takes them in this order:

1. people (org.Person), by ascending id when there are several: the applicant's row is what
   serialises everything about a person's balance and time (leave ledger, overlaps);
2. the form's own row (LeaveRequest, WfhApplication, WfhDay, Overseas …);
3. the workflow case, then its steps.

Shared rows are never locked: a lock on a person taken with `select_related("agency", "unit")`
also locks the agency's and the unit's rows unless it says `of=("self",)`, and then every
person of the agency queues behind one another (five people of one agency submitting at
once deadlocked). `lock_person` locks the person's row only.

A transaction that still loses a deadlock (an order this module does not govern, the database's
own index locks) is run again by `dbguard.retry_on_deadlock`.
"""

from __future__ import annotations

from django.db import transaction

from chaiqin.org.models import Person


class _Held:
    """Marks, among the transaction's on-commit callbacks, that a person's row is locked: Django drops
    the marker when the transaction ends or when the savepoint it was set in is rolled back (which
    releases the row lock too), so the marker lives exactly as long as the lock."""

    __slots__ = ("person_id",)

    def __init__(self, person_id: int):
        self.person_id = person_id

    def __call__(self) -> None:
        pass


def holds_lock(person_id: int) -> bool:
    """Whether this transaction already locked `person_id`'s row (through lock_person or mark_locked)."""
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        return False
    return any(isinstance(func, _Held) and func.person_id == person_id for _, func, _ in conn.run_on_commit)


def mark_locked(person_id: int) -> None:
    """Record that the caller locked `person_id`'s row (select_for_update) in the current transaction."""
    if transaction.get_connection().in_atomic_block and not holds_lock(person_id):
        transaction.on_commit(_Held(person_id))


def lock_person(person_id: int, *, related: tuple[str, ...] = ()) -> Person:
    """Lock the row of person `person_id` (only that row, whatever `related` joins in) until the
    transaction ends, and return it fresh, with `related` (e.g. "agency", "unit") loaded.

    Always a query (the caller wants the current row); first in the lock order (module docstring).
    """
    query = Person.objects.select_for_update(of=("self",))
    if related:
        query = query.select_related(*related)
    person = query.get(pk=person_id)
    mark_locked(person_id)
    return person


def lock_person_once(person_id: int) -> None:
    """Lock person `person_id`'s row unless this transaction already holds it (then no query)."""
    if not holds_lock(person_id):
        lock_person(person_id)
