"""Asking for overtime: caps checked at the moment of asking (公務員服務法第12條, 勞動基準法
第32條), the civil exceptional caps and their report, at most a month per request (seed 003
Q.8), midnight and national holidays (seed 002, seed 003 Q.4)."""

from datetime import date

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.overtime import selectors, services

from .conftest import approve_all

pytestmark = pytest.mark.django_db


def evenings(first_day: int, last_day: int, hours: int, month="2026-03"):
    return [(f"{month}-{d:02d}T18:00", f"{month}-{d:02d}T{18 + hours}:00") for d in range(first_day, last_day + 1)]


def test_a_request_beyond_60_hours_in_a_month_is_refused_naming_article_12(world, settings, ask):
    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    with pytest.raises(ChaiqinError) as refused:
        ask(world.alice, evenings(2, 22, 3))  # 21 evenings of 3 h = 63 h
    assert "公務員服務法第12條" in refused.value.citation
    assert refused.value.code == "monthly_ot_over_cap"


def test_pending_requests_count_toward_the_cap(world, settings, ask):
    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    ask(world.alice, evenings(2, 11, 3))  # 30 h
    ask(world.alice, evenings(12, 21, 3))  # 60 h: still allowed
    with pytest.raises(ChaiqinError, match="公務員服務法第12條|60"):
        ask(world.alice, [("2026-03-23T18:00", "2026-03-23T19:00")])


def test_a_day_beyond_12_hours_is_refused(world, settings, ask):
    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    with pytest.raises(ChaiqinError) as refused:
        ask(world.alice, [("2026-03-09T17:00", "2026-03-09T22:30")])  # 8 h + 5.5 h
    assert refused.value.code == "daily_over_12h"


def test_an_emergency_is_allowed_under_the_exceptional_caps_and_listed_for_the_report(world, settings, ask, client):
    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    req = ask(world.alice, evenings(2, 24, 3), situation="emergency")  # 69 h
    assert req.report_required and req.report_due == date(2026, 4, 2)
    assert list(selectors.exceptional_requests(world.carol)) == [req]
    with pytest.raises(ChaiqinError, match="公務員服務法第12條"):
        ask(world.alice, [("2026-03-25T18:00", "2026-03-25T23:00"), ("2026-03-26T18:00", "2026-03-26T23:00"),
                          ("2026-03-27T18:00", "2026-03-27T23:00")], situation="emergency")  # 84 h > 80 h


def test_a_request_longer_than_a_month_is_refused(world, settings, ask):
    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    with pytest.raises(ChaiqinError, match="不宜超過一個月"):
        ask(world.alice, [("2026-03-02T18:00", "2026-03-02T19:00"), ("2026-04-02T18:00", "2026-04-02T19:00")])


def test_overtime_past_midnight_belongs_to_the_day_it_started(world, settings, ask):
    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    req = ask(world.alice, [("2026-03-06T21:00", "2026-03-07T01:00")])
    assert req.slots.get().day == date(2026, 3, 6)


def test_a_national_holiday_on_a_weekend_is_claimed_on_its_own_date(world, settings, ask):
    settings.CHAIQIN_NOW = "2026-10-01T09:00"
    req = ask(world.alice, [("2026-10-10T09:00", "2026-10-10T12:00")], reason="國慶日（週六）")
    slot = req.slots.get()
    assert slot.day == date(2026, 10, 10) and slot.day_kind == "holiday"


def test_the_workflow_route_and_the_api(world, settings, client):
    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    client.login(username="alice", password="correct-horse-battery")
    answer = client.post("/api/overtime/requests", {
        "reason": "議會質詢資料", "work_items": "整理質詢答復", "slots": [
            {"start": "2026-03-03T18:00:00+08:00", "end": "2026-03-03T20:00:00+08:00"}]},
        content_type="application/json")
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["status"] == "pending" and body["slots"][0]["day"] == "2026-03-03"
    too_much = client.post("/api/overtime/requests", {
        "reason": "x", "work_items": "y", "slots": [
            {"start": f"2026-03-{d:02d}T18:00:00+08:00", "end": f"2026-03-{d:02d}T21:30:00+08:00"} for d in range(4, 25)]},
        content_type="application/json")
    assert too_much.status_code == 400 and "公務員服務法第12條" in too_much.json()["citation"]
