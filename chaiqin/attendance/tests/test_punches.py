"""Punches: web clock-in with the agency's allowed networks, teachers who do not punch,
card readers with their own token, and a forgotten clock-out that never blocks the next day."""

from datetime import date, datetime
from datetime import timezone as dt_timezone

import pytest

from chaiqin.attendance import selectors, services
from chaiqin.attendance.models import Punch
from chaiqin.errors import ChaiqinError

from .conftest import punch

pytestmark = pytest.mark.django_db


def test_clock_in_is_accepted_anywhere_when_the_agency_lists_no_network(world, frozen):
    made = services.punch_web(person=world.alice, ip="203.0.113.9")
    assert made.source == Punch.Source.WEB and made.person == world.alice


def test_clock_in_from_outside_the_allowed_networks_is_refused(world, frozen):
    services.network_allow(agency=world.county, cidr="10.20.0.0/16", label="縣府內網")
    with pytest.raises(ChaiqinError, match="不在本機關允許簽到退的網段"):
        services.punch_web(person=world.alice, ip="203.0.113.9")
    assert services.punch_web(person=world.alice, ip="10.20.3.4").pk
    assert Punch.objects.filter(person=world.alice).count() == 1


def test_a_bad_network_is_refused_with_an_example(world):
    with pytest.raises(ChaiqinError, match="不是有效的網段"):
        services.network_allow(agency=world.county, cidr="10.20.0.0/33")


def test_full_time_teachers_do_not_punch_seed_002(world, frozen):
    with pytest.raises(ChaiqinError, match="專任教師毋須線上簽到退"):
        services.punch_web(person=world.gina, ip=None)
    day = selectors.daily_statuses([world.gina], date(2026, 3, 9), date(2026, 3, 9))[world.gina.pk][0]
    assert day.codes == ("exempt",)


def test_a_forgotten_clock_out_yesterday_never_blocks_today(world, settings):
    settings.CHAIQIN_NOW = "2026-03-10T08:05"
    punch(world.alice, "2026-03-09T08:10")  # Monday: clocked in, never out
    services.punch_web(person=world.alice, ip=None)  # Tuesday morning
    days = selectors.daily_statuses([world.alice], date(2026, 3, 9), date(2026, 3, 10))[world.alice.pk]
    assert days[0].codes == ("missing_punch",)
    assert days[1].codes == ("working",)


def test_the_same_moment_punched_twice_is_one_punch(world, frozen):
    punch(world.alice, "2026-03-09T08:00")
    _, created = services.punch_record(person=world.alice, at=Punch.objects.get().at, source="api")
    assert not created and Punch.objects.count() == 1


def test_card_readers_post_punches_with_their_own_token(world, frozen, client):
    device, token = services.device_create(agency=world.county, name="一樓大門")
    body = [{"employee_no": "ALICE", "at": "2026-03-09T08:01:00+08:00"}]
    refused = client.post("/api/attendance/device/punches", body, content_type="application/json",
                          headers={"Authorization": "Bearer wrong"})
    assert refused.status_code == 401
    ok = client.post("/api/attendance/device/punches", body, content_type="application/json",
                     headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 200, ok.content
    assert ok.json()[0]["person_id"] == world.alice.pk
    assert Punch.objects.get().device == device


def test_a_card_reader_cannot_punch_for_another_agency(world, frozen, client):
    _, token = services.device_create(agency=world.school, name="校門")
    answer = client.post("/api/attendance/device/punches", [{"employee_no": "ALICE", "at": "2026-03-09T08:01:00+08:00"}],
                         content_type="application/json", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 400
    assert "查無考勤代號" in answer.json()["detail"]


def _send(client, token, body):
    return client.post("/api/attendance/device/punches", body, content_type="application/json",
                       headers={"Authorization": f"Bearer {token}"})


def test_a_disabled_reader_is_refused_even_with_nothing_to_send(world, frozen, client):
    device, token = services.device_create(agency=world.county, name="側門")
    assert _send(client, token, []).status_code == 200
    device.active = False
    device.save()
    assert _send(client, token, []).status_code == 401
    assert _send(client, token, [{"employee_no": "ALICE", "at": "2026-03-09T08:01:00+08:00"}]).status_code == 401
    assert _send(client, "no-such-token", []).status_code == 401
    assert not Punch.objects.exists()


def test_a_resent_punch_is_the_same_punch(world, frozen, client):
    _, token = services.device_create(agency=world.county, name="一樓大門")
    body = [{"employee_no": " ALICE ", "at": "2026-03-09T08:01:30.250+08:00"}]
    first, again = _send(client, token, body).json()[0], _send(client, token, body).json()[0]
    assert (first["created"], again["created"]) == (True, False)
    assert first["id"] == again["id"]
    assert Punch.objects.get().at == datetime(2026, 3, 9, 0, 1, 30, tzinfo=dt_timezone.utc)  # seconds kept, not the fraction


def test_a_batch_with_an_unknown_number_stores_none_of_it(world, frozen, client):
    _, token = services.device_create(agency=world.county, name="一樓大門")
    answer = _send(client, token, [{"employee_no": "ALICE", "at": "2026-03-09T08:01:00+08:00"},
                                   {"employee_no": "NOBODY", "at": "2026-03-09T08:02:00+08:00"}])
    assert answer.status_code == 400
    assert "NOBODY" in answer.json()["detail"]
    assert not Punch.objects.exists()
