"""A request body beyond what the server reads answers 413 in Chinese, not a bare 400 or 500.

Django refuses to read more than DATA_UPLOAD_MAX_MEMORY_SIZE of a body that is not a file
upload (RequestDataTooBig, turned into an English 400 page or, through the API, a server
error). This middleware, placed before anything reads the body, answers such a request at once
with 413 「送出的資料過大」: a short page for people, the API's error shape under /api/. Files
sent as multipart/form-data are not counted here (their limits are the uploads' own, checked
with their own messages); a body of unknown length is caught when it is read.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse


def _limit_text() -> str:
    return f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024):g} MB"


def too_large_response(request) -> HttpResponse:
    message = f"送出的資料過大（上限 {_limit_text()}），請縮小附件或分次送出。"
    if request.path.startswith("/api/"):
        return HttpResponse(json.dumps({"detail": message, "citation": ""}, ensure_ascii=False), status=413,
                            content_type="application/json; charset=utf-8")
    page = (f'<!doctype html><html lang="zh-Hant"><head><meta charset="utf-8"><title>資料過大 — 差勤系統</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
            f"<body><main><h1>{message}</h1><p>請回上一頁修改後再送出。</p></main></body></html>")
    return HttpResponse(page, status=413, content_type="text/html; charset=utf-8")


class BodyTooLargeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and not request.content_type.startswith("multipart/"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                return too_large_response(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RequestDataTooBig):
            return too_large_response(request)
        return None
