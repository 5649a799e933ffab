"""In a real browser: the leave form counts 「計算天數 共計 N日N時」 as the dates are typed (htmx),
lists the person's own leave, and the home calendar marks it; at 390 px the form fits the phone."""

import os

import pytest
from playwright.sync_api import expect

from chaiqin.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_duration_updates_as_dates_are_typed_and_own_leave_shows(page, world, ivy):
    from chaiqin.leave import services

    from .conftest import at

    services.leave_request_submit(person=world.alice, leave_code="sick", start=at("2026-03-12 13:00"),
                                  end=at("2026-03-12 17:00"), agent=ivy, reason="門診")
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "alice")
    page.goto("/leave/new/")
    live = page.get_by_test_id("live-duration")
    page.get_by_label("起日").fill("115-03-13")
    page.get_by_label("迄日").fill("115-03-16")  # Fri to Mon: the weekend is not counted
    expect(live).to_have_text("計算天數 共計 2日")
    page.get_by_label("迄時").fill("12:00")
    expect(live).to_have_text("計算天數 共計 1日4時")
    expect(page.get_by_test_id("my-schedule")).to_contain_text("115-03-12 13:00 至 115-03-12 17:00（簽核中）")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shots = os.environ.get("CHAIQIN_SCREENSHOTS")  # a folder, to look at the pages afterwards
    if shots:
        page.screenshot(path=os.path.join(shots, "leave-form-390.png"), full_page=True)
    page.goto("/?month=2026-03")
    expect(page.get_by_test_id("month")).to_contain_text("病假（簽核中）")
    if shots:
        page.screenshot(path=os.path.join(shots, "home-390.png"), full_page=True)


def test_a_long_list_of_agents_can_be_searched(page, world, ivy):
    from chaiqin.org.models import Person
    from chaiqin.org.services import person_create

    for n in range(16):
        person_create(agency=world.county, unit=world.civil_affairs, employee_no=f"P{n:02d}", name=f"同仁{n:02d}",
                      gender="F", post=Person.Post.ADMIN, hire_date=world.alice.hire_date, supervisor=world.bob)
    log_in(page, "alice")
    page.goto("/leave/new/")
    search = page.get_by_placeholder("搜尋姓名或單位").first  # the agent; the span agents have their own
    search.fill("許雅")
    shown = page.locator("#id_agent option:not([hidden])").all_inner_texts()
    assert [t for t in shown if "許雅" not in t] == ["（請選擇）"] and any("許雅雯（民政處" in t for t in shown)
    assert page.locator("#id_agent").input_value() == str(ivy.pk)  # the one match is chosen
