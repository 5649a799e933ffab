"""The foundation's pages through Django's test client: Chinese, scoped, and honest about the day."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_login_page_is_in_chinese(client):
    response = client.get("/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="zh-Hant-TW"' in html and "登入差勤系統" in html


def test_pages_need_a_log_in(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_wrong_password_is_refused_in_chinese(client, world):
    response = client.post("/login/", {"username": "alice", "password": "wrong-password"})
    assert "帳號或密碼錯誤" in response.content.decode()


def test_home_shows_the_person_agency_unit_and_a_workday(client, world, settings):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"  # a Monday
    client.force_login(world.alice.user)
    html = client.get("/").content.decode()
    assert world.alice.name in html and "花蓮縣政府" in html and "民政處" in html
    assert "民國115年3月9日" in html and "上班日" in html


def test_home_names_todays_national_holiday(client, world, settings):
    settings.CHAIQIN_NOW = "2026-10-10T10:00"  # 國慶日, a Saturday: still named as the holiday
    client.force_login(world.alice.user)
    html = client.get("/").content.decode()
    assert "國慶日" in html


def test_home_calendar_moves_by_month_and_names_the_lunar_new_year(client, world, settings):
    settings.CHAIQIN_NOW = "2026-01-05T09:00"
    client.force_login(world.gina.user)
    html = client.get("/?month=2026-02").content.decode()
    assert "民國115年2月" in html
    assert "除夕" in html and "春節" in html


def test_a_person_cannot_open_another_agencys_person_page(client, world):
    client.force_login(world.alice.user)
    assert client.get(f"/people/{world.gina.pk}/").status_code == 404
    assert client.get(f"/people/{world.alice.pk}/").status_code == 200


def test_a_supervisor_opens_his_reports_page_but_not_his_bosses(client, world):
    client.force_login(world.bob.user)
    assert client.get(f"/people/{world.alice.pk}/").status_code == 200
    assert client.get(f"/people/{world.diana.pk}/").status_code == 404


def test_the_people_list_of_the_personnel_office_stops_at_its_agency(client, world):
    client.force_login(world.carol.user)
    html = client.get("/people/").content.decode()
    assert world.alice.name in html and world.gina.name not in html


def test_an_employee_gets_no_people_list_link(client, world):
    client.force_login(world.alice.user)
    html = client.get("/").content.decode()
    assert 'href="/people/"' not in html


def test_password_change_uses_djangos_validators(client, world):
    client.force_login(world.alice.user)
    response = client.post("/password/", {"old_password": "correct-horse-battery", "new_password1": "12345",
                                          "new_password2": "12345"})
    assert response.status_code == 200  # refused, form shown again
    world.alice.user.refresh_from_db()
    assert world.alice.user.check_password("correct-horse-battery")


def test_the_password_change_page_is_ours_not_the_admins(client, world):
    client.force_login(world.alice.user)
    html = client.get("/password/").content.decode()
    assert "差勤系統" in html and "Django" not in html
