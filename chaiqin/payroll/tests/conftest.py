"""Overtime worked and claimed through the real services, at the clock of each step."""

from datetime import date, datetime, timedelta

import pytest

from chaiqin.dates import TAIPEI
from chaiqin.overtime import services as overtime
from chaiqin.workflow import services as workflow


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TAIPEI)


@pytest.fixture
def work(settings):
    """work(person, "2026-03-03T18:00", "2026-03-03T22:00", "pay", situation=...) → the claimed
    slot: asked the day before, approved by every decider, signed in and out in the system,
    claimed the next morning."""
    def _work(person, start, end, compensation="pay", **kw):
        s, e = _at(start), _at(end)
        settings.CHAIQIN_NOW = (s - timedelta(days=1)).strftime("%Y-%m-%dT09:00")
        req = overtime.overtime_request_submit(applicant=person, reason="預算書彙整", work_items="彙整各科預算",
                                               slots=[overtime.PlannedSlot(person, s, e)], **kw)
        for step in req.case.steps.order_by("order"):
            workflow.case_decide(case=req.case, actor=step.decider, decision="approve")
        slot = req.slots.get()
        settings.CHAIQIN_NOW = s.strftime("%Y-%m-%dT%H:%M")
        overtime.overtime_sign(slot=slot, person=person, direction="in")
        settings.CHAIQIN_NOW = e.strftime("%Y-%m-%dT%H:%M")
        overtime.overtime_sign(slot=slot, person=person, direction="out")
        settings.CHAIQIN_NOW = (e + timedelta(hours=12)).strftime("%Y-%m-%dT%H:%M")
        return overtime.overtime_claim_file(slot=slot, person=person, compensation=compensation)
    return _work


@pytest.fixture
def worker(world):
    """A driver of 民政處 under the Labor Standards Act, 月薪 36,000 (÷ 30 ÷ 8 = 150 an hour)."""
    from chaiqin.org.models import Person
    from chaiqin.org.services import person_create
    from chaiqin.payroll.services import wage_record_set

    person = person_create(agency=world.county, unit=world.civil_affairs, employee_no="DRV1", name="周志強", gender="M",
                           post=Person.Post.DRIVER, hire_date=date(2020, 1, 1), supervisor=world.bob)
    wage_record_set(by=world.carol, person=person, valid_from=date(2026, 1, 1), basis="monthly", monthly_wage=36000)
    return person
