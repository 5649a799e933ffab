"""The permission layer: who sees whose records (see chaiqin/conftest.py for the cast)."""

import pytest
from django.http import Http404

from chaiqin.org import access
from chaiqin.org.services import agency_create, person_create, role_grant, unit_create

pytestmark = pytest.mark.django_db


def visible(person):
    return set(access.visible_people(person).values_list("name", flat=True))


def test_an_employee_sees_only_herself(world):
    assert visible(world.alice) == {world.alice.name}


def test_a_supervisor_sees_the_people_under_him(world):
    assert visible(world.bob) == {world.bob.name, world.alice.name}


def test_a_unit_head_sees_her_unit_and_the_chain_below_her(world):
    assert visible(world.diana) == {world.diana.name, world.bob.name, world.alice.name}


def test_the_personnel_office_sees_its_agency_and_not_another(world):
    seen = visible(world.carol)
    assert {world.alice.name, world.bob.name, world.frank.name} <= seen
    assert world.gina.name not in seen and world.hank.name not in seen
    assert world.gina.name not in visible(world.frank)


def test_the_personnel_office_of_a_parent_agency_sees_the_agencies_below_it(world):
    township = agency_create(code="376550100A", name="花蓮縣花蓮市公所", parent=world.county)
    clerk = person_create(agency=township, unit=unit_create(agency=township, name="民政課"), employee_no="T1",
                          name="鄭宜蓁", gender="F", post="admin", hire_date=world.alice.hire_date)
    assert clerk.name in visible(world.carol)
    # ...but the township's own personnel officer does not see the county.
    role_grant(person=clerk, role="personnel")
    assert world.alice.name not in visible(clerk)


def test_an_ethics_officer_sees_their_own_agency(world):
    seen = visible(world.erin)
    assert world.alice.name in seen and world.gina.name not in seen


def test_person_get_for_answers_404_outside_the_scope(world):
    assert access.person_get_for(world.bob.user, world.alice.pk) == world.alice
    with pytest.raises(Http404):
        access.person_get_for(world.alice.user, world.bob.pk)
    with pytest.raises(Http404):
        access.person_get_for(world.carol.user, world.gina.pk)


def test_roles_are_derived_and_granted(world):
    assert access.roles_of(world.alice) == {"employee"}
    assert access.roles_of(world.bob) == {"employee", "supervisor"}
    assert access.roles_of(world.diana) == {"employee", "supervisor", "unit_head"}
    assert access.roles_of(world.carol) == {"employee", "personnel"}
    assert access.role_labels(access.roles_of(world.diana)) == ["員工", "直屬主管", "單位主管"]


def test_holds_role_is_per_agency_and_per_role(world):
    assert access.holds_role(world.carol, world.county, "personnel")
    assert access.holds_role(world.frank, world.county, "personnel", "sysadmin")
    assert not access.holds_role(world.frank, world.county, "personnel")
    assert not access.holds_role(world.carol, world.school, "personnel")  # a role stops at its agency
    assert not access.holds_role(world.alice, world.county.pk, "personnel", "sysadmin")
