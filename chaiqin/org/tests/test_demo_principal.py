"""The demo school's principal, alone in 校長室, can ask for leave: her agent may be any serving
colleague of the school (her standing agents first), not only someone of her one-person unit."""

from __future__ import annotations

from datetime import datetime

import pytest

from chaiqin.dates import TAIPEI
from chaiqin.org.demo import demo_load
from chaiqin.org.models import Person
from chaiqin.org.selectors import agent_choices

pytestmark = pytest.mark.django_db


def test_the_principal_picks_an_agent_from_another_unit_and_files_leave(settings):
    from chaiqin.leave import services as leave

    settings.CHAIQIN_NOW = "2026-03-06T09:00"
    demo_load()
    principal = Person.objects.get(title="校長", agency__code="301150000A")
    assert principal.unit.people.count() == 1
    choices = agent_choices(principal)
    assert len(choices) > 30 and all(c.agency_id == principal.agency_id for c in choices)
    academic = next(c for c in choices if c.title == "教務主任")
    req = leave.leave_request_submit(person=principal, leave_code="personal",
                                     start=datetime(2026, 3, 9, 8, tzinfo=TAIPEI),
                                     end=datetime(2026, 3, 9, 17, 0, tzinfo=TAIPEI), agent=academic, reason="公私事務")
    assert req.case.current_step.decider == academic
