"""Overtime while working from home (第5點第4款第3目) and the endings of WFH (第3點, 第6點)."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from chaiqin.errors import ChaiqinError
from chaiqin.wfh import selectors, services
from chaiqin.wfh.models import WfhApplication, WfhDay, WfhOvertime
from chaiqin.workflow import services as workflow
from chaiqin.workflow.models import Notification, Step

from .conftest import MONDAY, at

pytestmark = pytest.mark.django_db
TZ = timezone.get_current_timezone()


def evening(day: date):
    return datetime.combine(day, datetime.min.time(), tzinfo=TZ).replace(hour=18), \
        datetime.combine(day, datetime.min.time(), tzinfo=TZ).replace(hour=20)


def file(world, day=MONDAY, **overrides):
    start, end = evening(day)
    fields = dict(actor=world.alice, assigner=world.bob, start=start, end=end, work_done="議會質詢資料",
                  evidence="LINE 對話 19:05 交付檔案")
    fields.update(overrides)
    return services.wfh_overtime_file(**fields)


def test_overtime_filed_by_the_next_working_day_goes_first_to_the_assigning_supervisor(world, application, settings):
    at(settings, "2026-03-10T09:00")
    overtime = file(world)
    assert overtime.minutes == 120 and overtime.due == date(2026, 3, 10)
    steps = list(overtime.case.steps.order_by("order"))
    assert (steps[0].role, steps[0].decider) == (Step.Role.ASSIGNER, world.bob)
    assert [s.decider for s in steps].count(world.bob) == 1
    for step in steps:
        workflow.case_decide(case=overtime.case, actor=step.decider, decision="approve")
    overtime.refresh_from_db()
    assert overtime.status == WfhOvertime.Status.APPROVED


def test_overtime_filed_too_late_is_refused_naming_the_rule(world, application, settings):
    at(settings, "2026-03-11T09:00")
    with pytest.raises(ChaiqinError) as refused:
        file(world)
    assert "至遲應於次1工作日 115-03-10 送核，已逾期" in refused.value.message
    assert "第5點第4款第3目" in refused.value.citation
    assert not WfhOvertime.objects.exists()


def test_friday_overtime_is_due_on_monday(world, application, settings):
    at(settings, "2026-03-16T16:00")
    overtime = file(world, day=date(2026, 3, 13))
    assert overtime.due == date(2026, 3, 16)


def test_overtime_needs_evidence_and_an_assigning_supervisor(world, application, settings):
    at(settings, "2026-03-10T09:00")
    with pytest.raises(ChaiqinError, match="佐證資料"):
        file(world, evidence=" ")
    with pytest.raises(ChaiqinError, match="指派工作"):
        file(world, assigner=world.gina)
    with pytest.raises(ChaiqinError, match="指派工作"):
        file(world, assigner=world.alice)


def test_overtime_inside_a_wfh_day_is_not_overtime(world, application, settings):
    services.wfh_week_plan(actor=world.alice, application=application, week_start=MONDAY, days=[MONDAY])
    at(settings, "2026-03-10T09:00")
    start = datetime(2026, 3, 9, 15, tzinfo=TZ)
    with pytest.raises(ChaiqinError, match="居家辦公"):
        file(world, start=start, end=start + timedelta(hours=3))


def test_the_agency_stops_wfh_for_a_breach(world, application):
    """第6點: the agency may stop a person's WFH at any time for a breach."""
    services.wfh_week_plan(actor=world.alice, application=application, week_start=MONDAY,
                           days=[MONDAY, MONDAY + timedelta(days=1)])
    with pytest.raises(ChaiqinError, match="人事單位"):
        services.wfh_application_stop(actor=world.bob, application=application, reason="擅離職守")
    with pytest.raises(ChaiqinError, match="敘明"):
        services.wfh_application_stop(actor=world.carol, application=application, reason="")
    services.wfh_application_stop(actor=world.carol, application=application, reason="上班時間擅離職守",
                                  on=MONDAY + timedelta(days=1))
    application.refresh_from_db()
    assert application.status == WfhApplication.Status.ENDED and application.end_kind == "breach"
    assert selectors.wfh_days(world.alice, MONDAY, MONDAY + timedelta(days=6)) == [MONDAY]
    assert Notification.objects.filter(person=world.alice, message__contains="第6點").exists()
    with pytest.raises(ChaiqinError, match="核准後才能排定"):
        services.wfh_week_plan(actor=world.alice, application=application, week_start=date(2026, 3, 16),
                               days=[date(2026, 3, 16)])


def test_a_doctors_order_of_rest_ends_wfh_and_points_to_leave(world, application):
    """第3點第3項: pregnancy rest (安胎) is leave, not WFH."""
    services.wfh_week_plan(actor=world.alice, application=application, week_start=MONDAY, days=[MONDAY])
    services.wfh_application_rest_order(actor=world.alice, application=application, on=MONDAY, note="醫囑安胎兩週")
    application.refresh_from_db()
    assert application.end_kind == "rest" and application.ended_on == MONDAY
    assert WfhDay.objects.get().status == WfhDay.Status.CANCELLED
    note = Notification.objects.filter(person=world.alice, message__contains="請假").get()
    assert "第3點第3項" in note.message


def test_delivery_ends_wfh(world, application, settings):
    at(settings, "2026-04-30T09:00")
    services.wfh_week_plan(actor=world.alice, application=application, week_start=date(2026, 5, 4),
                           days=[date(2026, 5, 4), date(2026, 5, 6)])
    with pytest.raises(ChaiqinError, match="分娩後再登記"):
        services.wfh_application_delivered(actor=world.alice, application=application, delivered_on=date(2026, 5, 5))
    at(settings, "2026-05-05T20:00")
    services.wfh_application_delivered(actor=world.alice, application=application, delivered_on=date(2026, 5, 5))
    application.refresh_from_db()
    assert application.last_day == date(2026, 5, 4)
    assert selectors.wfh_days(world.alice, date(2026, 5, 4), date(2026, 5, 10)) == [date(2026, 5, 4)]
