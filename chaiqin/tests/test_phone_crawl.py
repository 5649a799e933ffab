"""Every page each demo log-in reaches by links, on a phone (390×844): no sideways scrolling, no
Gregorian date in the visible text, no internal text (seed numbers, API paths, field names) and
no English placeholder. One browser, one context per log-in; pages of one shape (ids replaced)
are visited at most twice by log-ins alike (chaiqin.tests.demo_walks), so the crawl stays short
as the demo grows."""

from __future__ import annotations

import os
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from chaiqin.conftest import log_in
from chaiqin.tests.demo_walks import ShapeCounts, shape

# How a page looks does not depend on the database: CI's PostgreSQL pass leaves the crawl out, and
# reads_never_write still opens every page there (a page that fails on PostgreSQL fails it).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.database_independent]

PHONE = {"width": 390, "height": 844}
SKIP_PREFIXES = ("/admin/", "/api/", "/logout/", "/static/", "/media/", "/leave/ical/")
SKIP_SUFFIXES = (".xlsx", ".ods", ".ics", ".pdf", ".csv", ".png", ".jpg")
# A dot counts as a date separator only in a full date (2026.12.01): 2082.5 is a number of hours.
GREGORIAN = re.compile(r"(?<!\d)(?:19|20)\d{2}(?:[-/](?:0?[1-9]|1[0-2])(?:[-/]\d{1,2})?|\.(?:0?[1-9]|1[0-2])\.\d{1,2}|年)")
INTERNAL = re.compile(r"seed\s*\d|/api/|work_suitable|on_site_unit|Select an option|\bNone\b|\bTrue\b|\bFalse\b")
PER_SHAPE = 2
MAX_PAGES = 80

# Scroll width, visible text and English placeholders of the page, in one round trip.
PROBE = """() => {
  const wide = document.documentElement.scrollWidth - window.innerWidth;
  const placeholders = [...document.querySelectorAll('[placeholder]')]
    .map(e => e.getAttribute('placeholder')).filter(p => /[A-Za-z]{2,}/.test(p) && !/[\\u4e00-\\u9fff]/.test(p));
  const options = [...document.querySelectorAll('option')].map(o => o.textContent)
    .filter(t => /[A-Za-z]{3,}/.test(t) && !/[\\u4e00-\\u9fff]/.test(t));
  const links = [...document.querySelectorAll('a[href]')].map(a => a.href);
  return {wide, text: document.body.innerText, placeholders, options, links};
}"""


def _wanted(url: str, origin: str) -> str | None:
    url, _ = urldefrag(url)
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    if parts.path.startswith(SKIP_PREFIXES) or parts.path.endswith(SKIP_SUFFIXES) or "format=" in parts.query:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(page, origin: str, seen_shapes: dict[str, int], shots: str = "") -> dict[str, list[str]]:
    """path -> what is wrong there, for every page reached from the home page by links whose shape
    `seen_shapes` (shared by log-ins alike) has not had PER_SHAPE times; with `shots` (a folder), a
    full-page screenshot of each page shape to look at afterwards."""
    problems: dict[str, list[str]] = {}
    queue, seen = deque(["/"]), {"/"}
    visited = 0
    while queue and visited < MAX_PAGES:
        path = queue.popleft()
        try:
            response = page.goto(path)
        except PlaywrightError as exc:  # a link that downloads a file is not a page
            if "Download is starting" in str(exc):
                continue
            raise
        visited += 1
        found = page.evaluate(PROBE)
        if shots and seen_shapes.get(shape(path), 0) <= 1:
            name = re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_") or "home"
            page.screenshot(path=os.path.join(shots, f"{name}.png"), full_page=True)
        wrong = []
        if response is not None and response.status >= 400:
            wrong.append(f"HTTP {response.status}")
        if found["wide"] > 1:
            wrong.append(f"sideways scroll of {found['wide']} px")
        wrong += [f"Gregorian date 「{m.group(0)}」" for m in GREGORIAN.finditer(found["text"])][:3]
        wrong += [f"internal text 「{m.group(0)}」" for m in INTERNAL.finditer(found["text"])][:3]
        wrong += [f"English placeholder 「{p}」" for p in found["placeholders"]][:3]
        wrong += [f"English option 「{o.strip()}」" for o in found["options"]][:3]
        if wrong:
            problems[path] = wrong
        for link in found["links"]:
            target = _wanted(link, origin)
            if target is None or target in seen:
                continue
            kind = shape(target)
            if seen_shapes.get(kind, 0) >= PER_SHAPE:
                continue
            seen_shapes[kind] = seen_shapes.get(kind, 0) + 1
            seen.add(target)
            queue.append(target)
    return problems


def test_every_page_of_every_demo_log_in_fits_a_phone_and_reads_as_the_users_read(browser, live_server):
    from django.core.management import call_command

    from chaiqin.org.demo import DEMO_LOGINS, DEMO_PASSWORD

    call_command("load_demo", stdout=open("/dev/null", "w"))
    report = {}
    shapes = ShapeCounts()
    for login in DEMO_LOGINS:
        context = browser.new_context(locale="zh-TW", timezone_id="Asia/Taipei", base_url=live_server.url,
                                      viewport=PHONE)
        context.set_default_timeout(15_000)
        page = context.new_page()
        log_in(page, login.username, DEMO_PASSWORD)
        shots = os.environ.get("CHAIQIN_SCREENSHOTS", "")  # a folder: screenshots to look at
        if shots:
            shots = os.path.join(shots, login.username)
            os.makedirs(shots, exist_ok=True)
        for path, wrong in crawl(page, live_server.url, shapes.for_login(login.username), shots).items():
            report[f"{login.username} {path}"] = wrong
        context.close()
    assert not report, "\n".join(f"{where}: {'; '.join(wrong)}" for where, wrong in sorted(report.items()))
