from datetime import datetime

import pytest

from chaiqin.dates import TAIPEI
from chaiqin.overtime import services
from chaiqin.workflow import services as workflow


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TAIPEI)


def approve_all(req):
    req.case.refresh_from_db()
    for step in req.case.steps.order_by("order"):
        workflow.case_decide(case=req.case, actor=step.decider, decision="approve")
    req.case.refresh_from_db()
    return req


@pytest.fixture
def ask(world):
    def _ask(person, spans, **kw):
        slots = [services.PlannedSlot(person, at(a), at(b)) for a, b in spans]
        return services.overtime_request_submit(applicant=person, reason=kw.pop("reason", "預算書彙整"),
                                                work_items=kw.pop("work_items", "彙整各科預算"), slots=slots, **kw)
    return _ask
