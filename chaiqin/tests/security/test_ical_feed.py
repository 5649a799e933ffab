"""Calendar feeds cannot be forged, read a person's id, or outlive their revocation (attack:
the token was signing.dumps(person id) under the public development key, so
`/leave/ical/<signed id of anyone>.ics` answered 200 with anyone's leave, sick leave included,
without logging in; 個人資料保護法第6條: health data). Tokens are random, kept only as a
digest, revocable and re-issuable from the balance page."""

from __future__ import annotations

import re

import pytest
from django.core import signing
from django.test import Client

from .conftest import client_for

pytestmark = pytest.mark.django_db


def feed(token: str):
    return Client().get(f"/leave/ical/{token}.ics")


def issued_url(client) -> str:
    page = client.post("/leave/ical/issue/", follow=True).content.decode()
    return re.search(r'data-testid="ical-url">([^<]+)<', page).group(1)


def test_a_signed_person_id_no_longer_opens_anyones_feed(records):
    for salt in ("chaiqin.leave.ical", None):
        forged = signing.dumps(records.person.pk, salt=salt) if salt else signing.dumps(records.person.pk)
        assert feed(forged).status_code == 404
    assert feed(str(records.person.pk)).status_code == 404


def test_the_link_is_random_and_the_database_keeps_only_its_digest(records):
    from chaiqin.leave.models import CalendarFeedToken

    alice = client_for("alice")
    url = issued_url(alice)
    token = url.rsplit("/", 1)[-1].removesuffix(".ics")
    assert len(token) >= 40
    with pytest.raises(signing.BadSignature):
        signing.loads(token)
    row = CalendarFeedToken.objects.get(person=records.person)
    assert token not in row.digest and len(row.digest) == 64
    response = feed(token)
    assert response.status_code == 200 and b"BEGIN:VCALENDAR" in response.content and "事假" in response.content.decode()


def test_revoking_on_the_balance_page_stops_the_link(records):
    alice = client_for("alice")
    token = issued_url(alice).rsplit("/", 1)[-1].removesuffix(".ics")
    assert feed(token).status_code == 200
    assert "使用中" in alice.get("/leave/balances/").content.decode()  # the page says a link is live, not the link
    assert token not in alice.get("/leave/balances/").content.decode()
    assert alice.post("/leave/ical/revoke/").status_code == 302
    assert feed(token).status_code == 404


def test_issuing_again_stops_the_old_link_and_only_the_new_one_works(records):
    alice = client_for("alice")
    old = issued_url(alice).rsplit("/", 1)[-1].removesuffix(".ics")
    new = issued_url(alice).rsplit("/", 1)[-1].removesuffix(".ics")
    assert old != new
    assert feed(old).status_code == 404 and feed(new).status_code == 200


def test_nobody_else_issues_or_revokes_alices_link(records, people):
    from chaiqin.leave.models import CalendarFeedToken

    token = issued_url(client_for("alice")).rsplit("/", 1)[-1].removesuffix(".ics")
    for name in ("gina", "hank", "ivy", "leo", "bob", "carol"):
        client = client_for(name)
        client.post("/leave/ical/revoke/")
        client.post("/leave/ical/issue/")
        assert feed(token).status_code == 200, name
    assert CalendarFeedToken.objects.filter(person=records.person, revoked_at__isnull=True).count() == 1
    # Outsiders get nothing: the routes take no id, and without a session they send to the log-in page.
    anonymous = Client()
    for path in ("/leave/ical/issue/", "/leave/ical/revoke/"):
        response = anonymous.post(path)
        assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert feed(token).status_code == 200


def test_a_manager_viewing_alices_balances_never_sees_a_link_of_hers(records):
    page = client_for("carol").get(f"/leave/people/{records.person.pk}/balances/").content.decode()
    assert 'data-testid="ical"' not in page and "/leave/ical/" not in page


def test_issuing_a_link_redirects_and_a_reload_neither_issues_nor_shows_another(people):
    from chaiqin.leave.models import CalendarFeedToken

    alice = client_for("alice")
    response = alice.post("/leave/ical/issue/")
    assert (response.status_code, response["Location"]) == (302, "/leave/balances/#ical")
    assert 'data-testid="ical-url"' in alice.get("/leave/balances/").content.decode()
    assert 'data-testid="ical-url"' not in alice.get("/leave/balances/").content.decode()
    assert CalendarFeedToken.objects.count() == 1
