"""A lost database connection becomes a clear 503, never a traceback.

When PostgreSQL restarts (or the network to it drops), a request that touches it fails with
django.db.OperationalError / InterfaceError. Django turns any uncaught exception into a 500;
this middleware notices that the exception was a lost connection and answers instead with
503 「資料庫暫時無法連線，請稍後再試」 and `Retry-After`: an HTML page for people, JSON
{"detail", "citation"} under /api/ (the API's one error shape). Nothing it returns touches
the database. The transaction of the failed request was rolled back by the database, so the
client may simply send the request again.

A deadlock that `retry_on_deadlock` could not get past in DEADLOCK_ATTEMPTS runs is not an
outage: the database is up and busy with the same rows. It gets its own answer, 503
「系統忙碌，請稍後再試」 saying that nothing was saved (503 with Retry-After rather than 409:
the request itself was right and succeeds when sent again; 409 would tell the client to change it).

How: Django sends `got_request_exception` inside its exception handling, for exceptions from
views and from middleware alike; the receiver below marks the request when the exception is
a lost connection, and the middleware (placed outside the session and auth middleware)
replaces the resulting 500. The error is still logged with its traceback by Django.
With CONN_HEALTH_CHECKS (settings) the next request reconnects once the database is back.
"""

from __future__ import annotations

import functools
import json
import logging
import random
import sys
import time

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connection
from django.dispatch import receiver
from django.http import HttpResponse

MESSAGE = "資料庫暫時無法連線，請稍後再試"
BUSY_MESSAGE = "系統忙碌，請稍後再試"
BUSY_DETAIL = "系統忙碌，請稍後再試：同時處理的申請太多，您這次送出的資料沒有儲存，請稍候幾秒再送出一次。"
RETRY_AFTER_SECONDS = 5
_MARK = "_chaiqin_database_unavailable"
_BUSY = "busy"

PAGE = f"""<!doctype html>
<html lang="zh-Hant"><head><meta charset="utf-8"><title>暫停服務 — 差勤系統</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>{MESSAGE}</h1>
<p>系統暫時無法連上資料庫（例如資料庫正在重新啟動）。您剛才的操作沒有完成，也沒有留下一半的紀錄；請稍候幾秒後重新整理或再送出一次。</p>
<p>若持續發生，請通知系統管理者。</p></main></body></html>
"""

BUSY_PAGE = f"""<!doctype html>
<html lang="zh-Hant"><head><meta charset="utf-8"><title>系統忙碌 — 差勤系統</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>{BUSY_MESSAGE}</h1>
<p>同一時間有許多人處理相同的資料，系統多次嘗試仍未能完成您的操作。您剛才送出的資料沒有儲存，也沒有留下一半的紀錄；請稍候幾秒後返回上一頁再送出一次。</p>
<p>若持續發生，請通知系統管理者。</p></main></body></html>
"""


def _chain(exc: BaseException | None):
    seen = 0
    while exc is not None and seen < 10:  # the exception itself, or what it was raised from
        yield exc
        exc, seen = exc.__cause__ or exc.__context__, seen + 1


def is_connection_lost(exc: BaseException | None) -> bool:
    """True for the errors a dropped or refused database connection raises."""
    return any(isinstance(e, (OperationalError, InterfaceError)) for e in _chain(exc))


# PostgreSQL's SQLSTATEs of a transaction it aborted so that another could go on: deadlock_detected
# and serialization_failure. Running the transaction again is the documented remedy.
RETRYABLE_SQLSTATES = {"40P01", "40001"}
DEADLOCK_ATTEMPTS = 4
logger = logging.getLogger(__name__)


def is_deadlock(exc: BaseException | None) -> bool:
    """True when the database aborted the transaction for a deadlock (or a serialization failure)."""
    return any(getattr(e, "sqlstate", None) in RETRYABLE_SQLSTATES for e in _chain(exc))


def retry_on_deadlock(func):
    """Run a service's transaction again when the database aborted it for a deadlock.

    Put it above `@transaction.atomic`: only the outermost transaction can be run again (inside
    an outer one the whole outer transaction is lost, so the error goes up to whoever owns it).
    Up to DEADLOCK_ATTEMPTS runs, with a short random pause between them so that the two
    transactions do not collide again; the last error is raised as it was.
    """

    @functools.wraps(func)
    def run(*args, **kwargs):
        if connection.in_atomic_block:
            return func(*args, **kwargs)
        for attempt in range(1, DEADLOCK_ATTEMPTS + 1):
            try:
                return func(*args, **kwargs)
            except OperationalError as exc:
                if attempt == DEADLOCK_ATTEMPTS or not is_deadlock(exc):
                    raise
                logger.warning("%s lost a deadlock (attempt %d), running it again", func.__qualname__, attempt)
                time.sleep(random.uniform(0.005, 0.05) * attempt)
        raise AssertionError("unreachable")

    return run


@receiver(got_request_exception, dispatch_uid="chaiqin.dbguard")
def _note_lost_connection(sender, request=None, **kwargs):
    exc = sys.exc_info()[1]
    if request is not None and is_connection_lost(exc):
        # a deadlock is an OperationalError too, but the database is up: tell it apart
        setattr(request, _MARK, _BUSY if is_deadlock(exc) else True)


def unavailable_response(request, *, busy: bool = False) -> HttpResponse:
    """The 503 of a lost database (or, `busy`, of deadlock retries exhausted): JSON under /api/."""
    if request.path.startswith("/api/"):
        detail = BUSY_DETAIL if busy else MESSAGE
        response = HttpResponse(json.dumps({"detail": detail, "citation": ""}, ensure_ascii=False),
                                status=503, content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(BUSY_PAGE if busy else PAGE, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Replace the 500 of a lost database connection by a 503 in Chinese (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        mark = getattr(request, _MARK, False)
        if mark and response.status_code >= 500:
            return unavailable_response(request, busy=mark == _BUSY)
        return response
