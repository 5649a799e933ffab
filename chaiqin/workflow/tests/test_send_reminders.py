"""`manage.py send_reminders`: one digest per decider of the steps waiting, the day before's
未刷卡/曠職 to the person and their supervisor; each digest can be turned off in the settings."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from chaiqin.workflow import services
from chaiqin.workflow.routing import plan_route

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cases(world, calls):
    for form, title in ((world.civil_affairs, "事假 115-03-10"), (world.personnel_office, "病假 115-03-11")):
        services.case_open(form=form, kind="test_form", applicant=world.alice, title=title,
                           steps=plan_route(kind="leave", applicant=world.alice))
    mail.outbox.clear()


def run(**kw):
    out = io.StringIO()
    call_command("send_reminders", stdout=out, **kw)
    return out.getvalue()


def test_each_decider_gets_one_digest_of_the_steps_waiting(settings, world, two_cases):
    settings.CHAIQIN_REMIND_ATTENDANCE = False
    run()
    to_bob = [m for m in mail.outbox if m.to == [world.bob.email]]
    assert len(to_bob) == 1 and to_bob[0].subject == "[差勤系統] 待您簽核 2 件"
    assert "事假 115-03-10" in to_bob[0].body and "病假 115-03-11" in to_bob[0].body


def test_the_decider_digest_can_be_turned_off(settings, world, two_cases):
    settings.CHAIQIN_REMIND_ATTENDANCE = False
    settings.CHAIQIN_REMIND_DECIDERS = False
    assert "已寄出提醒 0 封" in run()
    assert mail.outbox == []


def test_a_workday_without_punches_is_told_to_the_person_and_the_supervisor(settings, world):
    # 2026-03-06 (Fri) alice neither punched nor asked for leave: 曠職
    settings.CHAIQIN_NOW = "2026-03-09T07:15"
    settings.CHAIQIN_REMIND_DECIDERS = False
    run(day="115-03-06")
    to_alice = [m for m in mail.outbox if m.to == [world.alice.email]]
    # bob, alice's supervisor, gets his own problems and, apart, those of the people he supervises
    to_bob = [m for m in mail.outbox if m.to == [world.bob.email] and "所屬同仁" in m.subject]
    assert to_alice and "115-03-06" in to_alice[0].subject and "曠職" in to_alice[0].subject
    assert len(to_bob) == 1 and "・陳雅婷 115-03-06：曠職" in to_bob[0].body
    settings.CHAIQIN_REMIND_ATTENDANCE = False
    mail.outbox.clear()
    run(day="115-03-06")
    assert mail.outbox == []
