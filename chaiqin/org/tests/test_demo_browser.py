"""In a real browser, on the demo data: the county employee and the teacher each ask for a day of
leave and demo log-ins alone approve it to the end (agent first, then each step's decider)."""

import pytest
from playwright.sync_api import expect

from chaiqin.conftest import log_in
from chaiqin.org.demo import DEMO_PASSWORD, demo_load
from chaiqin.org.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings):
    settings.CHAIQIN_NOW = "2026-10-08T09:00"  # a Thursday
    demo_load()


def ask_for_a_day(page, username: str, agent: str, day: str) -> str:
    agent_person = Person.objects.get(user__username=agent)
    log_in(page, username, DEMO_PASSWORD)
    page.goto("/leave/new/")
    page.get_by_label("假別").select_option("personal")
    page.get_by_label("起日").fill(day)
    page.get_by_label("迄日").fill(day)
    page.get_by_label("職務代理人").select_option(str(agent_person.pk))
    page.get_by_label("事由").fill("家中有事")
    page.get_by_role("button", name="送出申請").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("leave-status")).to_have_text("簽核中")
    return page.url


def decide(page, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, username, DEMO_PASSWORD)
    page.goto("/workflow/inbox/")
    page.get_by_role("link", name="事假").first.click()
    page.get_by_label("簽核").select_option("approve")
    page.get_by_role("button", name="送出簽核").click()
    page.wait_for_load_state("networkidle")


def status_seen_by(page, username: str, detail: str) -> str:
    page.context.clear_cookies()
    log_in(page, username, DEMO_PASSWORD)
    page.goto(detail)
    return page.get_by_test_id("leave-status").inner_text()


@pytest.mark.parametrize("applicant, agent, deciders", [
    ("employee", "agent", ["agent", "supervisor", "director", "personnel"]),
    ("teacher", "teacher2", ["teacher2", "dept-head", "school-hr"]),
])
def test_a_day_of_leave_is_approved_to_the_end_with_demo_log_ins_only(page, demo, applicant, agent, deciders):
    detail = ask_for_a_day(page, applicant, agent, "115-10-20")
    for index, decider in enumerate(deciders):
        decide(page, decider)
        expected = "核准" if index == len(deciders) - 1 else "簽核中"
        assert status_seen_by(page, applicant, detail) == expected, decider
