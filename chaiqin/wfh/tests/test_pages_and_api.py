"""Pages and the REST API through the test client: the scenario of the issue without a browser."""

import json
from datetime import date, timedelta

import pytest

from chaiqin.wfh import services
from chaiqin.wfh.models import WfhApplication, WfhDay, WfhLog

from .conftest import ANSWERS, MONDAY, WEEK_36, at

pytestmark = pytest.mark.django_db


def post_json(client, url, payload, method="post"):
    return getattr(client, method)(url, json.dumps(payload, default=str), content_type="application/json")


def test_a_person_at_30_weeks_applies_on_the_page_and_the_deciders_answer_the_checklist(client, world):
    client.force_login(world.alice.user)
    response = client.post("/wfh/apply/", {"relation": "self", "due_date": "115-05-18", "start": "115-03-09",
                                           "end": "115-05-15", "workplace": "花蓮市中山路1號"})
    application = WfhApplication.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/wfh/applications/{application.pk}/"
    client.force_login(world.bob.user)
    html = client.get(f"/wfh/applications/{application.pk}/").content.decode()
    assert "大陸廠牌" in html and "24小時" in html and "居家環境" in html
    refused = client.post(f"/wfh/applications/{application.pk}/decide/", {"decision": "approve"}, follow=True)
    assert "未符合" in refused.content.decode()
    checks = {f"check_{k}": "on" for k, v in ANSWERS.items() if v}
    client.post(f"/wfh/applications/{application.pk}/decide/", {"decision": "approve", **checks})
    for person in (world.diana, world.carol):
        client.force_login(person.user)
        client.post(f"/wfh/applications/{application.pk}/decide/", {"decision": "approve", **checks})
    application.refresh_from_db()
    assert application.status == WfhApplication.Status.APPROVED
    assert application.decisions.count() == 3


def test_a_due_date_in_the_past_is_explained_on_the_page_and_the_form_kept(client, world):
    client.force_login(world.alice.user)
    html = client.post("/wfh/apply/", {"relation": "self", "due_date": "115-03-01", "start": "115-03-09",
                                       "end": "115-05-15", "workplace": "住所"}).content.decode()
    assert "預產期 115-03-01 已經過去" in html and 'value="住所"' in html
    assert not WfhApplication.objects.exists()


def test_planning_above_the_cap_on_the_page_names_point_3_and_keeps_the_plan(client, world, application):
    client.force_login(world.alice.user)
    url = f"/wfh/applications/{application.pk}/plan/{MONDAY.isoformat()}/"
    four = [(MONDAY + timedelta(days=o)).isoformat() for o in (0, 1, 2, 3)]
    html = client.post(url, {"days": four}, follow=True).content.decode()
    assert "依居家辦公作業規範第3點" in html and "至多居家辦公 3 日" in html
    # 花蓮縣政府's own scheme, in its own word, never another city's (基隆市政府…)
    assert "本府同仁懷孕或配偶懷孕期間實施居家辦公作業規範第3點第1項第2款" in html and "基隆" not in html
    assert not WfhDay.objects.exists()
    client.post(url, {"days": four[:3]})
    assert WfhDay.objects.count() == 3
    at_36 = client.get(f"/wfh/applications/{application.pk}/plan/{WEEK_36.isoformat()}/").content.decode()
    assert "本週至多居家辦公 <strong>4</strong> 日" in at_36
    assert "本府同仁懷孕" in at_36 and "基隆" not in at_36 and "本機關同仁" not in at_36


def test_log_review_week_and_exports_through_the_pages(client, world, application, settings):
    services.wfh_week_plan(actor=world.alice, application=application, week_start=MONDAY, days=[MONDAY])
    at(settings, "2026-03-09T17:00")
    client.force_login(world.alice.user)
    response = client.post("/wfh/logs/write/115-03-09/", {"work_start": "08:00", "work_end": "17:00",
                                                          "item_1": "公文", "done_1": "完成簽稿", "progress_1": "behind"})
    log = WfhLog.objects.get()
    assert response["Location"] == f"/wfh/logs/{log.pk}/"
    refused = client.post("/wfh/logs/write/115-03-10/", {"work_start": "08:00", "work_end": "17:00",
                                                        "item_1": "公文", "done_1": "x", "progress_1": "ahead"})
    assert "不是您排定的居家辦公日" in refused.content.decode()
    client.force_login(world.bob.user)
    assert "審核" in client.get("/wfh/").content.decode()
    client.post(f"/wfh/logs/{log.pk}/review/", {"decision": "approve"})
    client.post(f"/wfh/people/{world.alice.pk}/week/{MONDAY.isoformat()}/report/")
    client.force_login(world.diana.user)
    html = client.get(f"/wfh/unit-week/?week={MONDAY.isoformat()}").content.decode()
    assert "陳雅婷" in html and "完成簽稿" in html and "已由 林柏宇 陳報" in html
    pdf = client.get(f"/wfh/people/{world.alice.pk}/week/{MONDAY.isoformat()}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    xlsx = client.get(f"/wfh/people/{world.alice.pk}/week/{MONDAY.isoformat()}/xlsx/")
    assert xlsx.content[:2] == b"PK"
    client.force_login(world.gina.user)
    assert client.get(f"/wfh/logs/{log.pk}/").status_code == 404
    assert client.get(f"/wfh/logs/{log.pk}/pdf/").status_code == 404


def test_the_personnel_office_sees_who_works_from_home_which_days_and_the_caps(client, world, application):
    services.wfh_week_plan(actor=world.alice, application=application, week_start=MONDAY, days=[MONDAY])
    client.force_login(world.carol.user)
    html = client.get(f"/wfh/overview/?week={MONDAY.isoformat()}").content.decode()
    assert "陳雅婷" in html and "3 日" in html and "居家" in html
    data = client.get(f"/api/wfh/overview/{MONDAY.isoformat()}").json()
    assert data[0]["days"] == ["2026-03-09"] and data[0]["cap"] == 3 and data[0]["gestation_weeks"] == 30
    client.force_login(world.bob.user)
    assert client.get("/wfh/overview/").status_code == 404
    client.force_login(world.hank.user)
    assert client.get(f"/api/wfh/overview/{MONDAY.isoformat()}").json() == []


def test_the_api_runs_the_whole_scheme(client, world, settings):
    client.force_login(world.alice.user)
    created = post_json(client, "/api/wfh/applications", {"relation": "spouse", "gestation_weeks": 30,
                                                          "start": "2026-03-09", "end": "2026-05-08",
                                                          "workplace": "住所"})
    assert created.status_code == 200, created.content
    app_id = created.json()["id"]
    for person in (world.bob, world.diana, world.carol):
        client.force_login(person.user)
        assert post_json(client, f"/api/wfh/applications/{app_id}/decide",
                         {"decision": "approve", "answers": ANSWERS}).status_code == 200
    client.force_login(world.alice.user)
    too_many = post_json(client, f"/api/wfh/applications/{app_id}/weeks/2026-03-09",
                         {"days": ["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12"]}, method="put")
    assert too_many.status_code == 400 and "第3點" in too_many.json()["detail"]
    assert too_many.json()["citation"] == "本府同仁懷孕或配偶懷孕期間實施居家辦公作業規範第3點第1項第2款"
    ok = post_json(client, f"/api/wfh/applications/{app_id}/weeks/2026-03-09",
                   {"days": ["2026-03-09", "2026-03-11"]}, method="put")
    assert [d["date"] for d in ok.json()] == ["2026-03-09", "2026-03-11"]
    assert client.get(f"/api/wfh/people/{world.alice.pk}/days?start=2026-03-01&end=2026-03-31").json() == \
        ["2026-03-09", "2026-03-11"]
    at(settings, "2026-03-09T17:00")
    log = post_json(client, "/api/wfh/logs", {"date": "2026-03-09", "items": [
        {"item": "公文", "done": "完成", "progress": "on_track"}]})
    assert log.status_code == 200 and log.json()["status"] == "submitted"
    bad = post_json(client, "/api/wfh/logs", {"date": "2026-03-10", "items": [
        {"item": "公文", "done": "完成", "progress": "on_track"}]})
    assert bad.status_code == 400 and "不是您排定的居家辦公日" in bad.json()["detail"]
    at(settings, "2026-03-11T09:00")
    late = post_json(client, "/api/wfh/overtime", {"assigner_id": world.bob.pk, "start": "2026-03-09T18:00:00+08:00",
                                                   "end": "2026-03-09T20:00:00+08:00", "work_done": "議會資料",
                                                   "evidence": "通話紀錄"})
    assert late.status_code == 400 and "已逾期" in late.json()["detail"]
    client.force_login(world.bob.user)
    review = post_json(client, f"/api/wfh/logs/{log.json()['id']}/review", {"decision": "approve"})
    assert review.json()["status"] == "reviewed"
    client.force_login(world.gina.user)
    assert client.get(f"/api/wfh/applications/{app_id}").status_code == 404


def test_the_home_page_shows_this_and_next_weeks_plan_with_the_cap(client, world, application):
    services.wfh_week_plan(actor=world.alice, application=application, week_start=MONDAY, days=[MONDAY])
    client.force_login(world.alice.user)
    html = client.get("/wfh/").content.decode()
    assert "懷孕30週，每週至多3日" in html and "115-03-09" in html and "核准實施" in html
    detail = client.get(f"/wfh/applications/{application.pk}/").content.decode()
    assert "安胎休養" in detail and "每週居家辦公日數上限" in detail
