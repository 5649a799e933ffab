"""The monthly overtime sheet with unit subtotals, its export through the API, and the pages
for trips' overtime and the rest warning."""

import io

import pytest

from chaiqin.org.models import Person
from chaiqin.overtime import selectors, services

from .conftest import approve_all
from .test_other_approvals import decide_all, weekend_trip  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def claimed(world, settings, ask, person, day, compensation):
    settings.CHAIQIN_NOW = f"2026-03-{day - 1:02d}T09:00"
    slot = approve_all(ask(person, [(f"2026-03-{day:02d}T18:00", f"2026-03-{day:02d}T20:00")])).slots.get()
    settings.CHAIQIN_NOW = f"2026-03-{day:02d}T18:00"
    services.overtime_sign(slot=slot, person=person, direction="in")
    settings.CHAIQIN_NOW = f"2026-03-{day:02d}T20:00"
    services.overtime_sign(slot=slot, person=person, direction="out")
    settings.CHAIQIN_NOW = f"2026-03-{day + 1:02d}T09:00"
    return services.overtime_claim_file(slot=slot, person=person, compensation=compensation)


def test_the_sheet_subtotals_each_unit_on_the_page_and_in_the_api(world, settings, ask, client):
    claimed(world, settings, ask, world.alice, 10, "pay")
    claimed(world, settings, ask, world.bob, 11, "comp_time")
    people = Person.objects.filter(agency=world.county).select_related("unit").order_by("unit__sort_order", "employee_no")
    groups = selectors.sheet_by_unit(selectors.monthly_sheet(people, 2026, 3))
    civil = [g for g in groups if g.unit == world.civil_affairs][0]
    assert civil.total == 240 and civil.minutes["pay"] == 120 and civil.minutes["comp_time"] == 120

    client.login(username="carol", password="correct-horse-battery")
    page = client.get("/overtime/sheet/?month=2026-03").content.decode()
    assert f"{world.civil_affairs.name} 小計" in page
    answer = client.get("/api/overtime/sheet/2026/3")
    assert answer.status_code == 200
    unit = [u for u in answer.json() if u["unit_id"] == world.civil_affairs.pk][0]
    assert unit["total"] == 240 and {r["name"] for r in unit["rows"]} == {world.alice.name, world.bob.name}
    export = client.get("/api/overtime/sheet/2026/3/xlsx")
    assert export.status_code == 200 and export["Content-Disposition"].endswith('overtime-2026-03.xlsx"')
    from openpyxl import load_workbook

    cells = [str(c.value) for row in load_workbook(io.BytesIO(export.content)).active.iter_rows() for c in row]
    assert f"{world.civil_affairs.name} 單位小計" in cells


def test_alice_sees_only_herself_in_the_sheet_api(world, settings, ask, client):
    claimed(world, settings, ask, world.bob, 11, "pay")
    client.login(username="alice", password="correct-horse-battery")
    assert client.get("/api/overtime/sheet/2026/3").json() == []


def test_a_weekend_trip_is_claimed_from_the_overtime_page(world, settings, client, weekend_trip):  # noqa: F811
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    client.login(username="alice", password="correct-horse-battery")
    home = client.get("/overtime/").content.decode()
    assert "申請出差加班補償" in home and weekend_trip.place in home
    done = client.post(f"/overtime/trips/{weekend_trip.pk}/claim/", {"compensation": "pay"}, follow=True)
    page = done.content.decode()
    assert "假日出差自行填寫加班時數" in page and "已以出差單申請加班加班費：10時" in page
    again = client.post(f"/overtime/trips/{weekend_trip.pk}/claim/", {"compensation": "pay"}, follow=True)
    assert "此出差單的加班時數已申請" in again.content.decode()
    listed = client.get("/api/overtime/trips").json()
    assert listed == []


def test_the_trip_api_claims_and_someone_elses_trip_is_not_found(world, settings, client, weekend_trip):  # noqa: F811
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    client.login(username="bob", password="correct-horse-battery")
    assert client.post(f"/api/overtime/trips/{weekend_trip.pk}/claim", {"compensation": "pay"},
                       content_type="application/json").status_code == 404
    client.login(username="alice", password="correct-horse-battery")
    answer = client.post(f"/api/overtime/trips/{weekend_trip.pk}/claim", {"compensation": "comp_time"},
                         content_type="application/json")
    assert answer.status_code == 200 and answer.json()["source"] == "trip"
    assert answer.json()["slots"][0]["comp_time_posted"] is True


def test_the_request_page_shows_the_rest_warning(world, settings, client):
    settings.CHAIQIN_NOW = "2026-03-02T09:00"
    client.login(username="alice", password="correct-horse-battery")
    done = client.post("/overtime/new/", {"reason": "選務", "work_items": "開票", "situation": "normal",
                                          "date_from": "115-03-09", "start_time": "21:00", "end_time": "00:30"},
                       follow=True)
    page = done.content.decode()
    assert "提醒" in page and "11小時" in page
