"""The personnel office's attendance settings: card readers (the token shown once, revoked at
once), the networks web clock-in is allowed from, teachers' core hours and shift workers."""

import pytest

from chaiqin.attendance import services
from chaiqin.attendance.models import AllowedNetwork, AttendanceProfile, Device, Punch

pytestmark = pytest.mark.django_db


def login(client, who):
    client.login(username=who, password="correct-horse-battery")
    return client


def test_a_new_card_reader_shows_its_token_once_and_revoking_it_stops_it(world, client, settings):
    settings.CHAIQIN_NOW = "2026-03-09T08:00"
    page = login(client, "carol").post("/attendance/settings/devices/new/", {"name": "大門刷卡機"})
    assert page.status_code == 200
    token = page.context["new_token"]
    assert token in page.content.decode() and Device.objects.get().token_hash != token
    assert token not in client.get("/attendance/settings/").content.decode()

    reader = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    sent = client.post("/api/attendance/device/punches", [{"employee_no": "ALICE", "at": "2026-03-09T07:58:00+08:00"}],
                       content_type="application/json", **reader)
    assert sent.status_code == 200 and Punch.objects.filter(person=world.alice).count() == 1

    device = Device.objects.get()
    assert client.post(f"/attendance/settings/devices/{device.pk}/revoke/").status_code == 302
    again = client.post("/api/attendance/device/punches", [{"employee_no": "ALICE", "at": "2026-03-09T07:59:00+08:00"}],
                        content_type="application/json", **reader)
    assert again.status_code == 401


def test_allowed_networks_limit_web_clock_in_and_can_be_removed(world, client, settings):
    settings.CHAIQIN_NOW = "2026-03-09T08:00"
    login(client, "carol")
    bad = client.post("/attendance/settings/networks/new/", {"cidr": "10.20.0.0/33"})
    assert "不是有效的網段" in bad.content.decode()
    client.post("/attendance/settings/networks/new/", {"cidr": "10.20.0.0/16", "label": "府內網路"})
    network = AllowedNetwork.objects.get()
    login(client, "alice")
    refused = client.post("/attendance/punch/", REMOTE_ADDR="203.0.113.9", follow=True)
    assert "不在本機關允許簽到退的網段內" in refused.content.decode()
    client.post("/attendance/punch/", REMOTE_ADDR="10.20.3.4")
    assert Punch.objects.filter(person=world.alice).count() == 1
    login(client, "carol").post(f"/attendance/settings/networks/{network.pk}/remove/")
    assert not AllowedNetwork.objects.exists()


def test_core_hours_and_shift_workers_are_set_by_personnel_only(world, client):
    assert login(client, "alice").get("/attendance/settings/").status_code == 403
    login(client, "hank")
    client.post("/attendance/settings/profile/", {"employee_no": world.gina.employee_no, "division": "evening"})
    client.post("/attendance/settings/core-hours/", {"division": "evening", "start": "13:30", "end": "21:30"})
    page = client.get("/attendance/settings/").content.decode()
    assert "13:30–21:30" in page and world.gina.name in page
    assert AttendanceProfile.objects.get(person=world.gina).division == "evening"
    login(client, "gina")
    assert "進修部 13:30–21:30" in client.get("/attendance/").content.decode()


def test_another_agencys_reader_is_not_found(world, client):
    from chaiqin.attendance import services

    device, _ = services.device_create(agency=world.school, name="校門")
    assert login(client, "carol").post(f"/attendance/settings/devices/{device.pk}/revoke/").status_code == 404


def test_a_typed_x_forwarded_for_does_not_clock_in_from_the_office(world, client, settings):
    settings.CHAIQIN_NOW = "2026-03-09T08:00"
    services.network_allow(agency=world.county, cidr="10.20.0.0/16")
    login(client, "alice")
    spoofed = client.post("/attendance/punch/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="10.20.3.4", follow=True)
    assert "203.0.113.9" in spoofed.content.decode()
    assert not Punch.objects.exists()
    # behind the agency's own proxy, the hop the proxy saw is the client (a hop typed before it is not)
    settings.CHAIQIN_TRUSTED_PROXIES = ["192.0.2.10"]
    client.post("/attendance/punch/", REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="10.20.3.4, 203.0.113.9")
    assert not Punch.objects.exists()
    client.post("/attendance/punch/", REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="10.20.3.4")
    assert Punch.objects.get().ip == "10.20.3.4"


def test_the_clock_in_message_tells_taipei_time_whatever_zone_the_clock_runs_in(world, client, settings):
    settings.CHAIQIN_NOW = "2026-03-09T00:05:00+00:00"  # the server's clock in UTC, as timezone.now() gives it
    login(client, "alice")
    page = client.post("/attendance/punch/", follow=True).content.decode()
    assert "已簽到退：08:05:00" in page
