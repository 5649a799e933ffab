"""Form numbers (假單編號): kind, ROC year and a sequence per agency, given once at submission,
kept through corrections, found by the search, unique even when people submit at the same moment."""

from __future__ import annotations

import importlib
import threading
import uuid
from datetime import datetime

import pytest
from django.apps import apps as django_apps
from django.db import connection, connections
from django.urls import reverse

from chaiqin.dates import TAIPEI
from chaiqin.org.models import Unit
from chaiqin.workflow import numbering, selectors, services
from chaiqin.workflow.models import Case, FormCounter
from chaiqin.workflow.routing import plan_route

pytestmark = pytest.mark.django_db


def open_case(world, applicant=None):
    """A case of a fresh stand-in form (one case per form)."""
    applicant = applicant or world.alice
    form = Unit.objects.create(agency=applicant.agency, name=f"表單{uuid.uuid4().hex[:8]}")
    steps = plan_route(kind="leave", applicant=applicant)
    return services.case_open(form=form, kind="test_form", applicant=applicant, title="事假", steps=steps)


def test_numbers_count_per_agency_kind_and_roc_year(world, calls, settings):
    settings.CHAIQIN_NOW = "2026-12-31T16:00"  # 民國115年
    first, second = open_case(world), open_case(world, world.bob)
    other_kind = numbering.next_number(agency_id=world.county.pk, kind="leave", at=first.created_at)
    school = open_case(world, world.gina)
    assert (first.number, second.number) == ("TE-115-00001", "TE-115-00002")
    assert other_kind == "LV-115-00001" and school.number == "TE-115-00001"  # another agency counts apart
    settings.CHAIQIN_NOW = "2027-01-01T08:00"  # 民國116年 starts a new sequence
    assert open_case(world).number == "TE-116-00001"


def test_a_returned_and_resubmitted_case_keeps_its_number(world, calls):
    case = open_case(world)
    services.case_decide(case=case, actor=world.bob, decision="return", comment="請補附件")
    services.case_resubmit(case=case, actor=world.alice, steps=plan_route(kind="leave", applicant=world.alice))
    case.refresh_from_db()
    assert case.number == "TE-115-00001" and FormCounter.objects.get(kind="test_form").last == 1


def test_the_number_finds_the_form_only_for_those_who_may_see_it(client, world, calls):
    case = open_case(world)
    assert selectors.cases_by_number(world.alice.user, "ｔｅ-115-00001") == [case]  # full-width, lower case
    assert selectors.cases_by_number(world.gina.user, case.number) == []
    client.force_login(world.carol.user)
    assert client.get(reverse("workflow:find"), {"number": case.number})["Location"] == reverse("workflow:case",
                                                                                               args=[case.pk])
    client.force_login(world.gina.user)
    assert "查無表單編號" in client.get(reverse("workflow:find"), {"number": case.number}).content.decode()


def test_the_migration_numbers_existing_cases_in_the_order_they_were_opened(world, calls):
    cases = [open_case(world) for _ in range(3)]
    Case.objects.update(number="")
    FormCounter.objects.all().delete()
    Case.objects.filter(pk=cases[0].pk).update(created_at=datetime(2025, 6, 1, 9, tzinfo=TAIPEI))  # 民國114年
    migration = importlib.import_module("chaiqin.workflow.migrations.0004_h15_form_numbers")
    migration.number_existing_cases(django_apps, None)
    numbers = [Case.objects.get(pk=c.pk).number for c in cases]
    assert numbers == ["TE-114-00001", "TE-115-00001", "TE-115-00002"]
    assert numbering.next_number(agency_id=world.county.pk, kind="test_form",
                                 at=datetime(2026, 3, 9, 9, tzinfo=TAIPEI)) == "TE-115-00003"


@pytest.mark.django_db(transaction=True)
def test_people_submitting_at_once_get_different_numbers(world, calls):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write; the counter's row lock is tested on PostgreSQL")
    people = [world.alice, world.bob, world.diana, world.erin, world.frank]
    barrier = threading.Barrier(len(people))
    numbers: list[str] = []

    def submit(person):
        try:
            barrier.wait()
            numbers.append(open_case(world, person).number)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(numbers) == [f"TE-115-{i:05d}" for i in range(1, len(people) + 1)]
