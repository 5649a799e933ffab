"""`among(column, ids)`: a filter keeping the rows whose `column` is one of many ids, the ids sent
as ONE parameter.

`filter(person_id__in=ids)` sends one parameter per id. For a report's batch of 5,000 people,
Django prepares 5,000 values and the database parses and plans a 5,000-item list: about 0.1 s
per query on PostgreSQL and 0.04 s on SQLite (measured on the payroll bench's county), times
the dozen sources a county's day statuses read. Here the ids travel as one array on PostgreSQL
(`= ANY(%s)`) and as one JSON text on SQLite (`IN (SELECT value FROM json_each(%s))`, SQLite's
built-in JSON functions); another database gets the plain IN list. No ids: no row, and no
query, as with `__in=[]`.
"""

from __future__ import annotations

import json
from typing import Iterable

from django.core.exceptions import EmptyResultSet
from django.db.models import F, Lookup, Q, QuerySet


class Among(Lookup):
    """`lhs` is one of the ids `rhs` (a lookup used directly as a filter condition)."""

    lookup_name = "among"
    prepare_rhs = False

    def __init__(self, lhs, rhs: Iterable[int]):
        super().__init__(lhs, [int(i) for i in rhs])

    def as_sql(self, compiler, connection):
        if not self.rhs:
            raise EmptyResultSet
        sql, params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{sql} = ANY(%s)", (*params, self.rhs)
        if connection.vendor == "sqlite":
            return f"{sql} IN (SELECT value FROM json_each(%s))", (*params, json.dumps(self.rhs))
        return f"{sql} IN ({', '.join(['%s'] * len(self.rhs))})", (*params, *self.rhs)


def among(column: str, ids: Iterable[int] | QuerySet) -> Among | Q:
    """The condition `column` (a field path, e.g. "person_id" or "request__person_id") is one of
    `ids`, for `QuerySet.filter()`. A queryset of ids stays a subquery (`column__in`)."""
    if isinstance(ids, QuerySet):
        return Q(**{f"{column}__in": ids})
    return Among(F(column), ids)
