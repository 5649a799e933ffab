"""Absurd numbers typed into a URL (a year 3000 or 99999999999, an id 0 or beyond any
database integer) never crash a page: every page route with a number, from the URLconf, answers
with a 4xx or a page, never a server error (the API's own bad input is fuzzed by schemathesis)."""

from __future__ import annotations

import re

import pytest

from .conftest import client_for
from .test_ids import STRINGS, _walk

pytestmark = pytest.mark.django_db

ABSURD = ("0", "3000", "9223372036854775808")


def test_absurd_numbers_in_page_urls_never_give_a_server_error(world):
    from django.urls import get_resolver

    routes = [route for route, _app in _walk(get_resolver())
              if "<int:" in route and not route.startswith(("admin/", "api/"))]
    assert len(routes) >= 40
    crashed = []
    for username in ("carol",):
        client = client_for(username)
        client.raise_request_exception = False
        for route in routes:
            for number in ABSURD:
                url = "/" + re.sub(r"<(\w+):(\w+)>", lambda m: number if m.group(1) == "int"
                                   else STRINGS.get(m.group(2), "x"), route)
                for method in ("get", "post"):
                    status = getattr(client, method)(url).status_code
                    if status >= 500:
                        crashed.append(f"{username} {method.upper()} {url} → {status}")
    assert not crashed, "\n".join(crashed)


def test_a_card_file_with_a_stray_carriage_return_reports_that_line_and_keeps_the_others(world, settings):
    """Found by schemathesis: csv stopped the whole import with a server error."""
    import io

    from chaiqin.attendance import services
    from chaiqin.attendance.models import Punch

    settings.CHAIQIN_NOW = "2026-03-09T18:00"
    data = "ALICE,2026-03-09 08:01\nBOB,2026-03-09\r08:02\nBOB,2026-03-09 08:03\n".encode()
    result = services.punches_import(agency=world.county, stream=io.BytesIO(data), filename="card.csv")
    assert result.added == 2
    assert [line for line, _message in result.errors] == [2]
    assert Punch.objects.filter(person=world.bob).count() == 1


def test_a_school_year_beyond_the_calendar_is_refused_in_chinese(world):
    from chaiqin.errors import ChaiqinError
    from chaiqin.trips import services

    with pytest.raises(ChaiqinError, match="學年度"):
        services.break_periods(world.school, 201912)
