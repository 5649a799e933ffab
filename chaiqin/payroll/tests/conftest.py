"""Overtime worked and claimed through the real services, at the clock of each step."""

from datetime import datetime, timedelta

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
