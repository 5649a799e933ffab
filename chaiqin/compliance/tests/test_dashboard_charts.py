"""The personnel office's dashboard shows 差勤統計's charts for the current month and the year,
each with the same figures as a table, at a desktop's and at a phone's width."""

from datetime import datetime

import pytest
from playwright.sync_api import expect

from chaiqin.attendance.services import punch_record
from chaiqin.conftest import log_in
from chaiqin.dates import TAIPEI
from chaiqin.leave import services as leave
from chaiqin.payroll.tests.conftest import work  # noqa: F401  (overtime worked and claimed)
from chaiqin.workflow import services as workflow


def _at(text):
    return datetime.fromisoformat(text).replace(tzinfo=TAIPEI)


@pytest.fixture
def march(world, work, settings):
    """alice: 3 h of overtime on 3 March, a half day of 事假 on 12 March, late on 16 March."""
    work(world.alice, "2026-03-03T18:00", "2026-03-03T21:00")
    settings.CHAIQIN_NOW = "2026-03-11T09:00"
    req = leave.leave_request_submit(person=world.alice, leave_code="personal", start=_at("2026-03-12T08:00"),
                                     end=_at("2026-03-12T12:00"), agent=world.bob, reason="家務")
    for step in req.case.steps.order_by("order"):
        workflow.case_decide(case=req.case, actor=step.decider, decision="approve")
    for stamp in ("2026-03-16T09:10", "2026-03-16T17:40"):
        punch_record(person=world.alice, at=_at(stamp), source="web")
    settings.CHAIQIN_NOW = "2026-03-20T10:00"


@pytest.mark.django_db
def test_the_dashboard_carries_the_month_and_year_charts_with_a_table_each(world, march, client):
    client.force_login(world.carol.user)
    html = client.get("/compliance/").content.decode()
    assert "民國115年3月" in html and "民國115年" in html
    for title in ("各假別請假時數（民國115年3月）", "各單位遲到次數（民國115年3月）", "各單位加班時數（民國115年）"):
        assert f'aria-label="{title}"' in html  # the chart
        assert f"以表格檢視：{title}" in html  # and its table
    assert "<td>事假</td><td>4 時</td>" in html and "<td>民政處</td><td>1 次</td>" in html
    assert "<td>民政處</td><td>3 時</td>" in html  # 3 h of overtime in the month and in the year
    # the school's personnel office sees its own school only
    client.force_login(world.hank.user)
    school = client.get("/compliance/").content.decode()
    assert "差勤統計圖表" in school and "民政處" not in school and "事假" not in school
    # an employee's page has no dashboard
    client.force_login(world.alice.user)
    assert "差勤統計圖表" not in client.get("/compliance/").content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width,height", [(1366, 900), (390, 844)])
def test_the_charts_read_at_a_desktops_and_a_phones_width(world, march, page, width, height, tmp_path):
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, "carol")
    page.goto("/compliance/")
    charts = page.get_by_test_id("attendance-charts")
    charts.scroll_into_view_if_needed()
    expect(charts.locator("svg[role=img]")).to_have_count(5)  # 3 for the month, 2 for the year
    page.get_by_text("以表格檢視：各單位遲到次數（民國115年3月）").click()
    expect(charts.locator("details[open] table")).to_contain_text("1 次")
    # nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(tmp_path / f"dashboard-{width}.png"), full_page=True)
