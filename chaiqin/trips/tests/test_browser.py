"""The issue's browser checks: trip kinds and their allowance, a teacher's break report, and an
admin staff member's mainland trip that needs its form and goes through the ethics office."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from chaiqin.conftest import log_in
from chaiqin.trips.models import Overseas, Trip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_trip(page, nature: str, day: str):
    page.goto("/trips/new/")
    page.get_by_label(nature).check()
    page.get_by_label("公差地點").fill("臺北市")
    page.get_by_label("公差事由").fill("參加業務研習")
    page.get_by_label("公差期間起").fill(f"{day} 08:00")
    page.get_by_label("公差期間訖").fill(f"{day} 17:00")
    page.get_by_role("button", name="送出申請").click()
    page.wait_for_load_state("networkidle")


def test_a_training_trip_pays_no_miscellaneous_allowance_while_an_official_trip_does(page, world):
    # seed 002 區別暨認定原則說明簡表: 研習出差不支給雜費；公務出差支給交通、住宿、雜費
    log_in(page, "alice")
    fill_trip(page, "研習出差", "115-03-10")
    expenses = page.get_by_test_id("expenses")
    expect(expenses).to_contain_text("雜費：不支給")
    expect(expenses).to_contain_text("交通費：依規定報支")
    fill_trip(page, "公務出差", "115-03-11")
    expect(page.get_by_test_id("expenses")).to_contain_text("雜費：依規定報支")
    assert list(Trip.objects.order_by("start").values_list("nature", flat=True)) == ["training", "official"]


def test_a_trip_ending_before_it_starts_shows_a_chinese_message_and_keeps_what_was_typed(page, world):
    log_in(page, "alice")
    page.goto("/trips/new/")
    page.get_by_label("公差地點").fill("花蓮市")
    page.get_by_label("公差事由").fill("會勘")
    page.get_by_label("公差期間起").fill("115-03-10 17:00")
    page.get_by_label("公差期間訖").fill("115-03-10 08:00")
    page.get_by_role("button", name="送出申請").click()
    expect(page.get_by_text(re.compile("結束時間.*必須晚於開始時間")).first).to_be_visible()
    assert page.get_by_label("公差地點").input_value() == "花蓮市"
    assert not Trip.objects.exists()


def test_a_teacher_without_admin_post_files_a_break_report(page, world, settings):
    log_in(page, "gina")
    page.goto("/trips/")
    page.get_by_role("link", name="寒暑假出國報備單").click()
    page.get_by_label("國家或地區").fill("日本")
    page.get_by_label(re.compile("預定出國期間起")).fill("115-07-06 08:00")
    page.get_by_label("預定出國期間訖").fill("115-07-12 20:00")
    page.get_by_label("事由", exact=True).fill("暑假赴日旅遊")
    page.get_by_role("button", name="送出申請").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("days")).to_have_text("7")
    expect(page.get_by_test_id("status")).to_contain_text("簽核中")
    report = Overseas.objects.get()
    assert report.form == "break_report" and report.case.steps.get().decider == world.hank


def test_an_admin_staff_mainland_trip_needs_the_mainland_form_and_goes_through_ethics(page, world, tmp_path):
    # 臺灣地區與大陸地區人民關係條例第9條; seed 002 赴大陸地區特殊流程（政風、人事審核）
    log_in(page, "alice")
    page.goto("/trips/overseas/new/overseas/")
    page.get_by_label("大陸地區").check()
    page.get_by_label("國家或地區").fill("上海")
    page.get_by_label(re.compile("預定出國期間起")).fill("115-03-14 06:00")
    page.get_by_label("預定出國期間訖").fill("115-03-22 22:00")
    page.get_by_label("事由", exact=True).fill("家族旅遊")
    page.get_by_label("職務代理人", exact=True).select_option(label="林柏宇（民政處 行政人員）")
    page.get_by_label("請假類別1", exact=True).select_option("annual")
    page.get_by_label("請假類別1 起").fill("115-03-16 08:00")
    page.get_by_label("請假類別1 訖").fill("115-03-20 17:00")
    page.get_by_role("button", name="送出申請").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text(re.compile("須先填寫「赴大陸地區申請表」"))).to_be_visible()
    draft = Overseas.objects.get()
    assert draft.case is None  # kept as a draft, not submitted

    page.get_by_label("赴大陸地區之地點").fill("上海市")
    page.get_by_label("本年曾赴大陸地區次數").fill("0")
    page.get_by_label(re.compile("家庭旅遊（")).check()
    document = tmp_path / "名單.pdf"
    document.write_bytes(b"%PDF-1.4\n%%EOF\n")
    page.get_by_label(re.compile("檢附文件")).set_input_files(str(document))
    page.get_by_role("button", name="儲存申請表").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="送出申請").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("status")).to_contain_text("簽核中")
    draft.refresh_from_db()
    steps = list(draft.case.steps.order_by("order").values_list("role", "decider_id"))
    assert [role for role, _ in steps] == ["supervisor", "unit_head", "ethics", "personnel"]
    assert dict(steps)["ethics"] == world.erin.pk
