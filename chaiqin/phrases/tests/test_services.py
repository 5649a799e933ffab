"""The 詞庫 services: a person's own book, the agency's common book kept by the personnel
office (audited), limits and cleaning of what is stored."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from chaiqin.errors import ChaiqinError
from chaiqin.org.models import OrgEvent
from chaiqin.phrases import selectors, services
from chaiqin.phrases.models import MAX_LENGTH, Phrase

pytestmark = pytest.mark.django_db


def test_a_person_keeps_their_own_phrases_once_each(world):
    first = services.phrase_add(actor=world.alice, text="  陪同家人  就醫 ")
    again = services.phrase_add(actor=world.alice, text="陪同家人 就醫")
    assert first.pk == again.pk and first.text == "陪同家人 就醫"
    assert list(selectors.own_phrases(world.alice).values_list("text", flat=True)) == ["陪同家人 就醫"]
    assert not selectors.own_phrases(world.bob).exists()


def test_a_phrase_is_one_line_of_limited_length_without_control_characters(world):
    assert services.phrase_add(actor=world.alice, text="參加\n研習\u200b會議\x07").text == "參加 研習會議"
    with pytest.raises(ChaiqinError, match=f"最多 {MAX_LENGTH} 字"):
        services.phrase_add(actor=world.alice, text="字" * (MAX_LENGTH + 1))
    with pytest.raises(ChaiqinError, match="請輸入"):
        services.phrase_add(actor=world.alice, text=" \t ")
    assert Phrase.objects.count() == 1


def test_a_person_book_has_a_ceiling(world, monkeypatch):
    monkeypatch.setattr(services, "MAX_OWN", 2)
    services.phrase_add(actor=world.alice, text="一")
    services.phrase_add(actor=world.alice, text="二")
    with pytest.raises(ChaiqinError, match="個人詞庫最多 2 則"):
        services.phrase_add(actor=world.alice, text="三")


def test_only_the_owner_deletes_a_personal_phrase(world):
    phrase = services.phrase_add(actor=world.alice, text="返鄉探親")
    with pytest.raises(ChaiqinError, match="只能刪除自己個人詞庫"):
        services.phrase_delete(actor=world.bob, phrase=phrase)
    services.phrase_delete(actor=world.alice, phrase=phrase)
    assert not Phrase.objects.exists()


def test_the_personnel_office_keeps_the_common_book_and_every_change_is_in_its_trail(world):
    phrase = services.common_phrase_add(actor=world.carol, agency=world.county, text="辦理年度業務考核")
    with pytest.raises(ChaiqinError, match="已有相同"):
        services.common_phrase_add(actor=world.carol, agency=world.county, text="辦理年度業務考核")
    assert selectors.pickable(world.alice)["common"] == [{"id": phrase.pk, "text": "辦理年度業務考核"}]
    assert selectors.pickable(world.gina)["common"] == []  # another agency's book is not offered
    services.common_phrase_delete(actor=world.carol, phrase=phrase)
    trail = list(OrgEvent.objects.filter(agency=world.county).order_by("pk").values_list("action", "note", "actor"))
    assert trail[-2:] == [("公用詞庫新增", "辦理年度業務考核", world.carol.pk),
                          ("公用詞庫刪除", "辦理年度業務考核", world.carol.pk)]


def test_no_one_but_the_agencys_personnel_office_changes_its_common_book(world):
    with pytest.raises(PermissionDenied):
        services.common_phrase_add(actor=world.alice, agency=world.county, text="公務")
    with pytest.raises(PermissionDenied):
        services.common_phrase_add(actor=world.hank, agency=world.county, text="公務")
    phrase = services.common_phrase_add(actor=world.carol, agency=world.county, text="公務")
    with pytest.raises(PermissionDenied):
        services.common_phrase_delete(actor=world.hank, phrase=phrase)
    own = services.phrase_add(actor=world.alice, text="私事")
    with pytest.raises(PermissionDenied):
        services.common_phrase_delete(actor=world.carol, phrase=own)
    assert Phrase.objects.count() == 2


def test_the_picker_lists_own_and_common_phrases_in_one_query(world, django_assert_num_queries):
    services.phrase_add(actor=world.alice, text="乙")
    services.phrase_add(actor=world.alice, text="甲")
    services.common_phrase_add(actor=world.carol, agency=world.county, text="丙")
    with django_assert_num_queries(1):
        found = selectors.pickable(world.alice)
    assert [p["text"] for p in found["mine"]] == sorted(["甲", "乙"]) and [p["text"] for p in found["common"]] == ["丙"]
