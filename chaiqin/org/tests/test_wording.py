"""An agency speaks of itself as 本校 (a school), 本府 (a county government), 本所 (a township
office) or 本機關, and its own rules are cited in those words: the county is never shown a
school's 「本校…」 text."""

import pytest

from chaiqin.org.services import agency_create
from chaiqin.org.wording import in_own_words, self_name

pytestmark = pytest.mark.django_db


def test_each_kind_of_agency_has_its_own_word(world):
    township = agency_create(code="376550100A", name="花蓮縣壽豐鄉公所", short_name="壽豐鄉公所")
    office = agency_create(code="376550200A", name="花蓮縣衛生局", short_name="衛生局")
    assert [self_name(a) for a in (world.school, world.county, township, office)] == ["本校", "本府", "本所", "本機關"]


def test_the_overtime_page_cites_the_agencys_own_rule_in_its_words(world, client, settings):
    settings.CHAIQIN_NOW = "2026-03-04T09:00"
    client.force_login(world.alice.user)  # 花蓮縣政府
    page = client.get("/overtime/").content.decode()
    assert "本府加班管制要點（加班日後3日內提出申請單）" in page and "本校" not in page
    client.force_login(world.gina.user)  # 國立恆春高級工商職業學校
    assert "本校加班管制要點" in client.get("/overtime/").content.decode()
    assert in_own_words("本機關加班管制要點", world.county) == "本府加班管制要點"


def test_the_wfh_page_names_no_other_citys_scheme(world, client, settings):
    settings.CHAIQIN_NOW = "2026-03-04T09:00"
    client.force_login(world.alice.user)
    page = client.get("/wfh/").content.decode()
    assert "基隆" not in page and "本府居家辦公作業規範" in page
