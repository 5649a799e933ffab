"""chaiqin.web.fields (ROCDateField, ROCDateTimeField) and the `roc` template filters."""

from datetime import date, datetime

from django import forms
from django.template import Context, Template

from chaiqin.dates import TAIPEI
from chaiqin.web.fields import ROCDateField, ROCDateTimeField


class LeaveForm(forms.Form):
    start = ROCDateField(label="開始日期")
    until = ROCDateField(label="結束日期", required=False)
    at = ROCDateTimeField(label="時間", required=False)


def test_the_date_field_cleans_a_roc_date_to_a_gregorian_date():
    form = LeaveForm(data={"start": "115/3/9", "until": "民國115年3月10日", "at": "115-03-09 08:30"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "start": date(2026, 3, 9), "until": date(2026, 3, 10), "at": datetime(2026, 3, 9, 8, 30, tzinfo=TAIPEI),
    }


def test_the_date_field_also_takes_a_gregorian_date():
    form = LeaveForm(data={"start": "2026-03-09"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["start"] == date(2026, 3, 9)


def test_an_impossible_date_is_a_validation_error_with_the_chinese_message():
    form = LeaveForm(data={"start": "115-02-30"})
    assert not form.is_valid()
    assert form.errors["start"] == ["日期「115-02-30」不存在：民國115年2月沒有30日。"]


def test_an_unreadable_date_names_the_accepted_forms():
    form = LeaveForm(data={"start": "下週一"})
    assert not form.is_valid()
    assert "115-03-09" in form.errors["start"][0]


def test_an_empty_required_date_is_refused_and_an_empty_optional_one_is_none():
    form = LeaveForm(data={"start": "", "until": ""})
    assert not form.is_valid()
    assert "start" in form.errors and "until" not in form.errors
    form = LeaveForm(data={"start": "1150309", "until": ""})
    assert form.is_valid() and form.cleaned_data["until"] is None


def test_the_initial_value_is_shown_as_a_roc_date_in_a_text_input():
    form = LeaveForm(initial={"start": date(2026, 3, 9), "at": datetime(2026, 3, 9, 8, 0, tzinfo=TAIPEI)})
    html = str(form["start"])
    assert 'type="text"' in html and 'value="115-03-09"' in html
    assert 'value="115-03-09 08:00"' in str(form["at"])


def test_what_was_typed_is_shown_again_when_it_does_not_validate():
    form = LeaveForm(data={"start": "115-02-30"})
    form.is_valid()
    assert 'value="115-02-30"' in str(form["start"])


def _render(source: str, **context) -> str:
    return Template("{% load roc %}" + source).render(Context(context))


def test_the_template_filters_show_roc_dates():
    day = date(2026, 3, 9)
    assert _render("{{ d|roc }}", d=day) == "115-03-09"
    assert _render("{{ d|roc_long }}", d=day) == "民國115年3月9日（一）"
    assert _render("{{ d|weekday_zh }}", d=day) == "一"
    assert _render("{{ t|roc_datetime }}", t=datetime(2026, 3, 9, 8, 5, tzinfo=TAIPEI)) == "115-03-09 08:05"


def test_the_template_filters_show_an_aware_datetime_on_its_taipei_date():
    from datetime import UTC

    late_evening_utc = datetime(2026, 3, 8, 17, 0, tzinfo=UTC)  # 01:00 on 3/9 in Taipei
    assert _render("{{ t|roc }}", t=late_evening_utc) == "115-03-09"


def test_the_template_filters_show_nothing_for_an_empty_value():
    assert _render("[{{ d|roc }}][{{ d|roc_long }}][{{ d|weekday_zh }}]", d=None) == "[][][]"
