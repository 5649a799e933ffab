"""The attack suite's victims and attackers.

`records` gives one record of every kind that a URL or API path reaches by id, all owned by
alice (花蓮縣政府 民政處), made through the apps' own services. The attackers are people who
may not see alice at all: gina and hank (the school, another agency), ivy (alice's peer in
民政處, no one reports to her) and leo (head of 人事處, another unit of the same agency, and
ken's supervisor).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pytest
from django.apps import apps
from django.test import Client

from chaiqin.conftest import PASSWORD
from chaiqin.dates import TAIPEI

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
MONDAY = date(2026, 3, 9)
ANSWERS = {"work_suitable": True, "on_site_unit": False, "no_mainland_brand": True, "home_environment": True}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TAIPEI)


@dataclass
class Records:
    person: object
    case: object
    leave: object
    leave_attachment: object
    missed_punch: object
    overtime: object
    slot: object
    wfh_application: object
    wfh_day: object
    wfh_log: object
    wfh_overtime: object
    trip: object
    overseas: object
    overseas_attachment: object
    lactation: object
    trip_attachment: object = None
    ical_token: str = ""
    extra: dict = field(default_factory=dict)


@pytest.fixture
def people(world):
    """The attackers beyond the world: ivy (alice's peer), leo (head of 人事處) and ken (leo's report)."""
    from chaiqin.org.models import Person
    from chaiqin.org.services import person_create, unit_set_head

    def make(name, unit, username, supervisor=None):
        return person_create(agency=world.county, unit=unit, employee_no=username.upper(), name=name, gender="F",
                             post=Person.Post.ADMIN, hire_date=date(2016, 1, 1), supervisor=supervisor,
                             username=username, password=PASSWORD, email=f"{username}@example.gov.tw")

    ivy = make("周宜芳", world.civil_affairs, "ivy", supervisor=world.bob)
    leo = make("許立恆", world.personnel_office, "leo")
    unit_set_head(unit=world.personnel_office, head=leo)
    ken = make("鄭凱文", world.personnel_office, "ken", supervisor=leo)
    return {"ivy": ivy, "leo": leo, "ken": ken}


@pytest.fixture
def records(world, people, settings, tmp_path) -> Records:
    """One of everything, alice's, made through the services (clock: 2026-03-04 then 2026-03-09 21:00)."""
    from chaiqin.attendance import services as attendance
    from chaiqin.compliance import services as compliance
    from chaiqin.leave import services as leave
    from chaiqin.leave.models import LeaveAttachment
    from chaiqin.overtime import services as overtime
    from chaiqin.trips import services as trips
    from chaiqin.uploads import Upload
    from chaiqin.wfh import services as wfh
    from chaiqin.wfh.models import WfhDay
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CHAIQIN_NOW = "2026-03-04T09:00"
    alice, bob, diana, carol = world.alice, world.bob, world.diana, world.carol
    application = wfh.wfh_application_submit(actor=alice, relation="self", due_date=date(2026, 5, 18), start=MONDAY,
                                             end=date(2026, 5, 15), workplace="花蓮市中山路1號（住所）")
    for decider in (bob, diana, carol):
        application = wfh.wfh_application_decide(actor=decider, application=application, decision="approve",
                                                 answers=ANSWERS)
    wfh.wfh_week_plan(actor=alice, application=application, week_start=MONDAY,
                      days=[MONDAY, MONDAY + timedelta(days=2)])
    settings.CHAIQIN_NOW = "2026-03-09T21:00"
    log = wfh.wfh_log_submit(actor=alice, day=MONDAY,
                             items=[{"item": "里長聯繫會議資料", "done": "彙整意見", "progress": "on_track"}])
    wfh_ot = wfh.wfh_overtime_file(actor=alice, assigner=bob, start=at("2026-03-09T18:30"),
                                   end=at("2026-03-09T19:30"), work_done="議會質詢資料", evidence="LINE 對話")
    req = leave.leave_request_submit(person=alice, leave_code="personal", start=at("2026-03-16T08:00"),
                                     end=at("2026-03-16T17:00"), agent=bob, reason="家中有事",
                                     attachments=[Upload("證明.png", PNG)])
    missed = attendance.missed_punch_submit(person=alice, at=at("2026-03-06T08:00"), direction="in",
                                            reason="忘記刷卡", evidence=SimpleUploadedFile("line.png", PNG))
    ot = overtime.overtime_request_submit(applicant=alice, reason="預算書彙整", work_items="彙整各科預算",
                                          slots=[overtime.PlannedSlot(alice, at("2026-03-10T18:00"),
                                                                      at("2026-03-10T20:00"))])
    trip = trips.trip_file(person=alice, nature="official", place="臺北市", reason="出席內政部研商會議",
                           start=at("2026-03-17T08:00"), end=at("2026-03-17T17:00"))
    overseas = trips.overseas_save(person=alice, form="overseas", start=at("2026-03-21T06:00"),
                                   end=at("2026-03-22T22:00"), reason="家族旅遊", country="日本", agent=bob)
    attachment = trips.attachment_add(actor=alice, owner=overseas, upload=trips.Upload("邀請函.png", PNG))
    trip_attachment = trips.attachment_add(actor=alice, owner=trip, upload=trips.Upload("開會通知.png", PNG))
    lactation = compliance.lactation_request_submit(person=alice, child_birth_date=date(2026, 3, 1),
                                                    start=date(2026, 10, 5), end=date(2027, 2, 28))
    return Records(
        person=alice, case=req.case, leave=req, leave_attachment=LeaveAttachment.objects.filter(request=req).first(),
        missed_punch=missed, overtime=ot, slot=ot.slots.get(), wfh_application=application,
        wfh_day=WfhDay.objects.filter(application=application).order_by("date").first(), wfh_log=log,
        wfh_overtime=wfh_ot, trip=trip, overseas=overseas, overseas_attachment=attachment, lactation=lactation,
        trip_attachment=trip_attachment,
    )


def client_for(username: str, *, csrf: bool = False) -> Client:
    from django.contrib.auth import get_user_model

    client = Client(enforce_csrf_checks=csrf)
    client.force_login(get_user_model().objects.get(username=username))
    return client


def snapshot() -> dict:
    """Every row of every chaiqin model: compared before and after an attack, nothing may differ."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
        if model.__module__.startswith("chaiqin.")
    }
