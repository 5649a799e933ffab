"""Reads that may lag go to the standby; everything else, and every write, to the primary.

With `STANDBY_DATABASE_URL` set (a PostgreSQL hot standby, e.g. HAProxy's read port in front of
the Patroni replicas, docs/OPERATIONS.md §9), the pages named in `CHAIQIN_STANDBY_READ_VIEWS`
(reports, dashboards, exports, the county roll-up: pages that read a lot, write nothing, and
may be a second behind) run their queries on the alias "standby". Every other page, every API
call and every write stays on "default", the primary.

Read your own writes: a person who has just written (any POST, PUT, PATCH or DELETE answered
below 400) carries a short-lived cookie, and for `CHAIQIN_STANDBY_PIN_SECONDS` their reports
are read from the primary too, so a report never shows them the state before their own change.

The choice is a context variable set around the view by `StandbyReadsMiddleware`: the router
itself has no request to look at, and a context variable stays correct under threads and async.
"""

from __future__ import annotations

import time
from contextvars import ContextVar

from django.conf import settings
from django.urls import Resolver404, resolve

STANDBY = "standby"
WROTE_COOKIE = "chaiqin_wrote"
_reads_may_lag: ContextVar[bool] = ContextVar("chaiqin_reads_may_lag", default=False)
_SAFE = {"GET", "HEAD", "OPTIONS"}


def standby_configured() -> bool:
    return STANDBY in settings.DATABASES


class StandbyRouter:
    """Lag-tolerant reads to the standby (see the module); writes and migrations on the primary."""

    def db_for_read(self, model, **hints):
        if _reads_may_lag.get() and standby_configured():
            return STANDBY
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the standby is a copy of the primary: the same rows, the same ids

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


def _view_name(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def reads_may_lag_for(request) -> bool:
    """True when this request's reads may be served by the standby."""
    if not standby_configured() or request.method not in _SAFE:
        return False
    if _view_name(request.path_info) not in settings.CHAIQIN_STANDBY_READ_VIEWS:
        return False
    wrote = request.COOKIES.get(WROTE_COOKIE, "")
    try:
        return time.time() - float(wrote) > settings.CHAIQIN_STANDBY_PIN_SECONDS
    except ValueError:
        return True  # no cookie (or a mangled one): nothing recent of theirs to miss


class StandbyReadsMiddleware:
    """Runs the lag-tolerant views with their reads on the standby; marks writers (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _reads_may_lag.set(reads_may_lag_for(request))
        try:
            response = self.get_response(request)
        finally:
            _reads_may_lag.reset(token)
        if standby_configured() and request.method not in _SAFE and response.status_code < 400:
            response.set_cookie(WROTE_COOKIE, f"{time.time():.3f}", max_age=settings.CHAIQIN_STANDBY_PIN_SECONDS,
                                httponly=True, samesite="Lax", secure=request.is_secure())
        return response
