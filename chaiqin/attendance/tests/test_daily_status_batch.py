"""The batch form of the daily status: a whole report's people read in a few queries, each day
computed by the same pure function, gives exactly what one person at a time gives, and the
number of queries does not grow with the number of people."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chaiqin.attendance import selectors
from chaiqin.attendance.services import punch_record
from chaiqin.calendar.services import calendar_day_set, closure_declare
from chaiqin.dates import TAIPEI
from chaiqin.leave import services as leave
from chaiqin.org.models import Person
from chaiqin.org.services import person_create
from chaiqin.payroll import statistics
from chaiqin.workflow import services as workflow

pytestmark = pytest.mark.django_db

FIRST, LAST = date(2026, 3, 2), date(2026, 3, 20)
JUDGED = datetime(2026, 3, 21, 9, 0, tzinfo=TAIPEI)  # every day of the range has ended


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TAIPEI)


def _approve(case) -> None:
    for step in case.steps.order_by("order"):
        workflow.case_decide(case=case, actor=step.decider, decision="approve")


def _day(person, day: str, first: str | None, last: str | None) -> None:
    for stamp in (first, last):
        if stamp:
            punch_record(person=person, at=_at(f"{day}T{stamp}"), source="web")


def _clerk(world, no: int) -> Person:
    return person_create(agency=world.county, unit=world.civil_affairs, employee_no=f"C{no:03d}", name=f"科員{no}",
                         gender="F", post=Person.Post.ADMIN, hire_date=date(2020, 1, 1), supervisor=world.bob)


def _ordinary_fortnight(person) -> None:
    """On time every workday of the range but one, late once, early once."""
    for d in range(2, 21):
        day = date(2026, 3, d)
        if day.weekday() < 5 and d not in (12, 16, 17, 18):
            _day(person, day.isoformat(), "08:00", "17:00")
    _day(person, "2026-03-16", "09:05", "17:40")   # late (the flex ends at 08:30)
    _day(person, "2026-03-17", "08:00", "15:00")   # early leave


@pytest.fixture
def varied(world, settings):
    """Two agencies; late, early leave, 曠職, a missing punch, approved leave, an approved trip, WFH
    days, an agency holiday and a typhoon closure, and a full-time teacher who does not punch."""
    from chaiqin.trips import services as trips
    from chaiqin.wfh.models import WfhApplication, WfhDay

    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    for person in (world.alice, world.bob, world.diana, world.hank):
        _ordinary_fortnight(person)
    _day(world.carol, "2026-03-19", "08:00", None)             # one punch: 未刷卡
    req = leave.leave_request_submit(person=world.bob, leave_code="personal", start=_at("2026-03-12T08:00"),
                                     end=_at("2026-03-12T17:00"), agent=world.alice, reason="家務")
    _approve(req.case)
    trip = trips.trip_file(person=world.diana, nature="official", place="臺北市", reason="全國戶政會議",
                           start=_at("2026-03-18T08:00"), end=_at("2026-03-18T17:00"))
    _approve(trip.case)
    morning = leave.leave_request_submit(person=world.alice, leave_code="personal", start=_at("2026-03-19T08:00"),
                                         end=_at("2026-03-19T12:00"), agent=world.bob, reason="就醫陪同")
    _approve(morning.case)
    # A planned WFH day (as wfh_week_plan stores it) for erin, who punches nothing that fortnight.
    application = WfhApplication.objects.create(person=world.erin, relation="self",
                                                start=date(2026, 3, 9), end=date(2026, 3, 20),
                                                due_date=date(2026, 5, 18), workplace="住所", status="approved")
    WfhDay.objects.create(application=application, person=world.erin, date=date(2026, 3, 11),
                          planned_by=world.erin, planned_at=_at("2026-03-06T09:00"))
    calendar_day_set(day=date(2026, 3, 13), kind="holiday", name="縣慶", agency=world.county)
    closure_declare(agency=world.school, day=date(2026, 3, 20), part="morning", declared_by="屏東縣政府宣布")
    settings.CHAIQIN_NOW = "2026-03-21T09:00"
    return world


def _everyone(world):
    return list(Person.objects.filter(agency__in=(world.county, world.school)).select_related("agency")
                .order_by("pk"))


def test_the_batch_gives_each_day_exactly_what_one_person_at_a_time_gives(varied):
    people = _everyone(varied)
    batch = selectors.daily_statuses(people, FIRST, LAST, now=JUDGED)
    one_by_one = {p.pk: selectors.daily_statuses([p], FIRST, LAST, now=JUDGED)[p.pk] for p in people}
    assert batch == one_by_one
    seen = {code for days in batch.values() for d in days for code in d.codes}
    # the world is varied enough to mean something
    assert {"on_time", "late", "early_leave", "absent", "missing_punch", "leave", "trip", "wfh", "off",
            "exempt"} <= seen
    alice, bob, diana, erin = (batch[p.pk] for p in (varied.alice, varied.bob, varied.diana, varied.erin))
    by_day = lambda days, d: next(s for s in days if s.day == date(2026, 3, d))  # noqa: E731
    assert by_day(bob, 12).codes == ("leave",) and by_day(diana, 18).codes == ("trip",)
    assert by_day(erin, 11).codes == ("wfh",) and by_day(erin, 10).codes == ("absent",)
    assert by_day(alice, 13).codes == ("off",)  # the county's own holiday
    assert by_day(alice, 16).late_minutes == 35 and by_day(alice, 17).early_minutes == 120
    hank = batch[varied.hank.pk]
    assert by_day(hank, 13).codes == ("on_time",)  # the county's holiday is not the school's


def test_the_report_figures_are_the_same_from_the_batch_and_person_by_person(varied):
    period = statistics.range_period(FIRST, LAST)
    scope = Person.objects.filter(agency__in=(varied.county, varied.school))
    together = {f.person.pk: f.as_api() for f in statistics.attendance_summary(scope, period)}
    alone = {p.pk: statistics.attendance_summary(Person.objects.filter(pk=p.pk), period)[0].as_api()
             for p in scope}
    assert together == alone
    alice = together[varied.alice.pk]
    assert (alice["late_count"], alice["late_minutes"]) == (1, 35)
    assert (alice["early_leave_count"], alice["early_leave_minutes"]) == (1, 120)
    assert together[varied.carol.pk]["missed_punch_count"] == 1
    # 曠職: erin punched nothing; the range's 15 workdays less the county's holiday and her WFH day
    assert together[varied.erin.pk]["absent_minutes"] == 13 * 480


def _queries(people) -> int:
    with CaptureQueriesContext(connection) as seen:
        selectors.daily_statuses(people, FIRST, LAST, now=JUDGED)
    return len(seen.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_number_of_people(varied, settings):
    small = _queries(_everyone(varied))
    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    # 10 more people, each with punches and an approved leave day: still the same queries
    for no in range(10):
        clerk = _clerk(varied, no)
        _day(clerk, "2026-03-03", "08:00", "17:00")
        req = leave.leave_request_submit(person=clerk, leave_code="personal", start=_at("2026-03-04T08:00"),
                                         end=_at("2026-03-04T17:00"), agent=varied.alice, reason="家務")
        _approve(req.case)
    settings.CHAIQIN_NOW = "2026-03-21T09:00"
    large = _everyone(varied)
    assert len(large) >= 18
    assert _queries(large) == small
