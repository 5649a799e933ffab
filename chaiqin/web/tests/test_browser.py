"""The foundation in a real browser (Debian's Chromium through Playwright), as each demo role."""

import re

import pytest
from playwright.sync_api import expect

from chaiqin.conftest import log_in
from chaiqin.org.demo import DEMO_LOGINS, DEMO_PASSWORD, demo_load
from chaiqin.org.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings):
    settings.CHAIQIN_NOW = "2026-10-08T09:00"  # a Thursday; 國慶日 (Sat 10/10) is observed on Fri 10/9
    demo_load()


@pytest.mark.parametrize("username", ["employee", "supervisor", "personnel", "admin"])
def test_each_demo_role_logs_in_and_sees_their_home_page(page, demo, username):
    person = Person.objects.select_related("agency", "unit").get(user__username=username)
    log_in(page, username, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name=f"{person.name}，您好")).to_be_visible()
    expect(page.get_by_test_id("agency")).to_have_text(person.agency.name)
    expect(page.get_by_test_id("unit")).to_have_text(person.unit.name)
    expect(page.get_by_test_id("today")).to_contain_text("上班日")
    expect(page.get_by_test_id("month")).to_contain_text("國慶日")


def test_the_demo_log_ins_are_the_ones_printed(demo):
    from django.contrib.auth import authenticate

    for login in DEMO_LOGINS:
        assert authenticate(username=login.username, password=DEMO_PASSWORD) is not None, login.username


def test_a_person_cannot_open_another_agencys_person_page_in_the_browser(page, demo):
    teacher = Person.objects.get(user__username="teacher")
    log_in(page, "employee", DEMO_PASSWORD)
    response = page.goto(f"/people/{teacher.pk}/")
    assert response.status == 404
    assert teacher.name not in page.content()


def test_the_personnel_officer_finds_people_of_her_agency_only(page, demo):
    log_in(page, "personnel", DEMO_PASSWORD)
    page.get_by_role("link", name="人員").click()
    page.get_by_label("姓名或考勤代號").fill("HL")
    page.get_by_role("button", name="查詢").click()
    rows = page.locator("table.list tbody tr")
    expect(rows).to_have_count(50)  # a full first page: the county has about 100 people
    expect(page.locator("table.list")).not_to_contain_text("國立恆春工商")


def test_a_wrong_password_shows_a_chinese_message(page, demo):
    log_in(page, "employee", "not-the-password")
    expect(page.get_by_role("alert")).to_have_text(re.compile(r"^\s*帳號或密碼錯誤"))


def test_logging_out_returns_to_the_login_page(page, demo):
    log_in(page, "supervisor", DEMO_PASSWORD)
    page.get_by_role("button", name="登出").click()
    page.wait_for_url("**/login/")
    expect(page.get_by_role("heading", name="登入差勤系統")).to_be_visible()
