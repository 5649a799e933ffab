"""plan_route: agent → direct supervisor → unit head → personnel office (→ agency head for long forms)."""

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.org.services import role_grant
from chaiqin.workflow.models import RouteRule
from chaiqin.workflow.routing import plan_route

pytestmark = pytest.mark.django_db


def chain(steps):
    return [(s.role, s.decider.name) for s in steps]


def test_an_employees_leave_goes_agent_supervisor_unit_head_personnel(world):
    steps = plan_route(kind="leave", applicant=world.alice, agent=world.erin, minutes=16 * 60)
    assert chain(steps) == [("agent", world.erin.name), ("supervisor", world.bob.name),
                            ("unit_head", world.diana.name), ("personnel", world.carol.name)]


def test_long_leave_also_goes_to_the_agency_head(world):
    role_grant(person=world.frank, role="agency_head")
    steps = plan_route(kind="leave", applicant=world.alice, agent=world.erin, minutes=6 * 8 * 60)
    assert chain(steps)[-1] == ("agency_head", world.frank.name)
    short = plan_route(kind="leave", applicant=world.alice, agent=world.erin, minutes=8 * 60)
    assert "agency_head" not in [s.role for s in short]


def test_the_same_person_is_not_asked_twice_in_a_row(world):
    # bob reports to diana, who is also the unit head: one step for her.
    steps = plan_route(kind="leave", applicant=world.bob, agent=world.alice)
    assert chain(steps) == [("agent", world.alice.name), ("supervisor", world.diana.name),
                            ("personnel", world.carol.name)]


def test_a_unit_head_never_decides_her_own_form(world):
    steps = plan_route(kind="leave", applicant=world.diana, agent=world.bob)
    assert world.diana.name not in [d for _, d in chain(steps)]


def test_an_agency_can_configure_its_own_chain(world):
    RouteRule.objects.create(agency=world.county, kind="leave", roles="supervisor,personnel",
                             agency_head_from_minutes=None)
    steps = plan_route(kind="leave", applicant=world.alice, agent=world.erin)
    assert chain(steps) == [("supervisor", world.bob.name), ("personnel", world.carol.name)]


def test_extra_roles_go_before_the_personnel_office(world):
    steps = plan_route(kind="overseas", applicant=world.alice, extra_roles=("ethics",))
    assert [s.role for s in steps] == ["supervisor", "unit_head", "ethics", "personnel"]


def test_a_missing_personnel_office_is_refused_in_chinese(world):
    with pytest.raises(ChaiqinError, match="尚未指派人事單位"):
        plan_route(kind="leave", applicant=world.gina.__class__.objects.get(pk=world.hank.pk))
