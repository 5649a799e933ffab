"""chaiqin.id_lists.among: the rows whose column is one of many ids, the ids sent as one parameter
(an array on PostgreSQL, a JSON text on SQLite): the same rows as `__in`, across a join too, and
a single parameter whatever the number of ids."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chaiqin.id_lists import among
from chaiqin.org.models import Person, Unit

pytestmark = pytest.mark.django_db


def test_the_same_rows_as_an_in_list(world):
    everyone = list(Person.objects.values_list("pk", flat=True))
    some = everyone[::2] + [10**9]  # an id nobody has
    assert set(Person.objects.filter(among("pk", some)).values_list("pk", flat=True)) == \
        set(Person.objects.filter(pk__in=some).values_list("pk", flat=True))
    # through a join: the units of these people, and the people of an agency's units
    assert set(Unit.objects.filter(among("people__pk", some)).values_list("pk", flat=True)) == \
        set(Unit.objects.filter(people__pk__in=some).values_list("pk", flat=True))
    assert set(Person.objects.filter(among("unit__agency_id", [world.county.pk])).values_list("pk", flat=True)) == \
        set(Person.objects.filter(unit__agency=world.county).values_list("pk", flat=True))


def test_no_ids_is_no_rows_and_no_query(world):
    with CaptureQueriesContext(connection) as seen:
        assert list(Person.objects.filter(among("pk", []))) == []
    assert seen.captured_queries == []


def test_a_queryset_stays_a_subquery(world):
    county = Person.objects.filter(agency=world.county).values("pk")
    assert set(Person.objects.filter(among("pk", county)).values_list("pk", flat=True)) == \
        set(Person.objects.filter(agency=world.county).values_list("pk", flat=True))


def test_five_thousand_ids_are_one_parameter(world):
    ids = list(range(1, 5001))
    sql, params = Person.objects.filter(among("pk", ids), hire_date__lte=date(2030, 1, 1)).query.sql_with_params()
    assert len(params) == 2
    assert list(Person.objects.filter(among("pk", ids)).values_list("pk", flat=True).order_by("pk")) == \
        sorted(Person.objects.filter(pk__lte=5000).values_list("pk", flat=True))
