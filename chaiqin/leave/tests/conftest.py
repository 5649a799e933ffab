"""Leave fixtures: a frozen Monday (2026-03-09, 民國115年), and helpers to submit and decide."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.utils import timezone

from chaiqin.org.models import Person
from chaiqin.org.services import person_create

NOW = "2026-03-09T09:00"


@pytest.fixture(autouse=True)
def _frozen_clock(settings):
    settings.CHAIQIN_NOW = NOW


def at(text: str) -> datetime:
    """An aware Asia/Taipei datetime from '2026-03-10 08:00'."""
    return timezone.make_aware(datetime.fromisoformat(text))


@pytest.fixture
def ivy(world):
    """ivy: alice's colleague in 民政處, her agent (代理人)."""
    return person_create(agency=world.county, unit=world.civil_affairs, employee_no="IVY", name="許雅雯", gender="F",
                         post=Person.Post.ADMIN, hire_date=world.alice.hire_date, supervisor=world.bob,
                         username="ivy", password="correct-horse-battery", email="ivy@example.gov.tw")


def approve_all(req):
    """Approve every step of `req`'s case as its deciders."""
    from chaiqin.workflow import services as workflow
    from chaiqin.workflow.models import Step

    case = req.case
    while True:
        case.refresh_from_db()
        if case.status != "pending":
            return case
        step = case.steps.get(status=Step.Status.CURRENT)
        workflow.case_decide(case=case, actor=step.decider, decision="approve")
