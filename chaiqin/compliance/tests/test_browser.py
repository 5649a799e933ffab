"""Browser: the reduced-hours request (applied, approved; no rejection) and the dashboard."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from chaiqin.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reduced_hours_request_is_applied_for_and_approved_and_cannot_be_rejected(world, page):
    log_in(page, "alice")
    page.goto("/compliance/childcare/new/")
    page.get_by_label("子女出生日").fill("114-05-01")
    page.get_by_label("每天減少工作時間一小時").check()
    page.get_by_label("起日").fill("115-10-05")
    page.get_by_label("迄日").fill("116-04-30")
    page.get_by_role("button", name="送出申請").click()
    expect(page.get_by_test_id("status")).to_have_text("簽核中")
    url = page.url
    page.get_by_role("button", name="登出").click()

    log_in(page, "bob")
    page.goto(url)
    expect(page.get_by_label("不同意")).to_have_count(0)  # 性別平等工作法第21條: no reject on this page
    # The generic case page does not offer 不同意 either; a forged POST is refused and changes nothing.
    page.goto("/workflow/inbox/")
    page.get_by_role("link", name=re.compile("育兒")).first.click()
    options = page.get_by_label("簽核").locator("option").all_inner_texts()
    assert "不同意" not in options and "退回修正" in options
    case_url = page.url
    page.evaluate("""() => { const s = document.querySelector('select[name=decision]');
        const o = document.createElement('option'); o.value = 'reject'; o.text = 'x'; s.add(o); s.value = 'reject'; }""")
    page.get_by_label("意見").fill("人力不足")
    page.get_by_role("button", name="送出簽核").click()
    expect(page.locator(".messages")).to_contain_text("第21條")
    page.goto(case_url)
    expect(page.get_by_test_id("case-status")).to_have_text("簽核中")
    page.goto(url)
    page.get_by_label("同意").check()
    page.get_by_role("button", name="送出簽核").click()
    expect(page.locator(".messages")).to_contain_text("已完成簽核")
    from chaiqin.workflow import services as workflow
    from chaiqin.workflow.models import Case

    case = Case.objects.get(kind="childcare_hours")
    while case.status == Case.Status.PENDING:  # the unit head and the personnel office follow
        workflow.case_decide(case=case, actor=case.current_step.decider, decision="approve")
        case.refresh_from_db()
    page.reload()
    expect(page.get_by_test_id("status")).to_have_text("核准")


def test_the_personnel_dashboard_shows_waiting_requests_as_bars(world, page):
    from datetime import date

    from chaiqin import clock
    from chaiqin.compliance import services
    from chaiqin.workflow.models import Case

    form = services.lactation_request_submit(person=world.alice, child_birth_date=date(2026, 3, 1),
                                             start=date(2026, 10, 5), end=date(2027, 2, 28))
    Case.objects.filter(pk=form.case_id).update(created_at=clock.now() - timedelta(days=7))
    log_in(page, "carol")
    page.goto("/compliance/")
    dash = page.get_by_test_id("dashboard")
    expect(dash).to_contain_text("人事室儀表板")
    expect(page.get_by_test_id("waiting-bars")).to_contain_text("哺（集）乳時間")
    expect(page.get_by_test_id("waiting")).to_contain_text("7 日")
    expect(page.get_by_test_id("travel-card")).to_be_visible()
