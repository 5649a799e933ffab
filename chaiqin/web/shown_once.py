"""Secrets shown once after a POST (a new API token, a calendar subscription link, the one-time
passwords of imported log-ins), by post/redirect/get.

The POST keeps the secret in the session and redirects; the GET that follows takes it out of
the session and shows it. A reload then neither posts again (a second token, a second import)
nor shows the secret again. The session lives on the server (database sessions), so the secret
never appears in a URL, a cookie or a message.
"""

from __future__ import annotations

from typing import Any

PREFIX = "shown_once:"


def keep(request, name: str, value: Any) -> None:
    """Keep `value` (JSON-serialisable) for the next page that calls `take(request, name)`."""
    request.session[PREFIX + name] = value


def take(request, name: str) -> Any:
    """The value kept under `name`, removed from the session; None when there is none."""
    return request.session.pop(PREFIX + name, None)
