"""A lost database connection becomes a clear 503, never a traceback.

When PostgreSQL restarts (or the network to it drops), a request that touches it fails with
django.db.OperationalError / InterfaceError. Django turns any uncaught exception into a 500;
this middleware notices that the exception was a lost connection and answers instead with
503 「資料庫暫時無法連線，請稍後再試」 and `Retry-After`: an HTML page for people, JSON
{"detail", "citation"} under /api/ (the API's one error shape). Nothing it returns touches
the database. The transaction of the failed request was rolled back by the database, so the
client may simply send the request again.

How: Django sends `got_request_exception` inside its exception handling, for exceptions from
views and from middleware alike; the receiver below marks the request when the exception is
a lost connection, and the middleware (placed outside the session and auth middleware)
replaces the resulting 500. The error is still logged with its traceback by Django.
With CONN_HEALTH_CHECKS (settings) the next request reconnects once the database is back.
"""

from __future__ import annotations

import json
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse

MESSAGE = "資料庫暫時無法連線，請稍後再試"
RETRY_AFTER_SECONDS = 5
_MARK = "_chaiqin_database_unavailable"

PAGE = f"""<!doctype html>
<html lang="zh-Hant"><head><meta charset="utf-8"><title>暫停服務 — 差勤系統</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>{MESSAGE}</h1>
<p>系統暫時無法連上資料庫（例如資料庫正在重新啟動）。您剛才的操作沒有完成，也沒有留下一半的紀錄；請稍候幾秒後重新整理或再送出一次。</p>
<p>若持續發生，請通知系統管理者。</p></main></body></html>
"""


def is_connection_lost(exc: BaseException | None) -> bool:
    """True for the errors a dropped or refused database connection raises."""
    seen = 0
    while exc is not None and seen < 10:  # the exception itself, or what it was raised from
        if isinstance(exc, (OperationalError, InterfaceError)):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


@receiver(got_request_exception, dispatch_uid="chaiqin.dbguard")
def _note_lost_connection(sender, request=None, **kwargs):
    if request is not None and is_connection_lost(sys.exc_info()[1]):
        setattr(request, _MARK, True)


def unavailable_response(request) -> HttpResponse:
    if request.path.startswith("/api/"):
        response = HttpResponse(json.dumps({"detail": MESSAGE, "citation": ""}, ensure_ascii=False),
                                status=503, content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(PAGE, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Replace the 500 of a lost database connection by a 503 in Chinese (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, _MARK, False) and response.status_code >= 500:
            return unavailable_response(request)
        return response
