"""The pages render for those who may see them and refuse others (404)."""

import pytest

from chaiqin.conftest import PASSWORD
from chaiqin.trips import services

from .conftest import at

pytestmark = pytest.mark.django_db


def test_home_claim_sheet_and_scope(client, world):
    trip = services.trip_file(person=world.alice, nature="official", place="臺北", reason="開會",
                              start=at("2026-03-10 08:00"), end=at("2026-03-10 17:00"))
    client.login(username="alice", password=PASSWORD)
    assert "我的出差與公出" in client.get("/trips/").content.decode()
    response = client.get(f"/trips/{trip.pk}/claim.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    client.login(username="gina", password=PASSWORD)
    assert client.get(f"/trips/{trip.pk}/").status_code == 404


def test_a_break_report_outside_the_break_is_refused_on_the_page_and_kept_on_screen(client, world):
    client.login(username="gina", password=PASSWORD)
    response = client.post("/trips/overseas/new/break_report/", {
        "category": "tourism", "destination": "other", "country": "日本", "start": "115-03-20 08:00",
        "end": "115-03-24 17:00", "reason": "旅遊"})
    body = response.content.decode()
    assert response.status_code == 200 and "不在寒暑假內" in body and 'value="日本"' in body
