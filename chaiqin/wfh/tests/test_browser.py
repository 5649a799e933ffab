"""The issue's browser scenario, kept short: alice at 30 weeks applies, is approved, plans three
days (a fourth is refused naming 第3點), writes a log, bob reviews it, diana sees the week.
The rest (each day's log, the week of 36 weeks) is covered by the client and service tests."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from chaiqin.conftest import log_in
from chaiqin.wfh import services
from chaiqin.wfh.models import WfhApplication, WfhDay, WfhLog

from .conftest import ANSWERS, MONDAY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_apply_plan_log_review_and_the_unit_heads_week(page, world, settings):
    settings.CHAIQIN_NOW = "2026-03-04T09:00"
    log_in(page, "alice")
    page.goto("/wfh/apply/")
    page.get_by_label("本人懷孕").check()
    page.get_by_label("預產期").fill("115-05-18")
    page.get_by_label("居家辦公起日").fill("115-03-09")
    page.get_by_label("居家辦公迄日").fill("115-05-15")
    page.get_by_label("約定居家辦公地點").fill("花蓮市中山路1號")
    page.get_by_role("button", name="送出申請").click()
    page.wait_for_load_state("networkidle")
    application = WfhApplication.objects.get()
    for decider in (world.bob, world.diana, world.carol):
        application = services.wfh_application_decide(actor=decider, application=application, decision="approve",
                                                      answers=ANSWERS)

    page.goto(f"/wfh/applications/{application.pk}/plan/{MONDAY.isoformat()}/")
    expect(page.get_by_test_id("week-cap")).to_contain_text("懷孕 30 週，本週至多居家辦公 3 日")
    for label in ("115-03-09", "115-03-10", "115-03-11", "115-03-12"):
        page.get_by_label(label).check()
    page.get_by_role("button", name="排定").click()
    expect(page.locator(".messages")).to_contain_text("依居家辦公作業規範第3點")
    assert not WfhDay.objects.exists()
    page.get_by_label("115-03-10").uncheck()
    page.get_by_role("button", name="排定").click()
    expect(page.locator(".messages")).to_contain_text("已排定")
    assert WfhDay.objects.filter(status="planned").count() == 3

    settings.CHAIQIN_NOW = "2026-03-09T17:00"
    page.goto("/wfh/logs/write/115-03-09/")
    page.get_by_label("工作項目1").fill("里長聯繫會議資料")
    page.get_by_label("執行情形1").fill("彙整12里意見")
    page.locator("input[name=progress_1][value=on_track]").check()
    page.get_by_role("button", name="送出工作日誌").click()
    expect(page.get_by_test_id("log-status")).to_contain_text("待直屬主管審核")
    for offset in (2, 3):  # the other two days' logs, written through the service
        settings.CHAIQIN_NOW = f"2026-03-{9 + offset:02d}T17:00"
        services.wfh_log_submit(actor=world.alice, day=MONDAY + timedelta(days=offset),
                                items=[{"item": "公文", "done": f"第{offset}日完成簽稿", "progress": "ahead"}])

    settings.CHAIQIN_NOW = "2026-03-13T09:00"
    page.context.clear_cookies()
    log_in(page, "bob")
    page.goto("/wfh/")
    page.get_by_test_id("to-review").get_by_role("link", name="審核").first.click()
    page.get_by_label("審核通過").check()
    page.get_by_role("button", name="送出審核").click()
    expect(page.get_by_test_id("log-status")).to_contain_text("直屬主管已審核")
    for log in WfhLog.objects.filter(status="submitted"):
        services.wfh_log_review(actor=world.bob, log=log, decision="approve")
    page.goto(f"/wfh/people/{world.alice.pk}/week/{MONDAY.isoformat()}/")
    page.get_by_role("button", name="陳報單位主管").click()
    expect(page.locator(".messages")).to_contain_text("已陳報單位主管")

    page.context.clear_cookies()
    log_in(page, "diana")
    page.goto(f"/wfh/unit-week/?week={MONDAY.isoformat()}")
    week = page.get_by_test_id(f"unit-week-{world.alice.pk}").inner_text()
    assert "彙整12里意見" in week and "第3日完成簽稿" in week and "已由 林柏宇 陳報" in week
