"""In the browser: the personnel officer enters a wage, opens the month's 加班費印領清冊, sees
the amounts the wage gives, downloads its PDF and XLSX; the employee sees only their own wage;
差勤統計 with its charts and drill-down at a phone's width."""

import io
from datetime import date

import pytest
from playwright.sync_api import expect

from chaiqin.conftest import log_in
from chaiqin.payroll import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_enter_a_wage_see_the_sheet_download_it_and_the_employee_sees_only_their_own(world, page, settings, work):
    services.wage_record_set(by=world.carol, person=world.bob, valid_from=date(2026, 1, 1), basis="salary",
                             salary=45000, professional=25000)
    work(world.alice, "2026-03-03T18:00", "2026-03-03T21:00")
    work(world.bob, "2026-03-04T18:00", "2026-03-04T20:00")
    settings.CHAIQIN_NOW = "2026-04-01T09:00"
    log_in(page, "carol")
    page.goto(f"/payroll/people/{world.alice.pk}/")
    page.get_by_label("生效日").fill("2026-01-01")
    page.get_by_label("計薪方式").select_option("salary")
    page.get_by_label("月支薪俸（本俸／年功俸）").fill("38000")
    page.get_by_label("專業加給").fill("22000")
    page.get_by_role("button", name="儲存").click()
    expect(page.get_by_test_id("wage-rows")).to_contain_text("115-01-01")

    page.goto("/payroll/overtime-pay/?month=2026-03")
    table = page.get_by_test_id("pay-sheet").inner_text()
    # alice 3 h × 60,000 ÷ 240 = 750; bob 2 h × 70,000 ÷ 240 = 583.33; total 1,333.33.
    assert "750.00" in table and "583.33" in table
    expect(page.get_by_test_id("sheet-total")).to_contain_text("1,333.33")
    # WeasyPrint on a shared, loaded machine may take longer than the default 15 s.
    with page.expect_download(timeout=120_000) as pdf:
        page.get_by_role("link", name="PDF（印領清冊）").click(no_wait_after=True)
    assert pdf.value.suggested_filename == "overtime-pay-2026-03.pdf"
    with page.expect_download(timeout=60_000) as xlsx:
        page.get_by_role("link", name="XLSX").click(no_wait_after=True)
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(open(xlsx.value.path(), "rb").read())).active
    assert any(row[0] == "總計" and 1333.33 in row for row in ws.iter_rows(values_only=True))

    page.goto("/payroll/statistics/?month=2026-03")
    assert page.locator("svg.chart").count() >= 1
    page.get_by_role("link", name="陳雅婷").click()
    expect(page.get_by_test_id("figures")).to_contain_text("加班：3.00 小時")

    page.context.clear_cookies()
    log_in(page, "alice")
    page.goto("/payroll/")
    expect(page.get_by_test_id("my-wages")).to_contain_text("38,000")
    assert page.goto("/payroll/overtime-pay/?month=2026-03").status == 403
    assert page.goto(f"/payroll/people/{world.bob.pk}/").status == 404


def test_the_statistics_page_fits_a_phone(world, page, settings, work):
    work(world.alice, "2026-03-03T18:00", "2026-03-03T21:00", "comp_time")
    settings.CHAIQIN_NOW = "2026-04-01T09:00"
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "carol")
    page.goto("/payroll/statistics/?month=2026-03")
    # The tables scroll inside their card; the page itself does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    expect(page.get_by_test_id("person-figures")).to_contain_text("3.00")
