"""person_create: the regime follows the post, and a person's links stay inside their agency."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from chaiqin.org.models import Person
from chaiqin.org.services import person_create, person_set_supervisor, unit_create

pytestmark = pytest.mark.django_db


def _new(world, **overrides):
    fields = dict(agency=world.county, unit=world.civil_affairs, employee_no="N0001", name="周子翔", gender="M",
                  post=Person.Post.ADMIN, hire_date=date(2020, 1, 2))
    fields.update(overrides)
    return person_create(**fields)


def test_the_regime_follows_the_post_when_not_given(world):
    assert _new(world, post=Person.Post.DRIVER).regime == "labor"
    assert _new(world, employee_no="N0002", post=Person.Post.CONTRACT).regime == "civil"


def test_a_teacher_with_an_admin_post_is_a_teacher_with_admin_post(world):
    person = _new(world, agency=world.school, unit=unit_create(agency=world.school, name="教務處"),
                  post=Person.Post.TEACHER_ADMIN)
    assert person.regime == "teacher" and person.admin_post


def test_it_refuses_an_unknown_regime_in_chinese(world):
    with pytest.raises(ValidationError) as caught:
        _new(world, regime="soldier")
    assert "未知的人員類別" in str(caught.value.message_dict["regime"])
    assert not Person.objects.filter(employee_no="N0001").exists()


def test_it_refuses_a_regime_that_does_not_fit_the_post(world):
    with pytest.raises(ValidationError) as caught:
        _new(world, post=Person.Post.JANITOR, regime="civil")
    assert "勞基法適用人員" in caught.value.message_dict["regime"][0]


def test_it_refuses_a_supervisor_from_another_agency(world):
    with pytest.raises(ValidationError) as caught:
        _new(world, supervisor=world.gina)
    assert "直屬主管必須屬於同一機關" in caught.value.message_dict["supervisor"][0]
    assert not Person.objects.filter(employee_no="N0001").exists()


def test_it_refuses_a_unit_of_another_agency(world):
    school_unit = unit_create(agency=world.school, name="總務處")
    with pytest.raises(ValidationError) as caught:
        _new(world, unit=school_unit)
    assert "單位必須屬於此人的機關" in caught.value.message_dict["unit"][0]


def test_it_refuses_a_supervisor_loop(world):
    with pytest.raises(ValidationError) as caught:
        person_set_supervisor(person=world.diana, supervisor=world.alice)
    assert "循環" in caught.value.message_dict["supervisor"][0]
    world.diana.refresh_from_db()
    assert world.diana.supervisor is None


def test_employee_numbers_are_unique_within_an_agency_only(world):
    _new(world, employee_no="GINA")  # gina's number, but in the other agency
    with pytest.raises(ValidationError):
        _new(world, employee_no="GINA", name="另一人")


def test_the_personnel_office_types_a_hire_date_as_an_roc_date_in_the_admin(client, world):
    from django.contrib.auth.models import User

    admin = User.objects.create_superuser("root", "root@example.gov.tw", "correct-horse-battery")
    client.force_login(admin)
    page = client.get(f"/admin/org/person/{world.alice.pk}/change/").content.decode()
    assert 'value="108-07-01"' in page  # alice joined 2019-07-01, shown in ROC form
