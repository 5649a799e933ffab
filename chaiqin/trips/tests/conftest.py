"""Fixtures of the trips tests: the clock frozen on Monday 2026-03-09, and helpers to make
Taipei datetimes and tiny valid files.

Extra people beyond the shared world:
- ivan: a teacher with an admin post (兼行政) of the school; files the 出國申請單.
- paula: the school's principal (機關首長 of a school); her overseas requests produce the 校長出境案件通報單.
- ella: the school's ethics officer (政風).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from chaiqin.dates import TAIPEI

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def at(text: str) -> datetime:
    """`2026-03-10 08:00` as an aware Taipei datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=TAIPEI)


@pytest.fixture(autouse=True)
def _frozen(settings):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"


@pytest.fixture
def school_people(world):
    from chaiqin.org.models import Person, RoleAssignment, Unit
    from chaiqin.org.services import person_create, role_grant

    office = Unit.objects.get(agency=world.school, name="人事室")
    mech = Unit.objects.get(agency=world.school, name="機械科")

    def make(name, unit, post, username, supervisor=None):
        return person_create(agency=world.school, unit=unit, employee_no=username.upper(), name=name, gender="F",
                             post=post, hire_date=date(2012, 8, 1), supervisor=supervisor, username=username,
                             password="correct-horse-battery", email=f"{username}@example.edu.tw")

    paula = make("許校長", office, Person.Post.TEACHER_ADMIN, "paula")
    role_grant(person=paula, role=RoleAssignment.Role.AGENCY_HEAD)
    ivan = make("鄭主任", mech, Person.Post.TEACHER_ADMIN, "ivan", supervisor=paula)
    ella = make("周政風", office, Person.Post.ADMIN, "ella")
    role_grant(person=ella, role=RoleAssignment.Role.ETHICS)
    world.gina.supervisor = ivan
    world.gina.save(update_fields=["supervisor"])
    return {"paula": paula, "ivan": ivan, "ella": ella}
