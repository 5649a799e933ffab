"""Daily status from punches, the office calendar, forms and office hours with flexible start,
and the school's 4.5 h + 4 h day (seed 003 Q.10–11)."""

from datetime import date, datetime

import pytest

from chaiqin.attendance import selectors
from chaiqin.attendance.selectors import Hours, compute_day
from chaiqin.calendar.selectors import DayInfo

from .conftest import punch

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 3, 9)
COUNTY = Hours.of(type("A", (), dict(office_start="08:00", office_end="17:00", lunch_start="12:00",
                                     lunch_end="13:00", flex_minutes=30))())
SCHOOL = Hours.of(type("A", (), dict(office_start="08:00", office_end="17:00", lunch_start="12:30",
                                     lunch_end="13:00", flex_minutes=30))())
WORKDAY = DayInfo(MONDAY, True, "workday")
EVENING = datetime(2026, 3, 9, 20, 0)
NEXT_MORNING = datetime(2026, 3, 10, 7, 0)  # the day has ended: it is judged


def status(punches, *, hours=COUNTY, busy=(), info=WORKDAY, overtime=False, now=NEXT_MORNING):
    stamps = [datetime.fromisoformat(f"2026-03-09T{t}") for t in punches]
    return compute_day(person_id=1, day=MONDAY, info=info, hours=hours, punches=stamps,
                       busy=[(datetime.fromisoformat(f"2026-03-09T{a}"), datetime.fromisoformat(f"2026-03-09T{b}"), k, l)
                             for a, b, k, l in busy],
                       punching=True, now=now, overtime=overtime)


def test_arriving_within_the_flexible_half_hour_is_on_time_if_the_full_day_is_worked():
    assert status(["08:25", "17:25"]).codes == ("on_time",)


def test_a_flexible_start_moves_the_end_of_the_day():
    day = status(["08:25", "17:10"])
    assert day.codes == ("early_leave",) and day.early_minutes == 15


def test_arriving_after_the_flexible_window_is_late():
    day = status(["08:41", "17:40"])
    assert day.codes == ("late",) and day.late_minutes == 11


def test_a_single_punch_is_a_missing_punch_to_supplement():
    assert status(["08:00"]).codes == ("missing_punch",)


def test_no_punch_and_no_form_on_a_workday_is_absent_without_leave():
    assert status([]).codes == ("absent",)
    assert status([]).label == "曠職"


def test_today_is_not_judged_before_it_has_ended():
    # Until midnight the person may still punch, file a missed punch or ask for leave.
    morning = datetime(2026, 3, 9, 9, 0)
    assert status([], now=morning).codes == ("not_yet",)
    assert status([], now=EVENING).codes == ("not_ended",)
    assert status([], now=EVENING).label == "當日尚未結束"
    assert status(["08:00"], now=morning).codes == ("working",)
    assert status(["08:00"], now=EVENING).codes == ("not_ended",)
    assert not status([], now=EVENING).problem and not status(["08:00"], now=EVENING).problem
    # Lateness is known as soon as the person arrives.
    assert status(["09:10"], now=datetime(2026, 3, 9, 10, 0)).codes == ("late", "working")


def test_a_workday_that_has_not_come_is_not_an_absence():
    the_sunday_before = datetime(2026, 3, 8, 20, 0)
    day = compute_day(person_id=1, day=MONDAY, info=WORKDAY, hours=COUNTY, punches=[], busy=[], punching=True,
                      now=the_sunday_before)
    assert day.codes == ("upcoming",) and day.label == "尚未到來"


def test_a_whole_day_of_leave_is_on_leave():
    day = status([], busy=[("08:00", "17:00", "leave", "事假")])
    assert day.codes == ("leave",) and day.label == "事假"


def test_a_trip_and_wfh_are_shown_as_such():
    assert status([], busy=[("08:00", "17:00", "trip", "公務出差")]).codes == ("trip",)
    assert status([], busy=[("08:00", "17:00", "wfh", "居家辦公")]).codes == ("wfh",)


def test_school_morning_leave_until_noon_means_clocking_in_by_12_30_seed_003_q10():
    leave = [("08:00", "12:00", "leave", "事假")]
    assert status(["12:29", "17:00"], hours=SCHOOL, busy=leave).codes == ("on_time",)
    late = status(["12:45", "17:00"], hours=SCHOOL, busy=leave)
    assert late.codes == ("late",) and late.late_minutes == 15  # no flexible start with leave


def test_school_afternoon_leave_allows_clocking_out_at_12_30_seed_003_q11():
    leave = [("13:00", "17:00", "leave", "休假")]
    assert status(["08:00", "12:30"], hours=SCHOOL, busy=leave).codes == ("on_time",)
    assert status(["08:00", "12:20"], hours=SCHOOL, busy=leave).codes == ("early_leave",)


def test_county_morning_leave_means_arriving_after_lunch():
    assert status(["12:58", "17:00"], busy=[("08:00", "12:00", "leave", "事假")]).codes == ("on_time",)


def test_punches_far_outside_the_schedule_without_overtime_are_flagged():
    assert status(["05:30", "17:05"]).unapproved_extra
    assert status(["08:00", "21:00"]).unapproved_extra
    assert not status(["08:00", "21:00"], overtime=True).unapproved_extra
    assert not status(["07:30", "17:30"]).unapproved_extra


def test_punches_on_a_day_off_are_flagged_but_the_day_is_off():
    day = status(["09:00", "12:00"], info=DayInfo(MONDAY, False, "weekend"))
    assert day.codes == ("off",) and day.unapproved_extra


def test_a_month_of_statuses_reads_the_calendar_and_punches(world, frozen):
    punch(world.alice, "2026-03-09T08:05")
    punch(world.alice, "2026-03-09T17:10")
    days = selectors.daily_statuses([world.alice, world.bob], date(2026, 3, 7), date(2026, 3, 9))
    assert [d.codes for d in days[world.alice.pk]] == [("off",), ("off",), ("on_time",)]
    # 18:00 of the same day: Bob's day has not ended, it is not yet an absence
    assert days[world.bob.pk][2].codes == ("not_ended",)
    next_morning = datetime(2026, 3, 10, 7, 0)
    days = selectors.daily_statuses([world.bob], date(2026, 3, 9), date(2026, 3, 9), now=next_morning)
    assert days[world.bob.pk][0].codes == ("absent",)



def test_a_weekend_is_named_in_the_regimes_words_never_休假日(world, frozen):
    # 2026-03-07/08: Saturday and Sunday. A civil servant's 週休二日 are 例假日; an LSA worker's
    # Saturday is the 休息日 and Sunday the 例假 (勞動基準法第36條第1項).
    from chaiqin.org.models import Person
    from chaiqin.org.services import person_create

    worker = person_create(agency=world.county, unit=world.civil_affairs, employee_no="W1", name="技工甲",
                           gender="M", post=Person.Post.WORKER, hire_date=date(2025, 3, 1), supervisor=world.bob)
    days = selectors.daily_statuses([world.alice, worker], date(2026, 3, 7), date(2026, 3, 8))
    assert [d.label for d in days[world.alice.pk]] == ["例假日", "例假日"]
    assert [d.label for d in days[worker.pk]] == ["休息日", "例假日"]
