"""Lactation time counts as working time (性別平等工作法第18條第3項): the daily status forgives
up to the day's lactation minutes of early leave or lateness, and says why."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from chaiqin.attendance import selectors as attendance
from chaiqin.attendance.models import Punch
from chaiqin.attendance.services import punch_record
from chaiqin.compliance import services
from chaiqin.workflow import services as workflow
from chaiqin.workflow.models import Case

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 3, 9)


@pytest.fixture
def nursing_alice(world, settings):
    settings.CHAIQIN_NOW = "2026-03-02T09:00"
    form = services.lactation_request_submit(person=world.alice, child_birth_date=date(2025, 9, 1),
                                             start=date(2026, 3, 2), end=date(2026, 6, 30), times="16:00–17:00")
    case = Case.objects.get(pk=form.case_id)
    while case.status == Case.Status.PENDING:
        workflow.case_decide(case=case, actor=case.current_step.decider, decision="approve")
        case.refresh_from_db()
    settings.CHAIQIN_NOW = "2026-03-09T20:00"
    return world.alice


def day_of(person, *times):
    for t in times:
        punch_record(person=person, at=timezone.make_aware(datetime.fromisoformat(f"2026-03-09T{t}")),
                     source=Punch.Source.WEB)
    return attendance.daily_statuses([person], MONDAY, MONDAY)[person.pk][0]


def test_leaving_within_the_lactation_hour_is_not_early_leave(nursing_alice):
    day = day_of(nursing_alice, "08:00", "16:10")
    assert day.codes == ("on_time",) and day.early_minutes == 0
    assert "哺（集）乳時間 60 分鐘" in day.label


def test_leaving_beyond_the_lactation_hour_is_early_leave_by_the_rest(nursing_alice):
    day = day_of(nursing_alice, "08:00", "15:30")
    assert day.codes == ("early_leave",) and day.early_minutes == 30


def test_without_an_approved_request_the_same_day_is_early_leave(world, settings):
    settings.CHAIQIN_NOW = "2026-03-09T20:00"
    day = day_of(world.alice, "08:00", "16:10")
    assert day.codes == ("early_leave",) and day.early_minutes == 50
