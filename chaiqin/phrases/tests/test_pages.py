"""The 詞庫 pages and API: the picker beside every reason field, the person's page, the console
page of the common book, and hostile text shown escaped."""

from __future__ import annotations

import json

import pytest

from chaiqin.phrases.models import Phrase

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.mark.parametrize("url", ["/leave/new/", "/overtime/new/", "/trips/new/", "/trips/overseas/new/overseas/",
                                 "/attendance/missed-punch/new/"])
def test_every_reason_field_has_a_picker(client, world, url):
    client.force_login(world.alice.user)
    body = client.get(url).content.decode()
    assert 'data-phrases="on"' in body and "phrases/phrases.js" in body


def test_the_cancellation_reason_has_a_picker_too():
    from chaiqin.leave.forms import CancelForm

    assert CancelForm().fields["reason"].widget.attrs.get("data-phrases") == "on"


def test_a_person_adds_and_deletes_phrases_on_their_page_and_from_a_form(client, world):
    client.force_login(world.alice.user)
    response = client.post("/phrases/add/", {"text": HOSTILE}, follow=True)
    body = response.content.decode()
    assert "已加入個人詞庫" in body and "<script>alert" not in body and "&lt;script&gt;" in body
    answer = client.post("/phrases/add/", {"text": "出席研商會議"}, HTTP_ACCEPT="application/json")
    assert answer.status_code == 200 and answer.json()["text"] == "出席研商會議"
    refused = client.post("/phrases/add/", {"text": "字" * 101}, HTTP_ACCEPT="application/json")
    assert refused.status_code == 400 and "100 字" in refused.json()["detail"]
    picked = client.get("/phrases/pick/").json()
    assert [p["text"] for p in picked["mine"]] == sorted([HOSTILE, "出席研商會議"])
    phrase = Phrase.objects.get(text="出席研商會議")
    client.post(f"/phrases/{phrase.pk}/delete/")
    assert not Phrase.objects.filter(pk=phrase.pk).exists()


def test_the_personnel_office_keeps_the_common_book_in_the_console(client, world):
    client.force_login(world.carol.user)
    response = client.post(f"/console/phrases/add/?agency={world.county.pk}", {"text": "辦理業務"}, follow=True)
    assert "已加入公用詞庫" in response.content.decode()
    phrase = Phrase.objects.get(owner__isnull=True)
    assert phrase.agency == world.county and "公用詞庫" in client.get("/console/").content.decode()
    client.post(f"/console/phrases/{phrase.pk}/delete/")
    assert not Phrase.objects.exists()
    client.force_login(world.alice.user)
    assert client.get("/console/phrases/").status_code == 403


def test_the_api_keeps_both_books(client, world):
    client.force_login(world.alice.user)
    made = client.post("/api/phrases/", json.dumps({"text": "返鄉"}), content_type="application/json")
    assert made.status_code == 201
    assert client.post("/api/phrases/common", json.dumps({"text": "公務"}),
                       content_type="application/json").status_code == 403
    client.force_login(world.carol.user)
    common = client.post("/api/phrases/common", json.dumps({"text": "公務"}), content_type="application/json")
    assert common.status_code == 201
    client.force_login(world.alice.user)
    book = client.get("/api/phrases/").json()
    assert [p["text"] for p in book["mine"]] == ["返鄉"] and [p["text"] for p in book["common"]] == ["公務"]
    assert client.delete(f"/api/phrases/{made.json()['id']}").status_code == 204
    too_long = client.post("/api/phrases/", json.dumps({"text": "字" * 101}), content_type="application/json")
    assert too_long.status_code == 400
