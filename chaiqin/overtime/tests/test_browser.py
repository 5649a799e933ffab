"""In the browser: ask for overtime, it is approved, sign in and out, claim it as comp time,
then take that comp time as leave (the leave form offers 補休 once there is a balance) and
see the balance drop; a request beyond 60 h in a month is refused naming 公務員服務法第12條."""

import pytest
from playwright.sync_api import expect

from chaiqin.conftest import log_in
from chaiqin.overtime.models import OvertimeRequest

from .conftest import approve_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ask_approve_sign_claim_comp_time_take_it_as_leave_and_the_60_hour_refusal(world, page, settings):
    settings.CHAIQIN_NOW = "2026-03-02T09:00"
    log_in(page, "alice")
    page.goto("/overtime/new/")
    page.get_by_label("加班事由").fill("預算書彙整")
    page.get_by_label("工作項目內容").fill("彙整各科預算")
    page.get_by_label("加班日期（起）").fill("115-03-03")
    page.get_by_label("每日起").fill("18:00")
    page.get_by_label("每日迄（早於起時表示跨午夜）").fill("21:00")
    page.get_by_role("button", name="送出申請").click()
    expect(page.get_by_test_id("case-status")).to_have_text("簽核中")

    approve_all(OvertimeRequest.objects.get())
    settings.CHAIQIN_NOW = "2026-03-03T18:02"
    page.reload()
    page.get_by_role("button", name="加班簽到").click()
    settings.CHAIQIN_NOW = "2026-03-03T21:00"
    page.get_by_role("button", name="加班簽退").click()
    settings.CHAIQIN_NOW = "2026-03-04T09:00"
    page.get_by_label("補償方式").select_option("comp_time")
    page.get_by_role("button", name="申請補償").click()
    # 2 h 58 min signed: a civil servant is credited whole hours (各機關加班費支給辦法第4條)
    expect(page.get_by_test_id("slots")).to_contain_text("補休 2時")

    # The comp time is in the leave ledger: the leave form offers 補休, and taking two hours
    # of it holds them at once (勞動基準法第32條之1 order: oldest first).
    page.goto("/leave/balances/")
    expect(page.get_by_test_id("available-comp_time")).to_have_text("2時")
    page.goto("/leave/new/")
    page.get_by_label("假別").select_option(label="補休")
    page.get_by_label("起日").fill("115-03-05")
    page.get_by_label("起時").fill("09:00")
    page.get_by_label("迄日").fill("115-03-05")
    page.get_by_label("迄時").fill("11:00")
    page.get_by_label("職務代理人").select_option(value=str(world.bob.pk))
    page.get_by_label("事由").fill("加班補休")
    page.get_by_role("button", name="送出申請").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("leave-status")).to_have_text("簽核中")
    page.goto("/leave/balances/")
    expect(page.get_by_test_id("available-comp_time")).to_have_text("0時")

    page.goto("/overtime/new/")
    page.get_by_label("加班事由").fill("年度決算")
    page.get_by_label("工作項目內容").fill("決算報告")
    page.get_by_label("加班日期（起）").fill("115-03-05")
    page.get_by_label("加班日期（迄）").fill("115-03-31")
    page.get_by_label("每日起").fill("18:00")
    page.get_by_label("每日迄（早於起時表示跨午夜）").fill("21:00")
    page.get_by_role("button", name="送出申請").click()
    expect(page.locator("form").last).to_contain_text("公務員服務法第12條")
    assert OvertimeRequest.objects.count() == 1
