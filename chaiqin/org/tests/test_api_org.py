"""The personnel office's REST API (/api/org/...): scoped to the agencies where the caller holds
the personnel role; 403 without it, 404 (or a refusal naming the unit) outside it, nothing saved."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from chaiqin.org.models import OrgEvent, Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen(settings):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _body(world, **changes):
    body = {"employee_no": "C0950", "name": "高美玲", "gender": "F", "post": "admin", "title": "科員",
            "unit_id": world.civil_affairs.pk, "hire_date": "115-03-02", "supervisor_id": world.bob.pk,
            "email": "meiling@example.gov.tw", "username": "meiling"}
    body.update(changes)
    return json.dumps(body)


def test_search_lists_only_the_callers_agency(world):
    found = _client("carol").get("/api/org/people", {"q": "陳"}).json()
    assert [p["name"] for p in found] == ["陳雅婷"]
    assert all(p["agency"]["id"] == world.county.pk for p in _client("carol").get("/api/org/people").json())
    assert _client("hank").get("/api/org/people", {"q": "陳雅婷"}).json() == []


def test_without_the_personnel_role_it_is_403(world):
    for name in ("alice", "bob", "diana", "erin", "frank", "gina"):
        client = _client(name)
        assert client.get("/api/org/people").status_code == 403, name
        assert client.get("/api/org/units").status_code == 403, name
        assert client.post("/api/org/people", _body(world), content_type="application/json").status_code == 403
    assert not Person.objects.filter(employee_no="C0950").exists()


def test_create_a_person_with_a_roc_hire_date(world):
    response = _client("carol").post("/api/org/people", _body(world), content_type="application/json")
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["hire_date"] == "2026-03-02" and made["unit_name"] == "民政處" and made["supervisor_id"] == world.bob.pk
    person = Person.objects.get(pk=made["id"])
    assert person.user.username == "meiling" and not person.user.is_staff
    assert OrgEvent.objects.filter(person=person, actor=world.carol, action="person_create").exists()


def test_a_unit_of_another_agency_is_refused_and_nothing_saved(world):
    from chaiqin.org.models import Unit

    school_unit = Unit.objects.get(agency=world.school, name="機械科")
    response = _client("carol").post("/api/org/people", _body(world, unit_id=school_unit.pk),
                                     content_type="application/json")
    assert response.status_code == 400 and "不屬於您管理的機關" in response.json()["detail"]
    assert not Person.objects.filter(employee_no="C0950").exists()
    assert not get_user_model().objects.filter(username="meiling").exists()


@pytest.mark.parametrize("changes, message", [
    ({"hire_date": "2027-01-01"}, "晚於今天"), ({"hire_date": "1949-01-01"}, "民國39年"),
    ({"gender": "X"}, "性別"), ({"post": "boss"}, "職務類型"), ({"employee_no": "ALICE"}, "已有人使用"),
])
def test_bad_bodies_are_refused_in_chinese(world, changes, message):
    response = _client("carol").post("/api/org/people", _body(world, **changes), content_type="application/json")
    assert response.status_code == 400 and message in response.json()["detail"]
    assert not get_user_model().objects.filter(username="meiling").exists()


def test_patch_changes_and_moves_or_changes_nothing(world):
    client = _client("carol")
    response = client.patch(f"/api/org/people/{world.alice.pk}", json.dumps({"title": "專員",
                                                                              "unit_id": world.personnel_office.pk}),
                            content_type="application/json")
    assert response.status_code == 200 and response.json()["unit_name"] == "人事處"
    # diana heads 民政處: the move is refused and her new title is not kept either.
    response = client.patch(f"/api/org/people/{world.diana.pk}", json.dumps({"title": "處長",
                                                                              "unit_id": world.personnel_office.pk}),
                            content_type="application/json")
    assert response.status_code == 400 and "單位主管" in response.json()["detail"]
    world.diana.refresh_from_db()
    assert world.diana.title == "" and world.diana.unit == world.civil_affairs


def test_patch_of_another_agencys_person_is_404(world):
    response = _client("hank").patch(f"/api/org/people/{world.alice.pk}", json.dumps({"title": "專員"}),
                                     content_type="application/json")
    assert response.status_code == 404
    world.alice.refresh_from_db()
    assert world.alice.title == ""


def test_units_of_the_callers_agency(world):
    names = [u["name"] for u in _client("carol").get("/api/org/units").json()]
    assert set(names) == {"民政處", "人事處"}


def test_agent_choices_are_the_agencys_serving_colleagues_standing_agents_first(world):
    from chaiqin.org import staffing

    staffing.standing_agents_set(actor=world.carol, person=world.alice, agents=[world.erin])
    staffing.staff_separate(actor=world.carol, person=world.frank, on=date(2026, 3, 1))
    choices = _client("alice").get("/api/leave/agent-choices").json()
    assert choices[0] == {"id": world.erin.pk, "name": "蔡怡君", "unit_name": "人事處"}
    names = [c["name"] for c in choices]
    assert "陳雅婷" not in names and "黃志明" not in names and "李思妤" not in names  # self, left, other agency
    assert names[1:3] == ["林柏宇", "王黛安"]  # then alice's own unit, by employee number
    assert [c["name"] for c in _client("alice").get("/api/leave/agent-choices", {"q": "人事"}).json()] == [
        "蔡怡君", "張佳穎"]


def test_the_card_number_is_set_and_changed_through_the_api_and_kept_unique_in_the_agency(world):
    carol = _client("carol")
    made = carol.post("/api/org/people", _body(world, card_no=" 0012345678 "), content_type="application/json")
    assert made.status_code == 201, made.content
    assert made.json()["card_no"] == "0012345678"
    Person.objects.filter(pk=world.alice.pk).update(card_no="0000000042")
    clash = carol.patch(f"/api/org/people/{made.json()['id']}", json.dumps({"card_no": "0000000042"}),
                        content_type="application/json")
    assert clash.status_code == 400 and "陳雅婷" in clash.json()["detail"], clash.content
    assert Person.objects.get(pk=made.json()["id"]).card_no == "0012345678"
    changed = carol.patch(f"/api/org/people/{made.json()['id']}", json.dumps({"card_no": "0099"}),
                          content_type="application/json")
    assert changed.status_code == 200 and changed.json()["card_no"] == "0099"
    # The number stays the office's: the person API that colleagues and supervisors read leaves it out.
    assert "card_no" not in _client("bob").get(f"/api/people/{world.alice.pk}").json()
