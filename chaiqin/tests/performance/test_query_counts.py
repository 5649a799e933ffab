"""Queries per page must not grow with the data (issue 9): each busy page is opened by the same kind of
person in two generated counties of the same shape, one four times the other (chaiqin.datagen), and
makes the same number of queries in both."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from chaiqin.datagen import generate_county
from chaiqin.org.models import Agency, Person, RoleAssignment, Unit

pytestmark = pytest.mark.django_db

# (page, whose view): employee = a colleague of 民政處, head = the head of 民政處, personnel = the county's personnel officer
PAGES = [
    ("/", "employee"),
    ("/leave/", "employee"),
    ("/leave/new/", "employee"),
    ("/leave/balances/", "employee"),
    ("/workflow/inbox/", "head"),
    ("/leave/team/", "head"),
    ("/attendance/", "employee"),
    ("/overtime/", "employee"),
    ("/trips/", "employee"),
    ("/leave/balances/all/", "personnel"),
    ("/compliance/", "personnel"),
    ("/wfh/overview/", "personnel"),
]


def _viewers(prefix: str) -> dict[str, Person]:
    county = Agency.objects.get(code__startswith=prefix, parent__isnull=True)
    unit = Unit.objects.get(agency=county, name="民政處")
    return {
        "employee": Person.objects.filter(unit=unit).exclude(pk=unit.head_id).order_by("pk").first(),
        "head": unit.head,
        "personnel": RoleAssignment.objects.get(agency=county, role="personnel").person,
    }


def _count(person: Person, url: str) -> tuple[int, int]:
    client = Client()
    client.force_login(person.user)
    client.get(url)  # lazily posted grants and the session out of the count
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries.captured_queries)


def test_every_busy_page_makes_as_many_queries_for_a_county_four_times_larger(settings):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    quiet = lambda line: None  # noqa: E731
    generate_county(people=120, seed=3, until=date(2026, 3, 9), prefix="small-", log=quiet)
    generate_county(people=480, seed=3, until=date(2026, 3, 9), prefix="large-", log=quiet)
    small, large = _viewers("small-"), _viewers("large-")
    assert Person.objects.filter(agency__code__startswith="large-").count() == 4 * Person.objects.filter(
        agency__code__startswith="small-").count()
    differences = []
    for url, who in PAGES:
        status_small, n_small = _count(small[who], url)
        status_large, n_large = _count(large[who], url)
        assert status_small == status_large == 200, (url, status_small, status_large)
        if n_small != n_large:
            differences.append(f"{url} ({who}): {n_small} queries for 120 people, {n_large} for 480")
    assert not differences, "queries grow with the data:\n" + "\n".join(differences)
