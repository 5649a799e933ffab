"""Where a page sends people after a POST: a `next` given in the form or query is followed only
when it is a path of this site (Django's url_has_allowed_host_and_scheme), never to another
host (`https://evil.example/`, `//evil.example/`, `/\\evil.example`), so a link from outside
cannot use chaiqin to bounce people to a look-alike log-in page."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def next_url(request: HttpRequest, fallback: str) -> str:
    """The posted (or queried) `next` when it stays on this site, otherwise `fallback`."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return wanted
    return fallback
