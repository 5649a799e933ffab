"""The 5 minutes of issue 16: a sign-in and sign-out five minutes apart became comp time. The
claim now credits the regime's unit (rules.overtime_credit): nothing for a civil servant's
5 minutes (各機關加班費支給辦法第4條, 未滿1小時不計), every minute for an LSA worker
(勞動基準法第32條之1)."""

from datetime import date

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.leave.models import BalanceEntry
from chaiqin.org.models import Person
from chaiqin.org.services import person_create
from chaiqin.overtime import services

from .conftest import approve_all

pytestmark = pytest.mark.django_db


def signed_claim(settings, person, ask, out_at: str, compensation="comp_time"):
    settings.CHAIQIN_NOW = "2026-03-02T09:00"
    slot = approve_all(ask(person, [("2026-03-03T18:00", "2026-03-03T21:00")])).slots.get()
    settings.CHAIQIN_NOW = "2026-03-03T18:00"
    services.overtime_sign(slot=slot, person=person, direction="in")
    settings.CHAIQIN_NOW = out_at
    services.overtime_sign(slot=slot, person=person, direction="out")
    settings.CHAIQIN_NOW = "2026-03-04T09:00"
    return services.overtime_claim_file(slot=slot, person=person, compensation=compensation)


def comp_minutes(person) -> int:
    return sum(BalanceEntry.objects.filter(person=person, kind="grant", account="comp_time")
               .values_list("minutes", flat=True))


def test_five_minutes_signed_by_a_civil_servant_are_refused_and_credit_no_comp_time(world, settings, ask):
    with pytest.raises(ChaiqinError) as refused:
        signed_claim(settings, world.alice, ask, "2026-03-03T18:05")
    assert "加班 0時05分 未滿採計單位 1時" in refused.value.message
    assert "各機關加班費支給辦法第4條" in refused.value.citation
    assert comp_minutes(world.alice) == 0


def test_a_civil_servants_remainder_under_an_hour_is_dropped(world, settings, ask):
    slot = signed_claim(settings, world.alice, ask, "2026-03-03T19:35")  # 95 minutes
    assert slot.minutes == 60 and comp_minutes(world.alice) == 60


def test_a_workers_five_minutes_are_credited_as_worked(world, settings, ask):
    worker = person_create(agency=world.county, unit=world.civil_affairs, employee_no="W1", name="技工甲",
                           gender="M", post=Person.Post.WORKER, hire_date=date(2025, 3, 1), supervisor=world.bob)
    slot = signed_claim(settings, worker, ask, "2026-03-03T18:05")
    assert slot.minutes == 5 and comp_minutes(worker) == 5
