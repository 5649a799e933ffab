"""差勤統計: leave by type, lateness, 曠職, missed punches, overtime paid and as comp time, comp
time earned and used, per person and unit; the API's shape and scope; queries flat in size."""

from datetime import date, datetime

import pytest

from chaiqin.attendance import services as attendance
from chaiqin.dates import TAIPEI
from chaiqin.leave import services as leave
from chaiqin.org.models import Person
from chaiqin.payroll import services, statistics
from chaiqin.workflow import services as workflow

pytestmark = pytest.mark.django_db


def _at(text):
    return datetime.fromisoformat(text).replace(tzinfo=TAIPEI)


def _approve(case):
    for step in case.steps.order_by("order"):
        workflow.case_decide(case=case, actor=step.decider, decision="approve")


@pytest.fixture
def march(world, work, settings):
    services.wage_record_set(by=world.carol, person=world.alice, valid_from=date(2026, 1, 1), basis="salary",
                             salary=38000, professional=22000)
    work(world.alice, "2026-03-07T08:00", "2026-03-07T18:00")  # 8 h paid, 2 h comp time (第5條)
    work(world.alice, "2026-03-10T18:00", "2026-03-10T20:00", "comp_time")
    settings.CHAIQIN_NOW = "2026-03-11T09:00"
    req = leave.leave_request_submit(person=world.alice, leave_code="personal", start=_at("2026-03-12T08:00"),
                                     end=_at("2026-03-12T12:00"), agent=world.bob, reason="家務")
    _approve(req.case)
    # alice: late on 16 March (09:10 with the 30-minute flex to 08:30: 40 minutes late).
    for stamp in ("2026-03-16T09:10", "2026-03-16T17:40"):
        attendance.punch_record(person=world.alice, at=_at(stamp), source="web")
    settings.CHAIQIN_NOW = "2026-03-31T20:00"


def test_a_persons_month_adds_up_from_the_records(world, march):
    rows = statistics.attendance_summary(Person.objects.filter(pk=world.alice.pk), statistics.month_period(2026, 3))
    f = rows[0].as_api()
    assert f["leave_minutes"] == {"personal": 240}
    assert (f["overtime_minutes"], f["overtime_paid_minutes"], f["overtime_comp_minutes"]) == (720, 480, 240)
    assert f["comp_time_earned_minutes"] == 240
    assert f["late_count"] == 1 and f["late_minutes"] == 40


def test_the_api_answers_rows_in_the_issues_shape_and_stays_in_scope(world, march, client):
    client.force_login(world.carol.user)
    body = client.get("/api/reports/attendance-summary/2026?month=3").json()
    alice = next(r for r in body if r["person_id"] == world.alice.pk)
    for key in ("employee_no", "name", "unit_name", "leave_minutes", "late_count", "late_minutes",
                "early_leave_count", "absent_minutes", "missed_punch_count", "overtime_minutes",
                "comp_time_earned_minutes", "comp_time_used_minutes"):
        assert key in alice
    assert all(r["person_id"] != world.gina.pk for r in body)
    pay = client.get("/api/reports/overtime-pay/2026/3").json()
    assert pay["totals"]["amount"] == "2000.00"  # 8 h × 250
    assert pay["rows"][0]["hours"]["rest_day"] == "8.00"
    other_unit = world.school.units.first().pk
    assert client.get(f"/api/reports/overtime-pay/2026/3?unit_id={other_unit}").status_code == 404
    client.force_login(world.alice.user)
    assert client.get("/api/reports/attendance-summary/2026").status_code == 403
    assert client.get("/api/reports/overtime-pay/2026/3").status_code == 403


def test_the_appraisal_year_of_teachers_is_the_school_year():
    assert statistics.appraisal_period("teacher", 2026).first == date(2025, 8, 1)
    assert statistics.appraisal_period("civil", 2026).last == date(2026, 12, 31)


@pytest.mark.parametrize("extra", [5, 40])
def test_queries_stay_flat_as_people_grow(world, march, extra, django_assert_max_num_queries):
    from chaiqin.org.services import person_create
    from chaiqin.payroll import sheets

    for i in range(extra):
        p = person_create(agency=world.county, unit=world.civil_affairs, employee_no=f"X{i}", name=f"員{i}",
                          gender="F", post=Person.Post.ADMIN, hire_date=date(2020, 1, 1), supervisor=world.bob)
        services.wage_record_set(by=world.carol, person=p, valid_from=date(2026, 1, 1), basis="salary", salary=30000)
    people = Person.objects.filter(agency=world.county)
    with django_assert_max_num_queries(6):
        sheets.overtime_pay_sheet(people, 2026, 3)
    with django_assert_max_num_queries(8):
        statistics.attendance_summary(people, statistics.month_period(2026, 3), with_days=False)
    # With the day statuses: the same bound for 5 and 40 more people (only alice has forms).
    with django_assert_max_num_queries(20):
        statistics.attendance_summary(people, statistics.month_period(2026, 3))


def test_comp_time_earned_and_expired_count_in_the_month_they_happen(world, settings):
    from chaiqin.leave import ledger
    from chaiqin.leave.models import BalanceEntry

    K = BalanceEntry.Kind
    year = dict(person=world.alice, account=ledger.COMP_TIME, period_start=date(2026, 1, 1),
                period_end=date(2026, 12, 31))
    settings.CHAIQIN_NOW = "2026-03-05T09:00"
    ledger.post(kind=K.GRANT, minutes=120, earned_on=date(2026, 3, 4), **year)      # earned in March
    ledger.post(kind=K.GRANT, minutes=60, earned_on=date(2026, 2, 27), **year)      # booked in March, earned before
    ledger.post(kind=K.EXPIRY, minutes=-30, expires_on=date(2026, 3, 3), **year)    # expired in March
    ledger.post(kind=K.EXPIRY, minutes=-45, expires_on=date(2026, 2, 28), **year)   # expired in February
    ledger.post(kind=K.EXPIRY, minutes=-15, **year)                                  # no expiry day: booked in March
    settings.CHAIQIN_NOW = "2026-04-01T00:30"  # 16:30 UTC on 31 March: still April in Taipei
    ledger.post(kind=K.EXPIRY, minutes=-50, **year)
    settings.CHAIQIN_NOW = "2026-04-02T09:00"
    f = statistics.attendance_summary(Person.objects.filter(pk=world.alice.pk), statistics.month_period(2026, 3),
                                      with_days=False)[0]
    assert (f.comp_time_earned_minutes, f.comp_time_expired_minutes) == (120, 30 + 15)
    april = statistics.attendance_summary(Person.objects.filter(pk=world.alice.pk), statistics.month_period(2026, 4),
                                          with_days=False)[0]
    assert april.comp_time_expired_minutes == 50
