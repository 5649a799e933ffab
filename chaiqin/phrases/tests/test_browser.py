"""The 詞庫 picker in the browser, on a 390 px phone: searched, chosen with the keyboard,
inserted at the caret as text (a hostile phrase stays text), and a reason saved from the form."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect

from chaiqin.conftest import log_in
from chaiqin.phrases import services
from chaiqin.phrases.models import Phrase

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOSTILE = '<img src=x onerror="document.title=1">'


def test_a_phrase_is_searched_and_inserted_with_the_keyboard_on_a_phone(page, world):
    services.phrase_add(actor=world.alice, text="參加業務研習")
    services.phrase_add(actor=world.alice, text=HOSTILE)
    services.common_phrase_add(actor=world.carol, agency=world.county, text="辦理年度業務考核")
    services.common_phrase_add(actor=world.hank, agency=world.school, text="學校的詞句")
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "alice")
    page.goto("/trips/new/")
    reason = page.get_by_label("公差事由")
    reason.fill("赴臺北：")
    toggle = page.get_by_role("button", name="詞庫").first
    toggle.focus()
    page.keyboard.press("Enter")
    search = page.get_by_role("searchbox", name="搜尋詞庫").first
    expect(search).to_be_focused()
    items = page.locator(".phrase-item:visible")
    items.first.wait_for()
    texts = items.all_inner_texts()
    assert "辦理年度業務考核" in texts and "參加業務研習" in texts and HOSTILE in texts
    assert "學校的詞句" not in texts  # another agency's book
    assert page.title() != "1"  # the hostile phrase is text, not markup
    search.fill("考核")
    expect(items).to_have_text(["辦理年度業務考核"])
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shots = os.environ.get("CHAIQIN_SCREENSHOTS")
    if shots:
        page.screenshot(path=os.path.join(shots, "phrase-picker-390.png"), full_page=True)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert reason.input_value() == "赴臺北：辦理年度業務考核"
    expect(reason).to_be_focused()
    expect(page.locator(".phrase-panel:visible")).to_have_count(0)

    # Escape closes a picker and gives the focus back to its button
    toggle.click()
    page.keyboard.press("Escape")
    expect(toggle).to_be_focused()

    reason.fill("督導防汛整備")
    toggle.click()
    page.get_by_role("button", name="將此欄內容存入個人詞庫").first.click()
    page.get_by_text("已存入個人詞庫").first.wait_for()
    assert Phrase.objects.filter(owner=world.alice, text="督導防汛整備").exists()
    expect(page.locator(".phrase-item").filter(has_text=re.compile(r"^督導防汛整備$"))).not_to_have_count(0)


def test_the_pages_of_both_books_fit_a_phone(page, world):
    services.common_phrase_add(actor=world.carol, agency=world.county, text="辦理年度業務考核" * 6)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "carol")
    page.goto("/console/phrases/")
    page.get_by_label("詞句").fill("召開專案會議")
    page.get_by_role("button", name="加入公用詞庫").click()
    page.get_by_text("已加入公用詞庫").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shots = os.environ.get("CHAIQIN_SCREENSHOTS")
    if shots:
        page.screenshot(path=os.path.join(shots, "common-book-390.png"), full_page=True)
    page.goto("/phrases/")
    page.get_by_label("詞句").fill("陪同家人就醫")
    page.get_by_role("button", name="加入個人詞庫").click()
    page.get_by_text("已加入個人詞庫").first.wait_for()
    expect(page.get_by_test_id("common-phrases")).to_contain_text("召開專案會議")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    if shots:
        page.screenshot(path=os.path.join(shots, "own-book-390.png"), full_page=True)
