"""The REST API of the foundation: scoped like the pages, documented at /api/docs."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_openapi_docs_are_served_without_a_cdn(client, world):
    client.force_login(world.alice.user)
    html = client.get("/api/docs").content.decode()
    assert "swagger" in html.lower() and "cdn.jsdelivr" not in html


def test_me_returns_the_person_and_roles(client, world):
    client.force_login(world.bob.user)
    body = client.get("/api/me").json()
    assert body["name"] == world.bob.name and body["agency"]["code"] == "376550000A"
    assert body["roles"] == ["employee", "supervisor"]


def test_the_api_needs_a_log_in(client, world):
    assert client.get("/api/me").status_code == 401


def test_another_agencys_person_is_404_through_the_api_too(client, world):
    client.force_login(world.carol.user)
    assert client.get(f"/api/people/{world.alice.pk}").status_code == 200
    assert client.get(f"/api/people/{world.gina.pk}").status_code == 404


def test_month_calendar_of_my_agency(client, world):
    client.force_login(world.alice.user)
    days = client.get("/api/calendar/2026/10").json()
    assert len(days) == 31
    national_day = next(d for d in days if d["date"] == "2026-10-10")
    assert national_day["is_workday"] is False and "國慶" in national_day["name"]


def test_month_calendar_refuses_an_impossible_month(client, world):
    client.force_login(world.alice.user)
    assert client.get("/api/calendar/2026/13").status_code == 404
