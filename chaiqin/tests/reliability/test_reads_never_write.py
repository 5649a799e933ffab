"""Reads never write: every page every demo log-in can reach by its links leaves every table as it was.

The demo is loaded as `manage.py load_demo` loads it; each demo log-in then walks the site from
its home page, following every same-site link (GET only; pages of one shape at most three times),
and the content of every table is compared before and after. A page that posts a grant, stamps a row or records anything fails.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command

from chaiqin.tests.demo_walks import ShapeCounts, shape

pytestmark = pytest.mark.django_db

_LINK = re.compile(r'href="([^"#]+)"')
# Leaving the site, logging out, the superuser's admin and file downloads are not pages of a log-in.
_SKIP = ("/logout", "/accounts/logout", "/admin/", "/static/", "/api/")
_MAX_PAGES = 120
# Pages of one shape (digits replaced: /people/N/, ?month=N-N) run the same view on other rows;
# three of each for log-ins alike (chaiqin.tests.demo_walks) cover every view they reach without
# walking all of the county's people once per personnel officer.
_PER_SHAPE = 3


def _fingerprint() -> dict[str, str]:
    out = {}
    for model in apps.get_models():
        rows = model._base_manager.order_by("pk").values_list()
        digest = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
        out[model._meta.label] = digest
    return out


def _walk(client, shapes: dict[str, int]) -> list[str]:
    """The pages walked from the home page, counting each shape in `shapes` (shared by log-ins alike)."""
    seen: list[str] = []
    queue = ["/"]
    while queue and len(seen) < _MAX_PAGES:
        url = queue.pop(0)
        kind = shape(url)
        if url in seen or (url != "/" and shapes.get(kind, 0) >= _PER_SHAPE):
            continue
        seen.append(url)
        shapes[kind] = shapes.get(kind, 0) + 1
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), (url, response.status_code)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in _LINK.findall(response.content.decode()):
            target = urljoin(url, href.replace("&amp;", "&"))
            parts = urlsplit(target)
            if parts.netloc or parts.scheme or not parts.path.startswith("/"):
                continue
            if any(parts.path.startswith(s) for s in _SKIP):
                continue
            if target not in seen and target not in queue:
                queue.append(target)
    return seen


def test_every_page_of_every_demo_log_in_changes_no_table(client, settings):
    from chaiqin.org.demo import DEMO_LOGINS, DEMO_PASSWORD

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    call_command("load_demo", stdout=open("/dev/null", "w"))
    before = _fingerprint()
    walked = 0
    shapes = ShapeCounts()
    for login in DEMO_LOGINS:
        assert client.login(username=login.username, password=DEMO_PASSWORD), login.username
        # logging in stamps the session and the last log-in: the walk starts after it
        before = _fingerprint()
        pages = _walk(client, shapes.for_login(login.username))
        walked += len(pages)
        after = _fingerprint()
        changed = sorted(k for k in before if before[k] != after[k] and k not in ("sessions.Session",))
        assert not changed, (login.username, changed)
        client.logout()
    assert walked > 20
