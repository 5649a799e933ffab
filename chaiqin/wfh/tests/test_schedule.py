"""The weekly schedule (seed 000 第5點第4款第1目) within the cap of 第3點; recall and move."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from chaiqin.errors import ChaiqinError
from chaiqin.wfh import selectors, services
from chaiqin.wfh.models import WfhDay
from chaiqin.workflow import occupancy
from chaiqin.workflow.models import Notification

from .conftest import MONDAY, WEEK_36, at

pytestmark = pytest.mark.django_db


def days(start, *offsets):
    return [start + timedelta(days=o) for o in offsets]


def test_three_days_at_30_weeks_are_planned_and_a_fourth_is_refused_naming_point_3(world, application):
    planned = services.wfh_week_plan(actor=world.alice, application=application, week_start=MONDAY,
                                     days=days(MONDAY, 0, 2, 4))
    assert [d.date for d in planned] == days(MONDAY, 0, 2, 4)
    with pytest.raises(ChaiqinError) as refused:
        services.wfh_week_plan(actor=world.alice, application=application, week_start=MONDAY,
                               days=days(MONDAY, 0, 1, 2, 4))
    assert "第3點" in refused.value.message and "至多居家辦公 3 日" in refused.value.message
    assert "第3點第1項第2款" in refused.value.citation
    assert selectors.wfh_days(world.alice, MONDAY, MONDAY + timedelta(days=6)) == days(MONDAY, 0, 2, 4)


def test_the_week_of_36_weeks_allows_four_days(world, application):
    services.wfh_week_plan(actor=world.alice, application=application, week_start=WEEK_36,
                           days=days(WEEK_36, 0, 1, 2, 3))
    assert len(selectors.wfh_days(world.alice, WEEK_36, WEEK_36 + timedelta(days=6))) == 4
    with pytest.raises(ChaiqinError, match="至多居家辦公 4 日"):
        services.wfh_week_plan(actor=world.alice, application=application, week_start=WEEK_36,
                               days=days(WEEK_36, 0, 1, 2, 3, 4))


def test_replanning_a_week_cancels_the_days_left_out_and_keeps_their_history(world, application):
    services.wfh_week_plan(actor=world.alice, application=application, week_start=MONDAY, days=days(MONDAY, 0, 1))
    services.wfh_week_plan(actor=world.alice, application=application, week_start=MONDAY, days=days(MONDAY, 1, 3))
    assert selectors.wfh_days(world.alice, MONDAY, MONDAY + timedelta(days=6)) == days(MONDAY, 1, 3)
    assert WfhDay.objects.get(date=MONDAY).status == WfhDay.Status.CANCELLED


def test_days_off_days_past_and_days_outside_the_period_are_refused(world, application):
    with pytest.raises(ChaiqinError, match="不是上班日"):
        services.wfh_week_plan(actor=world.alice, application=application, week_start=MONDAY, days=days(MONDAY, 5))
    with pytest.raises(ChaiqinError, match="預先排定"):
        services.wfh_week_plan(actor=world.alice, application=application, week_start=date(2026, 3, 2),
                               days=[date(2026, 3, 4)])
    with pytest.raises(ChaiqinError, match="不在核准的居家辦公期間"):
        services.wfh_week_plan(actor=world.alice, application=application, week_start=date(2026, 5, 18),
                               days=[date(2026, 5, 18)])
    assert not WfhDay.objects.exists()


def test_an_unapproved_application_cannot_be_scheduled(world):
    from .conftest import apply

    pending = apply(world)
    with pytest.raises(ChaiqinError, match="核准後才能排定"):
        services.wfh_week_plan(actor=world.alice, application=pending, week_start=MONDAY, days=[MONDAY])


def test_a_wfh_day_cannot_overlap_another_form(world, application):
    """Occupancy: a WFH day never claims the same minute as leave or a trip."""
    from chaiqin.workflow.occupancy import Busy

    tz = timezone.get_current_timezone()

    def fake_leave(person, start, end):
        if person.pk == world.alice.pk:
            yield Busy("test_leave", 1, "事假", datetime(2026, 3, 10, 8, tzinfo=tz), datetime(2026, 3, 10, 12, tzinfo=tz),
                       "pending")

    occupancy.register_provider("test_leave", fake_leave)
    try:
        with pytest.raises(ChaiqinError, match="事假"):
            services.wfh_week_plan(actor=world.alice, application=application, week_start=MONDAY,
                                   days=days(MONDAY, 0, 1))
    finally:
        occupancy._PROVIDERS.pop("test_leave", None)
    assert not WfhDay.objects.exists()


def test_the_wfh_provider_lists_planned_days_in_office_hours(world, application):
    services.wfh_week_plan(actor=world.alice, application=application, week_start=MONDAY, days=[MONDAY])
    tz = timezone.get_current_timezone()
    busy = occupancy.busy_between(world.alice, datetime(2026, 3, 9, 16, tzinfo=tz), datetime(2026, 3, 9, 18, tzinfo=tz))
    assert [(b.kind, b.label, b.start.hour, b.end.hour) for b in busy] == [("wfh", "居家辦公", 8, 17)]
    assert occupancy.busy_between(world.alice, datetime(2026, 3, 9, 17, tzinfo=tz),
                                  datetime(2026, 3, 9, 19, tzinfo=tz)) == []


def test_the_supervisor_recalls_a_day_with_a_reason_and_the_person_is_notified(world, application):
    services.wfh_week_plan(actor=world.alice, application=application, week_start=MONDAY, days=days(MONDAY, 0, 2))
    day = WfhDay.objects.get(date=MONDAY)
    with pytest.raises(ChaiqinError, match="理由"):
        services.wfh_day_recall(actor=world.bob, day=day, reason="")
    with pytest.raises(ChaiqinError, match="主管"):
        services.wfh_day_recall(actor=world.alice, day=day, reason="想進辦公室")
    services.wfh_day_recall(actor=world.bob, day=day, reason="颱風災後緊急業務")
    day.refresh_from_db()
    assert day.status == WfhDay.Status.RECALLED and day.reason == "颱風災後緊急業務"
    assert Notification.objects.filter(person=world.alice, message__contains="返回辦公場所").exists()
    assert selectors.wfh_days(world.alice, MONDAY, MONDAY + timedelta(days=6)) == [MONDAY + timedelta(days=2)]


def test_the_supervisor_moves_a_day_within_the_cap(world, application):
    services.wfh_week_plan(actor=world.alice, application=application, week_start=MONDAY, days=days(MONDAY, 0, 1, 2))
    day = WfhDay.objects.get(date=MONDAY)
    with pytest.raises(ChaiqinError, match="已是居家辦公日"):
        services.wfh_day_move(actor=world.bob, day=day, to=MONDAY + timedelta(days=1), reason="防疫分流")
    moved = services.wfh_day_move(actor=world.bob, day=day, to=MONDAY + timedelta(days=3), reason="防疫分流")
    assert moved.moved_from == MONDAY
    assert selectors.wfh_days(world.alice, MONDAY, MONDAY + timedelta(days=6)) == days(MONDAY, 1, 2, 3)
    assert Notification.objects.filter(person=world.alice, message__contains="調整至 115-03-12").exists()


def test_a_person_of_another_agency_may_not_recall(world, application):
    services.wfh_week_plan(actor=world.alice, application=application, week_start=MONDAY, days=[MONDAY])
    with pytest.raises(ChaiqinError):
        services.wfh_day_recall(actor=world.hank, day=WfhDay.objects.get(), reason="x")


def test_the_cap_of_a_later_week_is_checked_when_the_clock_moves_on(world, application, settings):
    at(settings, "2026-04-15T09:00")
    services.wfh_week_plan(actor=world.alice, application=application, week_start=WEEK_36,
                           days=days(WEEK_36, 0, 1, 2, 3))
    assert len(selectors.wfh_days(world.alice, WEEK_36, WEEK_36 + timedelta(days=4))) == 4
