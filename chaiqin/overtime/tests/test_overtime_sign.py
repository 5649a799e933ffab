"""The overtime sign-in is no trap (issue 16): 簽退 only once the approved slot has started, 簽到
from the agency's grace before it (rules.overtime_filing_figures: 60 minutes), and both can be
redone until the claim."""

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.overtime import services

from .conftest import approve_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def slot(world, settings, ask):
    settings.CHAIQIN_NOW = "2026-03-02T09:00"
    return approve_all(ask(world.alice, [("2026-03-03T18:00", "2026-03-03T21:00")])).slots.get()


def sign(settings, world, slot, now, direction):
    settings.CHAIQIN_NOW = now
    return services.overtime_sign(slot=slot, person=world.alice, direction=direction)


def test_signing_out_before_the_slot_starts_is_refused(world, settings, slot):
    sign(settings, world, slot, "2026-03-03T17:10", "in")  # inside the 60 minutes' grace
    with pytest.raises(ChaiqinError, match="尚未開始，不能簽退"):
        sign(settings, world, slot, "2026-03-03T17:15", "out")
    slot.refresh_from_db()
    assert slot.signed_out_at is None


def test_signing_in_earlier_than_the_grace_is_refused(world, settings, slot):
    with pytest.raises(ChaiqinError, match="不在核准的加班時段內"):
        sign(settings, world, slot, "2026-03-03T16:59", "in")


def test_a_wrong_sign_in_can_be_redone_before_the_claim_but_not_after(world, settings, slot):
    sign(settings, world, slot, "2026-03-03T18:00", "in")
    sign(settings, world, slot, "2026-03-03T18:05", "out")  # pressed by mistake, five minutes in
    sign(settings, world, slot, "2026-03-03T18:06", "redo")
    slot.refresh_from_db()
    assert (slot.signed_in_at, slot.signed_out_at) == (None, None)
    sign(settings, world, slot, "2026-03-03T18:07", "in")
    sign(settings, world, slot, "2026-03-03T21:00", "out")
    settings.CHAIQIN_NOW = "2026-03-04T09:00"
    done = services.overtime_claim_file(slot=slot, person=world.alice, compensation="comp_time")
    assert done.minutes == 120  # 2 h 53 min signed: whole hours count for a civil servant (rules.overtime_credit)
    with pytest.raises(ChaiqinError, match="已申請補償"):
        sign(settings, world, slot, "2026-03-04T09:05", "redo")


def test_the_claim_form_proposes_comp_time_to_a_civil_servant_and_asks_paper_fields_only_on_paper(
        client, world, settings, slot, ask):
    from chaiqin.overtime.forms import ClaimForm

    settings.CHAIQIN_NOW = "2026-03-04T09:00"
    assert client.login(username="alice", password="correct-horse-battery")
    page = client.get(f"/overtime/requests/{slot.request_id}/").content.decode()
    assert '<option value="comp_time" selected>' in page  # 公務人員保障法第23條: 補休 proposed first
    assert "紙本簽到退單" not in page and 'name="minutes"' not in page
    paper = approve_all(ask(world.alice, [("2026-03-05T18:00", "2026-03-05T21:00")], paper_sign=True))
    page = client.get(f"/overtime/requests/{paper.pk}/").content.decode()
    assert "紙本簽到退單" in page and 'name="minutes"' in page
    assert set(ClaimForm(paper=False).fields) == {"compensation"}
