"""The personnel console, the org API, delegations and /admin/, attacked by every role.

- /admin/ is for superusers only: every admin URL pattern, as every demo log-in but the system
  administrator, is refused (sent to the admin's log-in) and nothing changes;
- every console page and org API route, as everyone without the personnel role: 403;
- as a personnel officer of another agency, against this agency's people, units and roles: 404,
  and nothing changes (個人資料保護法第5條、第19條: personal data only to those whose duties need it).
"""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from .conftest import at, client_for, snapshot

pytestmark = pytest.mark.django_db

NOT_PERSONNEL = ("alice", "bob", "diana", "erin", "frank", "gina", "ivy", "leo", "ken")


def _routes(prefix: str):
    def walk(resolver, path=""):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                yield from walk(p, path + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield path + str(p.pattern)

    return [route for route in walk(get_resolver()) if route.startswith(prefix)]


def _fill(route: str, ids: dict[str, int]) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(ids.get(m.group(1), 1)), route)


def _admin_url(route: str) -> str:
    # Regex routes of the admin (the app index, the catch-all) become plain paths.
    route = route.replace("^", "").replace("$", "")
    route = re.sub(r"\(\?P<app_label>[^)]*\)", "org", route)
    route = re.sub(r"\(\?P<url>[^)]*\)", "org/person/", route)
    return _fill(route, {})


@pytest.fixture
def county(world, people):
    """Ids of the county's records that the school's personnel officer (hank) must not reach."""
    from chaiqin.workflow import services as workflow

    delegation = workflow.delegation_create(person=world.bob, delegate=world.diana, start=at("2026-03-20T08:00"),
                                            end=at("2026-03-21T17:00"))
    return {"person_id": world.alice.pk, "unit_id": world.civil_affairs.pk,
            "assignment_id": world.carol.roles.get().pk, "delegation_id": delegation.pk}


def test_every_admin_url_refuses_every_demo_log_in_but_the_system_administrator(db):
    from chaiqin.org.demo import demo_load

    demo_load()
    users = get_user_model().objects.filter(person__isnull=False)
    assert not users.filter(is_staff=True).exclude(is_superuser=True).exists()  # nobody of an agency is staff
    routes = [r for r in _routes("admin/") if not r.startswith(("admin/login/", "admin/logout/"))]
    assert len(routes) > 40
    before = snapshot()
    passed = []
    for user in users.filter(is_superuser=False):
        client = Client()
        client.force_login(user)
        for route in routes:
            url = _admin_url(route)
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                if not (response.status_code in (302, 404) and "/admin/login/" in response.get("Location", "/admin/login/")):
                    passed.append(f"{user.username} {method.upper()} {url} → {response.status_code}")
    assert not passed, "非系統管理者進入了 /admin/：\n" + "\n".join(passed)
    assert snapshot() == before
    admin = Client()
    admin.force_login(get_user_model().objects.get(username="admin"))
    assert admin.get("/admin/").status_code == 200
    personnel = Client()
    personnel.force_login(get_user_model().objects.get(username="school-hr"))
    assert personnel.get("/admin/org/person/").status_code == 302
    assert personnel.get("/console/").status_code == 200


def test_staff_status_alone_never_opens_the_admin(world):
    world.carol.user.is_staff = True
    world.carol.user.save()
    assert client_for("carol").get("/admin/org/person/").status_code == 302


def test_without_the_personnel_role_every_console_page_and_org_api_is_403(world, county):
    before = snapshot()
    routes = _routes("console/")
    assert len(routes) >= 25
    wrong = []
    for name in NOT_PERSONNEL:
        client = client_for(name)
        for route in routes:
            url = _fill(route, county)
            for method in ("get", "post"):
                status = getattr(client, method)(url).status_code
                if status != 403 and status != 405:
                    wrong.append(f"{name} {method.upper()} {url} → {status}")
        for method, url in (("get", "/api/org/people"), ("get", "/api/org/units"), ("post", "/api/org/people"),
                            ("patch", f"/api/org/people/{world.alice.pk}")):
            status = client.generic(method.upper(), url, json.dumps({}), content_type="application/json").status_code
            if status not in (403, 422):  # 422: a body the schema refuses before any permission is granted
                wrong.append(f"{name} {method.upper()} {url} → {status}")
    assert not wrong, "\n".join(wrong)
    assert snapshot() == before


def test_another_agencys_personnel_officer_gets_404_on_every_console_route_with_an_id(world, county):
    before = snapshot()
    client = client_for("hank")
    wrong = []
    for route in _routes("console/"):
        if "<int:" not in route:
            continue
        url = _fill(route, county)
        for method in ("get", "post"):
            status = getattr(client, method)(url, {"head": world.bob.pk, "unit": world.civil_affairs.pk,
                                                   "password": "Zx9-chaiqin-attack", "username": "x1",
                                                   "on": "115-03-01", "kind": "parental", "start": "115-03-01",
                                                   "agents": [world.bob.pk]}).status_code
            if status not in (404, 405):
                wrong.append(f"hank {method.upper()} {url} → {status}")
    for route in _routes("workflow/delegations/"):
        if "<int:" in route:
            status = client.post(_fill(route, county)).status_code
            if status != 404:
                wrong.append(f"hank POST {route} → {status}")
    body = json.dumps({"title": "被改了"})
    if (status := client.patch(f"/api/org/people/{world.alice.pk}", body, content_type="application/json").status_code) != 404:
        wrong.append(f"hank PATCH /api/org/people/{world.alice.pk} → {status}")
    assert not wrong, "\n".join(wrong)
    assert snapshot() == before


def test_list_pages_and_searches_show_only_the_officers_own_agency(world, county):
    client = client_for("hank")
    for url in ("/console/people/?q=陳雅婷", f"/console/people/?agency={world.county.pk}&q=陳雅婷",
                "/console/units/", "/console/roles/", "/console/events/"):
        page = client.get(url).content.decode()
        assert "陳雅婷" not in page.split("</form>", 2)[-1] and "民政處" not in page, url
    assert client.get("/api/org/people", {"q": "陳雅婷"}).json() == []
    assert {u["name"] for u in client.get("/api/org/units").json()} == {"機械科", "人事室"}


def test_a_body_naming_another_agencys_unit_or_supervisor_saves_nothing(world, county):
    before = snapshot()
    client = client_for("hank")
    school_unit = world.gina.unit
    for body in ({"unit_id": world.civil_affairs.pk}, {"unit_id": school_unit.pk, "supervisor_id": world.bob.pk}):
        payload = {"employee_no": "X1", "name": "甲", "gender": "F", "post": "admin", "hire_date": "115-01-05",
                   **body}
        response = client.post("/api/org/people", json.dumps(payload), content_type="application/json")
        assert response.status_code == 400 and "不屬於您管理的機關" in response.json()["detail"]
    response = client.patch(f"/api/org/people/{world.hank.pk}", json.dumps({"unit_id": world.civil_affairs.pk}),
                            content_type="application/json")
    assert response.status_code == 400
    response = client.post(f"/console/people/{world.hank.pk}/agents/", {"agents": [world.bob.pk]})
    assert response.status_code == 302
    assert snapshot() == before
