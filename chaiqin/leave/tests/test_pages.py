"""The pages answer, show what the person may see, and the exports open."""

import io

import pytest
from django.urls import reverse

from chaiqin.leave import services

from .conftest import approve_all, at

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


@pytest.fixture
def approved(world, ivy):
    req = services.leave_request_submit(person=world.alice, leave_code="personal", start=at("2026-03-10 08:00"),
                                        end=at("2026-03-10 17:00"), agent=ivy, reason="辦事")
    approve_all(req)
    return req


def login(client, name):
    assert client.login(username=name, password=PASSWORD)
    return client


def test_every_leave_page_of_alice_answers(client, world, approved):
    login(client, "alice")
    for name, args in [("leave:home", []), ("leave:new", []), ("leave:detail", [approved.pk]),
                       ("leave:balances", []), ("leave:team", []), ("leave:covering", []), ("leave:ical", ["me"])]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
    team = client.get(reverse("leave:team")).content.decode()
    assert "事假" in team


def test_the_preview_says_the_quota_the_pay_and_what_remains(client, world, ivy):
    login(client, "alice")
    response = client.post(reverse("leave:new"), {
        "leave_code": "personal", "start_date": "115-03-13", "start_time": "08:00", "end_date": "115/3/16",
        "end_time": "17:00", "agent": ivy.pk, "preview": "1"})
    page = response.content.decode()
    assert "試算結果" in page and "全薪" in page and "核准後剩 5日" in page
    assert "115-03-14（六）" in page  # the Saturday left out and why


def test_a_refused_request_shows_the_rule_in_chinese(client, world, ivy):
    login(client, "alice")
    response = client.post(reverse("leave:new"), {
        "leave_code": "family_care", "start_date": "115-03-10", "start_time": "08:00", "end_date": "115-03-20",
        "end_time": "17:00", "agent": ivy.pk, "submit": "1"})
    page = response.content.decode()
    assert "額度不足" in page and "公務人員請假規則" in page  # 家庭照顧假每年以7日為限


def test_a_stranger_cannot_open_someone_elses_leave(client, world, approved):
    login(client, "gina")
    assert client.get(reverse("leave:detail", args=[approved.pk])).status_code == 404


def test_the_agent_sees_what_they_cover(client, world, approved):
    login(client, "ivy")
    assert "陳雅婷" in client.get(reverse("leave:covering")).content.decode()


def test_personnel_see_everyones_balances_and_export_xlsx_and_ods(client, world, approved):
    import openpyxl
    from odf.opendocument import load

    login(client, "alice")
    assert client.get(reverse("leave:balance_table")).status_code == 403
    login(client, "carol")
    assert "陳雅婷" in client.get(reverse("leave:balance_table")).content.decode()
    xlsx = client.get(reverse("leave:balance_export", args=["xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    rows = {r[3]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["陳雅婷"][7:9] == (48, "6日")  # personal: 7 days − 1, as hours and as 日/時
    ods = client.get(reverse("leave:balance_export", args=["ods"]))
    assert load(io.BytesIO(b"".join(ods.streaming_content))).spreadsheet is not None


def test_the_icalendar_feed_lists_the_leave_with_its_subscription_token(client, world, approved):
    from icalendar import Calendar

    from chaiqin.leave import services

    token = services.calendar_token_issue(person=world.alice)
    cal = Calendar.from_ical(client.get(reverse("leave:ical", args=[token])).content)
    assert [str(e["summary"]) for e in cal.walk("VEVENT")] == ["事假"]
    assert client.get(reverse("leave:ical", args=["forged"])).status_code == 404
