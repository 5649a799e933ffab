"""In a real browser: two days of personal leave, the agent accepts, the chain approves, the
balance drops by two days, one day is cancelled by a 銷假單 and comes back once it is approved;
a refusal shows the rule."""

import pytest
from playwright.sync_api import expect

from chaiqin.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_leave(page, start, end, code="personal"):
    page.goto("/leave/new/")
    page.get_by_label("假別").select_option(code)
    page.get_by_label("起日").fill(start)
    page.get_by_label("迄日").fill(end)
    page.get_by_label("職務代理人").select_option(label="許雅雯（民政處 行政人員）")
    page.get_by_label("事由").fill("家中有事")


def decide(page, username, subject="事假"):
    page.context.clear_cookies()
    log_in(page, username)
    page.goto("/workflow/inbox/")
    page.get_by_role("link", name=subject).first.click()
    page.get_by_label("簽核").select_option("approve")
    page.get_by_role("button", name="送出簽核").click()
    page.wait_for_load_state("networkidle")


def available(page):
    page.goto("/leave/balances/")
    return page.get_by_test_id("available-personal").inner_text()


def test_personal_leave_from_request_to_partial_cancellation(page, world, ivy):
    # the agency's chain for this test: agent, then the direct supervisor (workflow RouteRule)
    from chaiqin.workflow.models import RouteRule

    RouteRule.objects.create(agency=world.county, kind="leave", roles="agent,supervisor")
    log_in(page, "alice")
    assert available(page) == "7日"  # 公務人員請假規則第3條: 事假7日
    fill_leave(page, "115-03-10", "115-03-11")
    page.get_by_role("button", name="試算").click()
    expect(page.get_by_test_id("preview")).to_contain_text("核准後剩 5日")
    page.get_by_role("button", name="送出申請").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("leave-status")).to_have_text("簽核中")
    detail = page.url

    decide(page, "ivy")
    decide(page, "bob")

    page.context.clear_cookies()
    log_in(page, "alice")
    page.goto(detail)
    expect(page.get_by_test_id("leave-status")).to_have_text("核准")
    assert available(page) == "5日"
    page.goto(detail)
    page.get_by_label("銷假起日").fill("115-03-11")
    page.get_by_label("銷假迄日").fill("115-03-11")
    page.get_by_role("button", name="下一步：確認銷假之日").click()
    expect(page.get_by_test_id("cancel-days")).to_have_text("115-03-11（三）1日")
    page.get_by_role("button", name="確認送出銷假單").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("main")).to_contain_text("已送出銷假單（1日）")
    assert available(page) == "5日"  # nothing comes back before the 銷假單 is approved
    decide(page, "bob", subject="事假銷假")  # the chain of the leave, without the agent
    page.context.clear_cookies()
    log_in(page, "alice")
    assert available(page) == "6日"
    page.goto(detail)
    expect(page.get_by_test_id("cancellations")).to_contain_text("115-03-11 08:00 至 115-03-11 17:00（1日）")


def test_a_refused_request_shows_the_rule_in_chinese(page, world, ivy):
    log_in(page, "alice")
    fill_leave(page, "115-03-10", "115-03-20", code="family_care")  # 9 days: 家庭照顧假 is 7 a year
    page.get_by_role("button", name="送出申請").click()
    refusal = page.get_by_test_id("refusal")
    expect(refusal).to_contain_text("額度不足")
    expect(refusal).to_contain_text("公務人員請假規則")


def test_two_days_of_leave_stay_in_their_own_columns_of_the_unit_calendar(page, world, ivy):
    from chaiqin.leave import services

    from .conftest import approve_all, at

    approve_all(services.leave_request_submit(person=world.alice, leave_code="personal", start=at("2026-03-10 08:00"),
                                              end=at("2026-03-11 17:00"), agent=ivy, reason="辦事"))
    log_in(page, "alice")
    page.goto("/leave/team/?month=2026-03")
    calendar = page.get_by_test_id("team-calendar")
    row = calendar.locator("tr", has=page.get_by_role("cell", name=world.alice.name, exact=True))
    tags = row.locator(".tag")
    assert tags.all_inner_texts() == ["事假", "事假"]
    first, second = (tag.bounding_box() for tag in tags.all())
    # each day in its own column of alice's row, not stacked in one cell
    assert second["x"] > first["x"] + first["width"] / 2
    assert abs(second["y"] - first["y"]) < first["height"] / 2
    assert row.locator("td").count() == 1 + 31
