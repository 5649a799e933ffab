"""The 詞庫 attacked: nobody but its owner reads or changes a person's phrases; only the
agency's own personnel office changes its common book (another agency's officer: 404; anyone
without the role: 403); nothing changes when refused; every route needs a log-in."""

from __future__ import annotations

import json

import pytest

from chaiqin.phrases import services
from chaiqin.phrases.models import Phrase

from .attack import ATTACKERS, assert_needs_login, assert_refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def books(world, people):
    own = services.phrase_add(actor=world.alice, text="陪同家人就醫")
    common = services.common_phrase_add(actor=world.carol, agency=world.county, text="辦理年度業務考核")
    return own, common


def test_nobody_else_deletes_alices_phrase(books):
    own, common = books
    assert_refused([("post", f"/phrases/{own.pk}/delete/"), ("delete", f"/api/phrases/{own.pk}"),
                    ("delete", f"/api/phrases/{common.pk}"), ("post", f"/phrases/{common.pk}/delete/")],
                   attackers=(*ATTACKERS, "bob", "diana", "carol"))


def test_another_agencys_personnel_office_never_reaches_the_common_book(books, world):
    _own, common = books
    assert_refused([("post", f"/console/phrases/{common.pk}/delete/"), ("delete", f"/api/phrases/common/{common.pk}"),
                    ("post", "/api/phrases/common", json.dumps({"text": "偽造", "agency_id": world.county.pk}))],
                   attackers=("hank",))
    # the console answers hank about his own agency whatever ?agency= names: the school's book
    from .conftest import client_for

    hank = client_for("hank")
    assert "辦理年度業務考核" not in hank.get(f"/console/phrases/?agency={world.county.pk}").content.decode()
    hank.post(f"/console/phrases/add/?agency={world.county.pk}", {"text": "學校的詞句"})
    assert Phrase.objects.get(text="學校的詞句").agency == world.school
    assert list(Phrase.objects.filter(agency=world.county, owner__isnull=True).values_list("text", flat=True)) == [
        "辦理年度業務考核"]


def test_people_without_the_personnel_role_get_403_on_the_common_book(books, world):
    own, common = books
    requests = [("get", "/console/phrases/"), ("post", "/console/phrases/add/", {"text": "偽造"}),
                ("post", f"/console/phrases/{common.pk}/delete/"), ("delete", f"/api/phrases/common/{common.pk}"),
                ("post", "/api/phrases/common", json.dumps({"text": "偽造"}))]
    assert_refused(requests, attackers=("alice", "bob", "diana", "gina", "ivy", "leo"))
    from .conftest import client_for

    assert client_for("alice").get("/console/phrases/").status_code == 403
    # the personnel office may not delete someone's own phrase through the common book either
    assert client_for("carol").post(f"/console/phrases/{own.pk}/delete/").status_code == 404
    assert Phrase.objects.count() == 2


def test_the_picker_of_another_agency_offers_none_of_its_phrases(books, world):
    from .conftest import client_for

    for name in ("gina", "hank"):
        picked = client_for(name).get("/phrases/pick/").json()
        assert picked == {"mine": [], "common": []}
    assert "陪同家人就醫" not in client_for("bob").get("/phrases/").content.decode()


def test_every_phrase_route_needs_a_log_in(books):
    own, common = books
    assert_needs_login([("get", "/phrases/"), ("get", "/phrases/pick/"), ("post", "/phrases/add/", {"text": "x"}),
                        ("post", f"/phrases/{own.pk}/delete/"), ("get", "/console/phrases/"),
                        ("post", f"/console/phrases/{common.pk}/delete/"), ("get", "/api/phrases/"),
                        ("post", "/api/phrases/", json.dumps({"text": "x"})),
                        ("delete", f"/api/phrases/{own.pk}")])
