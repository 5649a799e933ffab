"""Rest between shifts at the moment of asking: overtime that would leave less than 11 hours
before the next shift is refused for shift workers and warned for others (seed 002, the
dormitory counsellor's Q&A: 輪班人員更換班次時，中間應至少連續休息11小時)."""

from datetime import date

import pytest

from chaiqin.attendance import services as attendance
from chaiqin.errors import ChaiqinError
from chaiqin.org.models import Person
from chaiqin.org.services import person_create
from chaiqin.overtime.models import OvertimeRequest

pytestmark = pytest.mark.django_db

NIGHT_DUTY = [("2026-03-09T21:00", "2026-03-10T00:30")]  # then the office at 08:00: 7.5 hours of rest


@pytest.fixture
def counsellor(world):
    """宿舍輔導員 of the school, flagged by the personnel office as a shift worker."""
    unit = world.hank.unit
    person = person_create(agency=world.school, unit=unit, employee_no="DORM1", name="宿舍輔導員", gender="F",
                           post=Person.Post.ADMIN, hire_date=date(2020, 8, 1), supervisor=world.hank)
    attendance.attendance_profile_set(actor=world.hank, person=person, shift_work=True)
    return person


def test_a_shift_worker_is_refused_overtime_leaving_under_11_hours_of_rest(world, settings, ask, counsellor):
    settings.CHAIQIN_NOW = "2026-03-02T09:00"
    with pytest.raises(ChaiqinError) as refused:
        ask(counsellor, NIGHT_DUTY)
    assert refused.value.code == "rest_under_11h"
    assert "11小時" in refused.value.citation and "輪班人員" in refused.value.message
    assert not OvertimeRequest.objects.exists()


def test_others_are_warned_and_the_request_goes_on(world, settings, ask):
    settings.CHAIQIN_NOW = "2026-03-02T09:00"
    req = ask(world.alice, NIGHT_DUTY)
    assert req.case.status == "pending"
    assert "11小時" in req.rest_warning and world.alice.name in req.rest_warning


def test_enough_rest_gives_no_warning(world, settings, ask, counsellor):
    settings.CHAIQIN_NOW = "2026-03-02T09:00"
    req = ask(counsellor, [("2026-03-09T18:00", "2026-03-09T20:00")])
    assert req.rest_warning == ""


def test_only_the_personnel_office_flags_shift_work(world):
    with pytest.raises(ChaiqinError, match="人事"):
        attendance.attendance_profile_set(actor=world.bob, person=world.alice, shift_work=True)
