"""Every PDF the site serves, found from the URLconf (a new printed form is tested by default),
fetched as its owner after every request was approved, and read back with poppler and mupdf:
each names the agency and the person, embeds every font, and a request's form shows its number
and its approvals (the deciders' names and 「同意」 in the sign-off boxes)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import get_resolver

from chaiqin.tests.pdfs import text_of
from chaiqin.tests.security.conftest import people, records  # noqa: F401 - fixtures
from chaiqin.tests.security.test_printing_and_files import approve_all
from chaiqin.tests.security.test_ids import _fill, _walk

pytestmark = pytest.mark.django_db

# Forms that only exist after a later step (a mainland trip's form and return report, a
# principal's notice, a 銷假): printed with their data in chaiqin/trips/tests/test_pdfs.py and
# chaiqin/tests/security/test_printing_and_files.py.
NEEDS_OTHER_DATA = ("mainland.pdf", "return.pdf", "principal-notice.pdf", "cancellations/")


def pdf_routes():
    for route, app in _walk(get_resolver()):
        if route.startswith(("admin/", "api/")):
            continue
        if route.endswith((".pdf", "/pdf/")) and not any(part in route for part in NEEDS_OTHER_DATA):
            yield route, app


def test_every_printed_form_reads_the_same_in_poppler_and_mupdf_with_its_approvals(records):
    from chaiqin.trips import services as trips
    from chaiqin.wfh import services as wfh

    trips.overseas_submit(actor=records.person, overseas=records.overseas)
    records.overseas.refresh_from_db()
    for form in (records.leave, records.missed_punch, records.overtime, records.trip, records.overseas):
        form.refresh_from_db()
        approve_all(form.case)
    wfh.wfh_log_review(actor=records.wfh_log.person.supervisor, log=records.wfh_log, decision="approve")
    client = Client()
    client.force_login(records.person.user)
    printed = []
    for route, app in pdf_routes():
        url = _fill(route, app, records, api=False)
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/pdf"
        text = text_of(response.content)
        assert "花蓮縣政府" in text and "陳雅婷" in text, url
        printed.append(url)
        number = re.search(r"filename=\"([A-Z]{2}-\d{3}-\d{5})\.pdf\"", response["Content-Disposition"])
        if number:  # a request's form: its number, and its deciders' approvals in the boxes
            assert number.group(1) in text, url
            assert "同意" in text and "林柏宇" in text, url
    kinds = {u.split("/")[1] for u in printed}
    assert {"leave", "attendance", "overtime", "trips", "wfh"} <= kinds, printed
    assert len(printed) >= 8, printed
