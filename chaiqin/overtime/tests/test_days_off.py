"""A worker's days off checked for every overtime request, from the worker's own schedule:
勞動基準法第36條第1項 (每七日中應有二日之休息，其中一日為例假，一日為休息日), 第40條 (work on a 例假
only for 天災、事變或突發事件), 第24條第2項 (休息日 work is paid as such), and the four-week flexible
schedule of 第30條之1 with 第36條第2項第3款 (每二週內至少應有二日之例假，每四週內之例假及休息日至少應有
八日), agreed by the union or the 勞資會議 and rostered per worker by the personnel office.

March 2026: Monday 2, 9, 16, 23, 30; no national holiday in the weeks used.
"""

from datetime import date, timedelta

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.org.models import Person
from chaiqin.org.services import person_create
from chaiqin.overtime import days_off, days_off_services
from chaiqin.overtime.models import DaysOffRoster

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(world, settings):
    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    return person_create(agency=world.county, unit=world.civil_affairs, employee_no="W1", name="技工甲", gender="M",
                         post=Person.Post.WORKER, hire_date=date(2025, 3, 1), supervisor=world.bob,
                         username="worker1", password="correct-horse-battery")


def evening(day: str):
    return [(f"{day}T18:00", f"{day}T20:00")]


def weekly(world, worker, monday: date, *, regular: int, rest: int):
    return days_off_services.days_off_roster_set(
        person=worker, actor=world.carol, schedule="weekly", period_start=monday,
        regular_days_off=[monday + timedelta(days=regular)], rest_days=[monday + timedelta(days=rest)])


def test_without_a_roster_sunday_is_the_workers_regular_day_off_and_overtime_on_it_is_refused(world, worker, ask):
    with pytest.raises(ChaiqinError) as refused:
        ask(worker, evening("2026-03-08"))
    assert refused.value.code == "seven_day_rule" and "例假" in refused.value.message
    assert "第40條" in refused.value.citation


def test_saturday_is_a_rest_day_and_its_overtime_is_rest_day_work(world, worker, ask):
    # 勞動基準法第24條第2項: paid as 休息日 work; counted toward the monthly cap (第36條第3項)
    request = ask(worker, evening("2026-03-07"))
    assert [s.day_kind for s in request.slots.all()] == ["rest_day"]


def test_a_civil_servants_sunday_stays_a_day_off_of_the_office_calendar(world, ask, settings):
    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    request = ask(world.alice, evening("2026-03-08"))
    assert [s.day_kind for s in request.slots.all()] == ["rest_day"]


def test_the_workers_own_roster_says_which_day_is_the_regular_day_off(world, worker, ask):
    # Week of 115-03-16: 例假 on Saturday 03-21, 休息日 on Sunday 03-22 (第36條第1項: the employer designates them)
    weekly(world, worker, date(2026, 3, 16), regular=5, rest=6)
    with pytest.raises(ChaiqinError) as refused:
        ask(worker, evening("2026-03-21"))
    assert "第40條" in refused.value.citation
    request = ask(worker, evening("2026-03-22"))
    assert [s.day_kind for s in request.slots.all()] == ["rest_day"]
    assert days_off.day_kind(worker, date(2026, 3, 21)) == "regular_day_off"


def test_seven_days_of_work_in_a_row_are_refused_even_when_each_week_has_its_days_off(world, worker, ask):
    # 例假 Saturday 03-21, 休息日 Sunday 03-22; the next week is the default (Saturday 休息日, Sunday 例假).
    weekly(world, worker, date(2026, 3, 16), regular=5, rest=6)
    ask(worker, evening("2026-03-22"))  # Sunday 03-22 to Friday 03-27: six days in a row, allowed
    with pytest.raises(ChaiqinError) as refused:
        ask(worker, evening("2026-03-28"))  # Saturday 03-28 would be the seventh
    assert refused.value.code == "seven_day_rule"
    assert "115-03-22 至 115-03-28 連續工作 7 日" in refused.value.message
    assert "第36條第1項" in refused.value.citation


def test_a_weekly_roster_needs_one_regular_day_off_and_one_rest_day(world, worker):
    with pytest.raises(ChaiqinError) as refused:
        days_off_services.days_off_roster_set(person=worker, actor=world.carol, schedule="weekly",
                                              period_start=date(2026, 3, 16), regular_days_off=[],
                                              rest_days=[date(2026, 3, 21)])
    assert "第36條第1項" in refused.value.citation
    assert not DaysOffRoster.objects.exists()


def test_only_the_personnel_office_rosters_and_only_workers(world, worker):
    weekly(world, worker, date(2026, 3, 16), regular=6, rest=5)  # carol, the personnel office, may
    with pytest.raises(ChaiqinError):
        days_off_services.days_off_roster_set(person=worker, actor=world.bob, schedule="weekly",
                                              period_start=date(2026, 3, 23), regular_days_off=[date(2026, 3, 29)],
                                              rest_days=[date(2026, 3, 28)])
    with pytest.raises(ChaiqinError) as refused:
        days_off_services.days_off_roster_set(person=world.alice, actor=world.carol, schedule="weekly",
                                              period_start=date(2026, 3, 23), regular_days_off=[date(2026, 3, 29)],
                                              rest_days=[date(2026, 3, 28)])
    assert "第36條" in refused.value.message
    assert DaysOffRoster.objects.count() == 1


# --- the four-week flexible schedule (第30條之1) --------------------------------------------------

START = date(2026, 3, 2)  # a 28-day period: 115-03-02 to 115-03-29


def four_weeks(world, worker, regular, rest):
    return days_off_services.days_off_roster_set(
        person=worker, actor=world.carol, schedule="four_week", period_start=START,
        regular_days_off=[START + timedelta(days=d) for d in regular],
        rest_days=[START + timedelta(days=d) for d in rest])


def agreement(world):
    return days_off_services.flexible_agreement_record(
        agency=world.county, actor=world.carol, agreed_on=date(2026, 2, 10),
        reference="115年第1次勞資會議紀錄（115-02-10）第三案", in_force_from=date(2026, 3, 1))


def test_a_four_week_roster_needs_the_agreement_of_the_union_or_the_labour_management_meeting(world, worker):
    with pytest.raises(ChaiqinError) as refused:
        four_weeks(world, worker, regular=[5, 12, 19, 26], rest=[6, 13, 20, 27])
    assert "第30條之1" in refused.value.citation and not DaysOffRoster.objects.exists()
    agreement(world)
    roster = four_weeks(world, worker, regular=[5, 12, 19, 26], rest=[6, 13, 20, 27])
    assert roster.period_end == date(2026, 3, 29) and roster.agreement.reference.startswith("115年第1次")


def test_an_agreement_is_in_force_only_after_it_was_agreed(world):
    with pytest.raises(ChaiqinError) as refused:
        days_off_services.flexible_agreement_record(agency=world.county, actor=world.carol, agreed_on=date(2026, 3, 10),
                                                    reference="第2次勞資會議", in_force_from=date(2026, 3, 1))
    assert "第30條之1" in refused.value.citation


def test_four_weeks_need_two_regular_days_off_in_each_two_weeks_and_eight_days_off(world, worker):
    agreement(world)
    # three 例假 in the first two weeks, one in the second: 第36條第2項第3款 asks 2 in every two weeks
    with pytest.raises(ChaiqinError) as refused:
        four_weeks(world, worker, regular=[0, 5, 12, 26], rest=[6, 13, 20, 27])
    assert "115-03-16 起二週內只有 1 日例假" in refused.value.message
    assert "第36條第2項第3款" in refused.value.citation
    # seven days off in four weeks
    with pytest.raises(ChaiqinError) as refused:
        four_weeks(world, worker, regular=[5, 12, 19, 26], rest=[6, 13, 20])
    assert "至少應有 8 日" in refused.value.message


def test_overtime_under_a_four_week_roster_follows_its_days(world, worker, ask):
    agreement(world)
    # 例假 on Wednesdays, 休息日 on Thursdays; Saturdays and Sundays are workdays
    four_weeks(world, worker, regular=[2, 9, 16, 23], rest=[3, 10, 17, 24])
    with pytest.raises(ChaiqinError) as refused:
        ask(worker, evening("2026-03-04"))  # Wednesday: 例假
    assert "第40條" in refused.value.citation
    rest = ask(worker, evening("2026-03-05"))  # Thursday: 休息日
    sunday = ask(worker, evening("2026-03-08"))  # a rostered workday
    assert [s.day_kind for s in rest.slots.all()] == ["rest_day"]
    assert [s.day_kind for s in sunday.slots.all()] == ["workday"]
    assert [d.label for d in days_off.my_schedule(worker, date(2026, 3, 4), days=2)] == ["例假", "休息日"]


def test_under_a_four_week_roster_twelve_days_in_a_row_are_allowed(world, worker, ask):
    # 第36條第2項第3款 asks 2 例假 every two weeks, not one in every seven days: 例假 on 03-07 and 03-08,
    # then 03-09 to 03-20 are twelve workdays, the 休息日 03-14 and 03-15 worked as overtime.
    agreement(world)
    four_weeks(world, worker, regular=[5, 6, 19, 20], rest=[12, 13, 26, 27])
    request = ask(worker, [(f"2026-03-{d:02d}T09:00", f"2026-03-{d:02d}T11:00") for d in (14, 15)])
    assert [s.day_kind for s in request.slots.all()] == ["rest_day", "rest_day"]
    with pytest.raises(ChaiqinError) as refused:
        ask(worker, evening("2026-03-07"))
    assert "第40條" in refused.value.citation


# --- through the API ---------------------------------------------------------------------------

def test_the_api_refuses_overtime_on_the_workers_regular_day_off_naming_article_40(world, worker, client):
    client.force_login(worker.user)
    r = client.post("/api/overtime/requests", content_type="application/json", data={
        "reason": "搶修路燈", "work_items": "更換燈具",
        "slots": [{"start": "2026-03-08T18:00:00+08:00", "end": "2026-03-08T20:00:00+08:00"}]})
    assert r.status_code == 400 and "第40條" in r.json()["citation"]
    r = client.post("/api/overtime/requests", content_type="application/json", data={
        "reason": "搶修路燈", "work_items": "更換燈具",
        "slots": [{"start": "2026-03-07T18:00:00+08:00", "end": "2026-03-07T20:00:00+08:00"}]})
    assert r.status_code == 200 and r.json()["slots"][0]["day_kind"] == "rest_day"


def test_the_personnel_office_enters_the_agreement_and_the_roster_and_the_worker_sees_it(world, worker, client):
    client.force_login(world.carol.user)
    r = client.post("/api/overtime/days-off/agreements", content_type="application/json", data={
        "body": "meeting", "agreed_on": "2026-02-10", "reference": "115年第1次勞資會議紀錄第三案",
        "in_force_from": "2026-03-01"})
    assert r.status_code == 200, r.content
    days = [(START + timedelta(days=d)).isoformat() for d in range(28)]
    r = client.post("/api/overtime/days-off/rosters", content_type="application/json", data={
        "person_id": worker.pk, "schedule": "four_week", "period_start": "2026-03-02",
        "regular_days_off": [days[d] for d in (2, 9, 16, 23)], "rest_days": [days[d] for d in (3, 10, 17, 24)]})
    assert r.status_code == 200, r.content
    assert r.json()["period_end"] == "2026-03-29" and r.json()["agreement_id"]
    roster_id = r.json()["id"]
    r = client.post("/api/overtime/days-off/rosters", content_type="application/json", data={
        "person_id": worker.pk, "schedule": "four_week", "period_start": "2026-03-30",
        "regular_days_off": [], "rest_days": []})
    assert r.status_code == 400 and "第36條第2項第3款" in r.json()["citation"]

    client.force_login(worker.user)
    mine = client.get("/api/overtime/days-off/mine?start=2026-03-04").json()
    assert [(d["day"], d["label"]) for d in mine[:2]] == [("2026-03-04", "例假"), ("2026-03-05", "休息日")]
    assert client.get(f"/api/overtime/days-off/rosters/{roster_id}").status_code == 200


def test_no_one_else_rosters_a_worker(world, worker, client):
    days_off_services.flexible_agreement_record(agency=world.county, actor=world.carol, agreed_on=date(2026, 2, 10),
                                                reference="第1次勞資會議", in_force_from=date(2026, 3, 1))
    body = {"person_id": worker.pk, "schedule": "weekly", "period_start": "2026-03-16",
            "regular_days_off": ["2026-03-22"], "rest_days": ["2026-03-21"]}
    client.force_login(world.bob.user)  # a supervisor, without the personnel role
    assert client.post("/api/overtime/days-off/rosters", data=body, content_type="application/json").status_code == 403
    client.force_login(world.hank.user)  # the school's personnel office: another agency's worker
    assert client.post("/api/overtime/days-off/rosters", data=body, content_type="application/json").status_code == 404
    assert not DaysOffRoster.objects.exists()
