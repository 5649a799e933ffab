"""In a real browser, the personnel officer's main path through the console: find a person, add a
colleague with a log-in, give her a standing agent, record 留職停薪 and see a refusal in Chinese;
the new colleague logs in and finds the standing agent first in the leave form's agent picker."""

import pytest
from playwright.sync_api import expect

from chaiqin.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_personnel_officer_adds_a_colleague_who_then_logs_in(page, world, settings, browser, live_server):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    log_in(page, "carol")
    page.get_by_role("link", name="人事管理").click()
    page.get_by_role("link", name="人員", exact=True).last.click()
    page.get_by_label("姓名、員工編號、單位或帳號").fill("陳雅婷")
    page.get_by_role("button", name="查詢").click()
    expect(page.get_by_test_id("console-people").locator("tbody tr")).to_have_count(1)

    page.get_by_role("link", name="新增人員").click()
    page.get_by_label("員工編號").fill("C0777")
    page.get_by_label("姓名").fill("高美玲")
    page.get_by_label("性別").select_option("F")
    page.get_by_label("單位").select_option(label="民政處")
    page.get_by_label("職務類型").select_option("admin")
    page.get_by_label("職稱").fill("科員")
    page.get_by_label("到職日期").fill("116-01-02")  # in the future: refused
    page.get_by_label("直屬主管").select_option(label="林柏宇（民政處 行政人員）")
    page.get_by_label("登入帳號（可留空）").fill("meiling")
    page.get_by_label("初始密碼").fill("Qw3rty-chaiqin-26")
    page.get_by_role("button", name="新增").click()
    expect(page.locator("body")).to_contain_text("晚於今天")
    page.get_by_label("到職日期").fill("115-03-02")
    page.get_by_label("初始密碼").fill("Qw3rty-chaiqin-26")
    page.get_by_role("button", name="新增").click()
    expect(page.locator("body")).to_contain_text("已新增人員 C0777 高美玲")

    page.locator("select[name=agents]").first.select_option(label="王黛安（民政處）")
    page.get_by_role("button", name="儲存代理人").click()
    expect(page.locator("body")).to_contain_text("已儲存預設職務代理人")
    page.get_by_label("留職停薪類別").select_option("parental")
    page.get_by_label("起日").fill("115-02-01")  # before her hire date
    page.get_by_role("button", name="登錄留職停薪").click()
    expect(page.locator("body")).to_contain_text("不可早於到職日 115-03-02")
    expect(page.get_by_test_id("status")).to_have_text("在職")

    other = browser.new_context(locale="zh-TW", base_url=live_server.url).new_page()
    log_in(other, "meiling", "Qw3rty-chaiqin-26")
    expect(other.locator("body")).to_contain_text("高美玲")
    expect(other.locator("nav.mainnav")).not_to_contain_text("人事管理")
    other.goto("/leave/new/")
    first = other.get_by_label("職務代理人").locator("option").nth(1).inner_text()
    assert first.startswith("★ 王黛安")
    other.get_by_placeholder("搜尋姓名或單位").first.fill("人事處")
    visible = other.get_by_label("職務代理人").locator("option:not([hidden])").all_inner_texts()
    assert visible[1:] == ["張佳穎（人事處 行政人員）", "蔡怡君（人事處 行政人員）", "黃志明（人事處 行政人員）"]
    other.context.close()
