"""Every upload field is drawn by one widget (chaiqin/web/uploads.py): a button 「選擇檔案」 and
「未選擇檔案」 or the names chosen, never Chromium's English 「Choose Files / No file chosen」;
it fits a phone's 390 px."""

import pytest

from chaiqin.conftest import log_in
from chaiqin.leave.forms import LeaveRequestForm
from chaiqin.web.uploads import MultipleUploadInput, UploadInput

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_every_upload_field_of_every_form_uses_the_widget():
    from django import forms as django_forms

    from chaiqin.attendance import forms as attendance
    from chaiqin.org.import_views import PeopleImportForm
    from chaiqin.overtime import forms as overtime
    from chaiqin.payroll import forms as payroll
    from chaiqin.trips import forms as trips

    found = 0
    for module in (attendance, overtime, payroll, trips):
        for form in vars(module).values():
            if isinstance(form, type) and issubclass(form, django_forms.BaseForm):
                for name, field in form.base_fields.items():
                    if isinstance(field, django_forms.FileField):
                        assert isinstance(field.widget, UploadInput), f"{form.__name__}.{name}"
                        found += 1
    assert isinstance(PeopleImportForm.base_fields["file"].widget, UploadInput)
    assert isinstance(LeaveRequestForm.base_fields["attachments"].widget, MultipleUploadInput)
    assert found >= 7


def test_the_widget_renders_the_chinese_button_and_the_empty_text():
    html = LeaveRequestForm.base_fields["attachments"].widget.render("attachments", None, {"id": "id_attachments"})
    assert "選擇檔案" in html and "未選擇檔案" in html and 'type="file"' in html and "multiple" in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_leave_form_shows_the_chosen_names_in_chinese(browser, live_server, world, settings, tmp_path):
    settings.CHAIQIN_NOW = "2026-03-04T09:00"
    context = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844}, base_url=live_server.url)
    page = context.new_page()
    log_in(page, "alice")
    page.goto("/leave/new/")
    widget = page.locator(".upload").first
    assert widget.locator(".upload-button").inner_text().strip() == "選擇檔案"
    assert widget.locator(".upload-names").inner_text() == "未選擇檔案"
    assert "Choose" not in widget.inner_text() and "No file" not in widget.inner_text()
    first, second = tmp_path / "診斷證明.pdf", tmp_path / "收據.pdf"
    first.write_bytes(PDF)
    second.write_bytes(PDF)
    widget.locator("input[type=file]").set_input_files([str(first), str(second)])
    assert widget.locator(".upload-names").inner_text() == "診斷證明.pdf、收據.pdf"
    box = widget.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
