"""A planned WFH day that ended without its daily work log (第5點第3款第2目) or without the
online punches that record the hours worked (第5點第4款第2目) is shown to the direct supervisor
and the unit head: on the WFH page, as a count on the home page and in the decider's daily
digest. A day that has not ended yet is never flagged."""

import io
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from django.core import mail
from django.core.management import call_command

from chaiqin.attendance import services as attendance
from chaiqin.wfh import selectors, services

from .conftest import MONDAY, at
from .test_log import ITEMS

pytestmark = pytest.mark.django_db
TUESDAY, WEDNESDAY = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)


@pytest.fixture
def planned(world, application):
    services.wfh_week_plan(actor=world.alice, application=application, week_start=MONDAY,
                           days=[MONDAY, TUESDAY, WEDNESDAY])
    return application


def punch(settings, person, moment):
    at(settings, moment)
    attendance.punch_web(person=person, ip="203.0.113.9")


def flagged(viewer, settings):
    from chaiqin import clock

    return [(m.day.date, m.problems) for m in selectors.missing_days_for(viewer, now=clock.now())]


def test_ended_days_without_log_or_punches_are_flagged_and_a_complete_day_is_not(world, planned, settings):
    # Monday: punched in and out, log written → complete. Tuesday: punched in only, no log.
    punch(settings, world.alice, "2026-03-09T08:01")
    punch(settings, world.alice, "2026-03-09T17:05")
    services.wfh_log_submit(actor=world.alice, day=MONDAY, items=ITEMS)
    punch(settings, world.alice, "2026-03-10T08:02")
    at(settings, "2026-03-11T09:00")  # Wednesday morning: Wednesday has not ended
    expected = [(TUESDAY, ["未填工作日誌", "上下班打卡不全"])]
    assert flagged(world.bob, settings) == expected      # the direct supervisor
    assert flagged(world.diana, settings) == expected    # the unit head
    assert flagged(world.carol, settings) == []          # neither: personnel office of another unit


def test_a_day_is_flagged_only_once_the_office_day_has_ended(world, planned, settings):
    at(settings, "2026-03-09T16:59")
    assert flagged(world.bob, settings) == []
    at(settings, "2026-03-09T17:00")
    assert flagged(world.bob, settings) == [(MONDAY, ["未填工作日誌", "未線上打卡"])]


def test_a_recalled_day_is_not_a_wfh_day_to_log(world, planned, settings):
    day = planned.days.get(date=TUESDAY)
    services.wfh_day_recall(actor=world.bob, day=day, reason="臨時業務需要返回辦公室")
    at(settings, "2026-03-11T09:00")
    assert [d for d, _ in flagged(world.bob, settings)] == [MONDAY]


def test_the_supervisor_and_the_unit_head_get_the_days_in_their_digest(world, planned, settings):
    at(settings, "2026-03-10T07:15")
    settings.CHAIQIN_REMIND_ATTENDANCE = False
    call_command("send_reminders", stdout=io.StringIO())
    for decider in (world.bob, world.diana):
        letters = [m for m in mail.outbox if m.to == [decider.email]]
        assert len(letters) == 1 and letters[0].subject == "[差勤系統] 居家辦公缺漏 1 日"
        assert "・陳雅婷 115-03-09：未填工作日誌、未線上打卡" in letters[0].body
    assert not [m for m in mail.outbox if m.to == [world.alice.email]]


def test_the_wfh_page_and_the_home_page_show_them_to_the_supervisor(world, planned, settings, client):
    at(settings, "2026-03-10T07:15")
    client.force_login(world.bob.user)
    page = client.get("/wfh/").content.decode()
    assert "居家辦公未填日誌或未打卡（1 日）" in page and "115-03-09" in page and "未線上打卡" in page
    home = client.get("/").content.decode()
    assert "所屬同仁居家辦公未填工作日誌或未打卡：<strong>1</strong> 日" in home
    client.force_login(world.alice.user)
    assert "居家辦公未填日誌或未打卡" not in client.get("/wfh/").content.decode()
    assert "所屬同仁居家辦公" not in client.get("/").content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_the_browser_the_unit_head_sees_the_count_and_opens_the_list(page, world, planned, settings):
    from chaiqin.conftest import log_in

    at(settings, "2026-03-10T07:15")
    log_in(page, "diana")
    expect(page.get_by_test_id("wfh-missing-count")).to_contain_text("1")
    page.get_by_role("link", name="查看居家辦公").click()
    row = page.get_by_test_id("wfh-missing").locator("tbody tr")
    expect(row).to_have_count(1)
    assert "115-03-09" in row.inner_text() and "陳雅婷" in row.inner_text() and "未填工作日誌" in row.inner_text()
    row.get_by_role("link", name="該週日誌").click()
    page.wait_for_load_state("networkidle")
    assert "/wfh/people/" in page.url
