"""Editing ids in URLs and API paths: as people who may not see alice (another agency, a peer,
the head of another unit), every page and API operation that takes an id of one of alice's
records answers 403 or 404 — never 200, never a server error — and nothing in the database
changes (個人資料保護法第5條、第19條: personal data only to those whose duties need it).

The cases come from the URLconf and the OpenAPI schema, so a new page or operation with an id
is attacked by default; one whose id this file does not know fails `test_every_id_in_a_url_is_known`
until it is added to ID_OF below. Deliberate exceptions (not ids of a person's records):
- year/month/number in a path (calendars, survey, roll-up, travel card, overtime sheet): they
  select a period of the viewer's own agency, never someone else's record;
- /admin/ (Django's admin: staff only, see test_sessions.py).
"""

from __future__ import annotations

import functools
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from .conftest import PNG, at, client_for, snapshot

pytestmark = pytest.mark.django_db

ATTACKERS = ("gina", "hank", "ivy", "leo")
NOT_IDS = {"year", "month", "number"}
STRINGS = {"week": "2026-03-09", "week_start": "2026-03-09", "day": "2026-03-09", "direction": "in",
           "fmt": "xlsx", "kind": "lactation", "token": "me"}

# (app, path segment before the id or the id's name) -> the record of alice it names.
ID_OF = {
    ("*", "person_id"): lambda r: r.person,
    ("workflow", "case_id"): lambda r: r.case,
    ("leave", "request_id"): lambda r: r.leave,
    ("leave", "attachment_id"): lambda r: r.leave_attachment,
    ("attendance", "form_id"): lambda r: r.missed_punch,
    ("attendance", "device_id"): lambda r: r.extra["device"],
    ("attendance", "network_id"): lambda r: r.extra["network"],
    ("overtime", "request_id"): lambda r: r.overtime,
    ("overtime", "slot_id"): lambda r: r.slot,
    ("overtime", "trip_id"): lambda r: r.trip,
    ("wfh", "applications"): lambda r: r.wfh_application,
    ("wfh", "application_id"): lambda r: r.wfh_application,
    ("wfh", "days"): lambda r: r.wfh_day,
    ("wfh", "day_id"): lambda r: r.wfh_day,
    ("wfh", "logs"): lambda r: r.wfh_log,
    ("wfh", "log_id"): lambda r: r.wfh_log,
    ("wfh", "overtime"): lambda r: r.wfh_overtime,
    ("wfh", "overtime_id"): lambda r: r.wfh_overtime,
    ("trips", "trip_id"): lambda r: r.trip,
    ("trips", "overseas_id"): lambda r: r.overseas,
    ("trips", "trip_attachment_id"): lambda r: r.trip_attachment,
    ("trips", "overseas_attachment_id"): lambda r: r.overseas_attachment,
    # alice's leave is pending, so it has no 銷假 yet: any id must still meet 404 here, and
    # test_printing_and_files.py prints a real one.
    ("leave", "cancellation_id"): lambda r: r.leave,
    ("compliance", "form_id"): lambda r: r.lactation,
    ("console", "unit_id"): lambda r: r.person.unit,
    ("console", "assignment_id"): lambda r: r.extra["role"],
    ("workflow", "delegation_id"): lambda r: r.extra["delegation"],
    ("tokens", "token_id"): lambda r: r.extra["token"],
    ("phrases", "phrase_id"): lambda r: r.extra["phrase"],
    # a worker's 例假/休息日 roster, kept by the personnel office of alice's agency
    ("overtime", "roster_id"): lambda r: r.extra["roster"],
}


def _walk(resolver, prefix="", app=""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p, prefix + str(p.pattern), p.app_name or app)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), app


def page_routes():
    """(route, app, {id name: lookup key}) of every page whose route takes an int id."""
    for route, app in _walk(get_resolver()):
        if route.startswith(("admin/", "api/")):
            continue
        ids = re.findall(r"<int:(\w+)>", route)
        if any(name not in NOT_IDS for name in ids):
            yield route, app, ids


@functools.cache
def api_schema() -> dict:
    from chaiqin.api import api

    return api.get_openapi_schema()


def api_routes():
    """(method, path, app, [param]) of every API operation whose path takes a parameter."""
    for path, operations in api_schema()["paths"].items():
        params = re.findall(r"\{(\w+)\}", path)
        if not any(name not in NOT_IDS and name not in STRINGS for name in params):
            continue
        app = path.split("/")[2] if path.count("/") > 2 else ""
        for method in operations:
            yield method.upper(), path, app, params


def example(schema: dict, components: dict):
    """A small valid value of a JSON schema (every field filled), so the attack gets past
    the body's validation and reaches the permission check."""
    if "$ref" in schema:
        return example(components[schema["$ref"].rsplit("/", 1)[-1]], components)
    for combo in ("allOf", "anyOf", "oneOf"):
        if combo in schema:
            return example(schema[combo][0], components)
    if "default" in schema:
        return schema["default"]
    if "enum" in schema:
        return schema["enum"][0]
    kind, fmt = schema.get("type"), schema.get("format")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        return {k: example(v, components) for k, v in props.items()}
    if kind == "array":
        return []
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return 1
    if kind == "boolean":
        return True
    if fmt == "date":
        return "2026-03-16"
    if fmt == "date-time":
        return "2026-03-16T08:00:00+08:00"
    if fmt == "time":
        return "08:00:00"
    return "approve"


def api_request(method: str, path: str, app: str, records) -> tuple[str, str]:
    """The URL (ids of alice's records, required query parameters) and a valid JSON body."""
    schema = api_schema()
    operation = schema["paths"][path][method.lower()]
    components = schema.get("components", {}).get("schemas", {})
    url = _fill(path, app, records, api=True)
    query = {p["name"]: example(p.get("schema", {}), components) for p in operation.get("parameters", [])
             if p["in"] == "query" and p.get("required")}
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    content = operation.get("requestBody", {}).get("content", {})
    if "multipart/form-data" in content:
        form = example(content["multipart/form-data"]["schema"], components)
        return url, {k: (SimpleUploadedFile("a.png", PNG, "image/png") if v == "approve" and k == "file" else v)
                     for k, v in form.items()}
    body = content.get("application/json", {}).get("schema")
    return url, json.dumps(example(body, components) if body else {})


def api_send(client, method: str, path: str, app: str, records):
    """The operation called by `client` as api_request builds it: (url, response)."""
    url, body = api_request(method, path, app, records)
    if isinstance(body, dict):
        return url, client.post(url, body)
    return url, client.generic(method, url, body, content_type="application/json")


def _key(app: str, route: str, name: str):
    """The ID_OF key of the id `name` in `route` (wfh's bare pk is told apart by the segment before it)."""
    if name == "pk":
        before = re.split(r"[/{}<>]", route.split(f"<int:{name}>")[0].rstrip("/"))[-1]
        return (app, before)
    return ("*", name) if ("*", name) in ID_OF else (app, name)


def _fill(route: str, app: str, records, *, api: bool) -> str:
    def value(match):
        name = match.group(2)
        if name in NOT_IDS:
            return "2026" if name == "year" else ("3" if name == "month" else "1")
        if name in STRINGS:
            return STRINGS[name]
        key = ("*", name) if ("*", name) in ID_OF else (app, name)
        if name == "pk":
            before = route[: match.start()].rstrip("/").split("/")[-1]
            key = (app, before)
        return str(ID_OF[key](records).pk)

    pattern = r"\{()(\w+)\}" if api else r"<(\w+:)?(\w+)>"
    return "/" + re.sub(pattern, value, route).lstrip("/")


@pytest.fixture
def agency_settings(records, world):
    from chaiqin.attendance import services as attendance
    from chaiqin.workflow import services as workflow
    from chaiqin.tokens.services import token_create

    device, _token = attendance.device_create(agency=world.county, name="大門刷卡機")
    records.extra["device"] = device
    records.extra["network"] = attendance.network_allow(agency=world.county, cidr="10.20.0.0/16", label="本府")
    records.extra["role"] = world.carol.roles.get()
    records.extra["delegation"] = workflow.delegation_create(person=world.alice, delegate=world.bob,
                                                             start=at("2026-03-20T08:00"), end=at("2026-03-21T17:00"))
    records.extra["token"], _secret = token_create(actor=world.alice, name="公文系統", scope="write")
    from chaiqin.phrases.services import phrase_add

    records.extra["phrase"] = phrase_add(actor=world.alice, text="參加研習")
    from datetime import date

    from chaiqin.org.models import Person
    from chaiqin.org.services import person_create
    from chaiqin.overtime import days_off_services

    worker = person_create(agency=world.county, unit=world.civil_affairs, employee_no="W1", name="技工甲",
                           gender="M", post=Person.Post.WORKER, hire_date=date(2025, 3, 1), supervisor=world.bob)
    records.extra["roster"] = days_off_services.days_off_roster_set(
        person=worker, actor=world.carol, schedule="weekly", period_start=date(2026, 3, 16),
        regular_days_off=[date(2026, 3, 22)], rest_days=[date(2026, 3, 21)])
    return records


def test_every_id_in_a_url_is_known():
    unknown = []
    for route, app, ids in page_routes():
        for name in ids:
            if name in NOT_IDS:
                continue
            key = (app, re.split(r"[/<>]", route.split(f"<int:{name}>")[0].rstrip("/"))[-1]) if name == "pk" else (
                ("*", name) if ("*", name) in ID_OF else (app, name))
            if key not in ID_OF:
                unknown.append(f"{route} ({name})")
    for method, path, app, params in api_routes():
        for name in params:
            if name in NOT_IDS or name in STRINGS:
                continue
            key = ("*", name) if ("*", name) in ID_OF else (app, name)
            if key not in ID_OF:
                unknown.append(f"{method} {path} ({name})")
    assert not unknown, "新的頁面或 API 含有 id，請在 ID_OF 中指明它指向哪一種紀錄：" + "、".join(unknown)


def test_nobody_outside_alices_circle_reads_or_changes_her_records_by_id(agency_settings, people):
    from chaiqin.org import access

    records = agency_settings
    for name in ATTACKERS:
        assert not access.can_see_person(people[name] if name in people else _person(name), records.person)
    before = snapshot()
    leaks = []
    for name in ATTACKERS:
        client = client_for(name)
        for route, app, _ids in page_routes():
            url = _fill(route, app, records, api=False)
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                if response.status_code == 405:
                    continue
                if response.status_code not in (403, 404):
                    leaks.append(f"{name} {method.upper()} {url} → {response.status_code}")
        for method, path, app, _params in api_routes():
            url, response = api_send(client, method, path, app, records)
            if response.status_code not in (403, 404):
                leaks.append(f"{name} {method} {url} → {response.status_code}")
    assert not leaks, "越權存取：\n" + "\n".join(leaks)
    assert snapshot() == before


def _person(username):
    from chaiqin.org.models import Person

    return Person.objects.get(user__username=username)


def test_the_owner_reaches_the_same_urls_so_the_ids_are_real(agency_settings):
    """The control: alice's own GET pages and API reads answer 200 with the very ids the attack uses."""
    records = agency_settings
    client = client_for("alice")
    reached, refused = [], []
    for route, app, _ids in page_routes():
        if "/attendance/settings/" in "/" + route or "/decide/" in "/" + route:
            continue
        url = _fill(route, app, records, api=False)
        status = client.get(url).status_code
        (reached if status == 200 else refused).append(f"GET {url} → {status}")
    for method, path, app, _params in api_routes():
        if method == "GET":
            url = _fill(path, app, records, api=True)
            status = client.get(url).status_code
            (reached if status == 200 else refused).append(f"GET {url} → {status}")
    print("\n".join(reached + ["--"] + refused))
    assert len(reached) >= 25
