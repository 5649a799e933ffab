"""A request the API's schemas cannot read answers 422 in the API's one error shape,
{"detail", "citation"}, with a Chinese sentence naming each field in Chinese and the form
expected (not Pydantic's English "Input should be a valid datetime")."""

import pytest
from django.test import Client

from chaiqin.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(world, settings) -> Client:
    settings.CHAIQIN_NOW = "2026-03-04T09:00"
    client = Client()
    assert client.login(username="alice", password=PASSWORD)
    return client


def test_a_malformed_date_names_the_field_in_chinese_and_the_expected_form(alice):
    body = {"relation": "self", "start": "2026/03/09 早上", "end": "下週五", "workplace": "花蓮市"}
    response = alice.post("/api/wfh/applications", body, content_type="application/json")
    assert response.status_code == 422
    assert set(response.json()) == {"detail", "citation"}
    detail = response.json()["detail"]
    assert "「起時」（start）格式不正確，應為日期，格式為 YYYY-MM-DD（如 2026-03-10）" in detail
    assert "「迄時」（end）格式不正確" in detail
    assert "Input should" not in detail


def test_a_date_that_does_not_exist_is_refused_naming_the_field(alice):
    body = {"relation": "self", "start": "2026-02-30", "end": "2026-05-15", "workplace": "花蓮市"}
    response = alice.post("/api/wfh/applications", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "「起時」（start）：日期「2026-02-30」不存在。"


def test_a_missing_field_and_a_word_for_a_number(alice):
    body = {"relation": "self", "start": "2026-03-09", "end": "2026-05-15", "gestation_weeks": "三十"}
    detail = alice.post("/api/wfh/applications", body, content_type="application/json").json()["detail"]
    assert "「居家辦公地點」（workplace）為必填。" in detail
    assert "「懷孕週數」（gestation_weeks）格式不正確，應為整數（如 3）。" in detail


def test_a_bad_path_or_query_parameter_is_named_too(alice):
    response = alice.get("/api/calendar/一一五/12")
    assert response.status_code == 422
    assert response.json() == {"detail": "「年」（year）格式不正確，應為整數（如 3）。", "citation": ""}


def test_a_body_that_is_not_json(alice):
    response = alice.post("/api/wfh/applications", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "請求內容不是有效的 JSON。", "citation": ""}
