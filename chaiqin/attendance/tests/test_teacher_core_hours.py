"""Full-time teachers do not punch but are on campus in core hours (seed 002: 專任教師毋須線上
簽到退；核心上班時段：日間部 07:30-16:30 | 進修部 14:00-22:00); leave and trip forms covering
the core hours excuse them."""

from datetime import date, datetime, time

import pytest

from chaiqin.attendance import selectors, services
from chaiqin.attendance.selectors import compute_day
from chaiqin.calendar.selectors import DayInfo
from chaiqin.errors import ChaiqinError

from .test_daily_status import EVENING, MONDAY, SCHOOL, WORKDAY

pytestmark = pytest.mark.django_db
DAY_CORE = (time(7, 30), time(16, 30))
EVENING_CORE = (time(14), time(22))


def teacher_day(core, busy=()):
    return compute_day(person_id=1, day=MONDAY, info=WORKDAY, hours=SCHOOL, punches=[], punching=False, now=EVENING,
                       busy=[(datetime.fromisoformat(f"2026-03-09T{a}"), datetime.fromisoformat(f"2026-03-09T{b}"),
                              "leave", "病假") for a, b in busy], core=core)


def test_a_teacher_without_a_form_is_exempt_and_shown_the_core_hours():
    assert teacher_day(DAY_CORE).label == "免簽到退（核心時段 07:30–16:30）"
    assert teacher_day(EVENING_CORE).label == "免簽到退（核心時段 14:00–22:00）"


def test_a_form_covering_the_core_hours_excuses_the_teacher():
    assert teacher_day(DAY_CORE, [("08:00", "17:00")]).label == "病假"
    assert teacher_day(EVENING_CORE, [("14:00", "22:00")]).label == "病假"
    # The evening division's morning leave does not cover its core hours.
    assert teacher_day(EVENING_CORE, [("08:00", "12:00")]).codes == ("exempt",)


def test_gina_sees_the_day_divisions_core_hours_and_the_evening_division_after_personnel_sets_it(world, settings):
    settings.CHAIQIN_NOW = "2026-03-09T18:00"
    monday = [d for d in selectors.person_month(world.gina, 2026, 3) if d.day == MONDAY][0]
    assert monday.label == "免簽到退（核心時段 07:30–16:30）"
    services.attendance_profile_set(actor=world.hank, person=world.gina, division="evening")
    monday = [d for d in selectors.person_month(world.gina, 2026, 3) if d.day == MONDAY][0]
    assert monday.label == "免簽到退（核心時段 14:00–22:00）"


def test_the_school_may_set_its_own_core_hours(world, settings):
    settings.CHAIQIN_NOW = "2026-03-09T18:00"
    services.core_hours_set(actor=world.hank, division="day", start=time(7, 40), end=time(16, 40))
    assert selectors.core_hours_of(world.school)["day"] == (time(7, 40), time(16, 40))
    assert selectors.core_hours_of(world.school)["evening"] == (time(14), time(22))
    with pytest.raises(ChaiqinError, match="人事"):
        services.core_hours_set(actor=world.gina, division="day", start=time(7), end=time(16))
