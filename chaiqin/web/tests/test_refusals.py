"""web.refusals: the one place a page shows a refused action, and web.pages.month_param."""

from datetime import date

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory

from chaiqin.errors import ChaiqinError, refuses_rule_input
from chaiqin.rules import RuleInputError
from chaiqin.web.pages import month_param
from chaiqin.web.refusals import attempt

REFUSAL = ChaiqinError("超過每月加班上限", citation="勞動基準法第32條", field="hours")


class HoursForm(forms.Form):
    hours = forms.IntegerField()
    file = forms.CharField(required=False)


def _request(query: str = ""):
    request = RequestFactory().get("/x/" + query)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _messages(request) -> list[str]:
    return [m.message for m in get_messages(request)]


def _form() -> HoursForm:
    form = HoursForm({"hours": "70"})
    assert form.is_valid()
    return form


def test_a_refusal_goes_on_the_field_it_names_with_its_citation():
    request, form = _request(), _form()
    with attempt(request, form) as done:
        raise REFUSAL
    assert not done.ok and done.error is REFUSAL
    assert form.errors["hours"] == ["超過每月加班上限（勞動基準法第32條）"]
    assert _messages(request) == []


def test_a_refusal_naming_no_field_of_the_form_goes_above_it_or_on_the_field_given():
    request, form = _request(), _form()
    with attempt(request, form):
        raise ChaiqinError("檔案格式不符")
    assert form.non_field_errors() == ["檔案格式不符"]
    other = _form()
    with attempt(request, other, field="file"):
        raise ChaiqinError("檔案格式不符", field="no_such_field")
    assert other.errors["file"] == ["檔案格式不符"]


def test_without_a_form_the_refusal_is_a_page_message_with_the_pages_framing():
    request = _request()
    with attempt(request, prefix="第 3 項：", suffix="（已存為草稿）") as done:
        raise REFUSAL
    assert not done.ok
    assert _messages(request) == ["第 3 項：超過每月加班上限（勞動基準法第32條）（已存為草稿）"]


def test_message_true_shows_it_at_the_top_and_marks_the_field():
    request, form = _request(), _form()
    with attempt(request, form, message=True):
        raise REFUSAL
    assert _messages(request) == ["超過每月加班上限（勞動基準法第32條）"]
    assert form.errors["hours"] == ["超過每月加班上限（勞動基準法第32條）"]


def test_show_false_leaves_the_refusal_to_the_page_and_success_is_ok():
    request = _request()
    with attempt(request, show=False) as done:
        raise REFUSAL
    assert done.error is REFUSAL and _messages(request) == []
    with attempt(request) as fine:
        pass
    assert fine.ok and fine.error is None


def test_anything_but_a_refusal_is_a_bug_and_is_not_caught():
    with pytest.raises(KeyError):
        with attempt(_request()):
            raise KeyError("bug")


def test_a_services_boundary_turns_a_rule_input_error_into_a_refusal():
    @refuses_rule_input
    def service(*, days: int) -> int:
        if days < 0:
            raise RuleInputError("天數不可為負數。")
        return days

    assert service(days=2) == 2
    with pytest.raises(ChaiqinError, match="天數不可為負數。") as caught:
        service(days=-1)
    assert caught.value.code == "rule"


@pytest.mark.parametrize("query, first", [
    ("?month=115-02", date(2026, 2, 1)), ("?month=2025-11", date(2025, 11, 1)),
    ("?month=115-13", date(2026, 12, 1)), ("?month=", date(2026, 12, 1)), ("", date(2026, 12, 1)),
])
def test_the_month_of_a_page_falls_back_to_todays_month(query, first):
    assert month_param(_request(query), date(2026, 12, 2)) == first
