"""The REST API calls the same services: JSON in (民國 dates accepted), Chinese refusals out."""

from __future__ import annotations

import pytest

from chaiqin.conftest import PASSWORD
from chaiqin.trips.models import Overseas

from .conftest import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_client(client, world):
    client.login(username="alice", password=PASSWORD)
    return client


def test_an_official_trip_is_filed_with_roc_dates_and_lists_its_expenses(alice_client):
    response = alice_client.post("/api/trips/trips", {"nature": "official", "place": "臺北", "reason": "開會",
                                                      "start": "115-03-10 08:00", "end": "115-03-10 17:00"},
                                 content_type="application/json")
    assert response.status_code == 201, response.content
    paid = {e["item"]: e["paid"] for e in response.json()["expenses"]}
    assert paid == {"transport": True, "lodging": True, "miscellaneous": True}


def test_a_trip_ending_before_it_starts_is_a_400_in_chinese(alice_client):
    response = alice_client.post("/api/trips/trips", {"nature": "training", "place": "臺北", "reason": "研習",
                                                      "start": "115-03-10 17:00", "end": "115-03-10 08:00"},
                                 content_type="application/json")
    assert response.status_code == 400
    assert "必須晚於開始時間" in response.json()["detail"]


def test_a_mainland_application_through_the_api(alice_client, world):
    body = {"form": "overseas", "destination": "mainland", "country": "上海", "start": "115-03-14 06:00",
            "end": "115-03-22 22:00", "reason": "旅遊", "agent_id": world.bob.pk,
            "leave_lines": [{"leave_code": "annual", "start": "115-03-16 08:00", "end": "115-03-20 17:00"}]}
    created = alice_client.post("/api/trips/overseas", body, content_type="application/json")
    assert created.status_code == 201, created.content
    oid = created.json()["id"]
    refused = alice_client.post(f"/api/trips/overseas/{oid}/submit")
    assert refused.status_code == 400 and "赴大陸地區申請表" in refused.json()["detail"]
    put = alice_client.put(f"/api/trips/overseas/{oid}/mainland", {"places": "上海", "purpose": "group_tour"},
                           content_type="application/json")
    assert put.status_code == 200 and put.json()["has_mainland_form"]
    from django.core.files.uploadedfile import SimpleUploadedFile

    uploaded = alice_client.post(f"/api/trips/overseas/{oid}/attachments",
                                 {"purpose": "mainland_document", "file": SimpleUploadedFile("行程.pdf", PDF)})
    assert uploaded.status_code == 201, uploaded.content
    submitted = alice_client.post(f"/api/trips/overseas/{oid}/submit")
    assert submitted.status_code == 200 and submitted.json()["status"] == "pending"
    assert "ethics" in Overseas.objects.get().case.steps.values_list("role", flat=True)


def test_others_cannot_read_a_trip(client, world):
    from chaiqin.trips import services
    from .conftest import at

    trip = services.trip_file(person=world.alice, nature="official", place="臺北", reason="開會",
                              start=at("2026-03-10 08:00"), end=at("2026-03-10 17:00"))
    client.login(username="gina", password=PASSWORD)
    assert client.get(f"/api/trips/trips/{trip.pk}").status_code == 404
    client.login(username="bob", password=PASSWORD)
    assert client.get(f"/api/trips/trips/{trip.pk}").status_code == 200
