"""A returned overtime request corrected and sent again into the same case, checked as when it
was asked (公務員服務法第12條: its own old slots are not counted twice against the cap)."""

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.overtime import services
from chaiqin.workflow import services as workflow
from chaiqin.workflow.models import Case

from .conftest import at

pytestmark = pytest.mark.django_db


def returned(req, comment="請改列實際加班日"):
    workflow.case_decide(case=req.case, actor=req.case.current_step.decider, decision="return", comment=comment)
    req.case.refresh_from_db()
    assert req.case.status == Case.Status.RETURNED
    return req


def evenings(person, first_day: int, last_day: int, hours: int):
    return [services.PlannedSlot(person, at(f"2026-03-{d:02d}T18:00"), at(f"2026-03-{d:02d}T{18 + hours}:00"))
            for d in range(first_day, last_day + 1)]


def resubmit(req, person, slots, reason="預算書彙整（修正）"):
    return services.overtime_request_resubmit(request=req, actor=person, reason=reason, work_items="彙整各科預算",
                                              slots=slots)


def test_a_returned_request_is_corrected_and_approved_in_the_same_case(world, settings, ask):
    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    req = returned(ask(world.alice, [("2026-03-09T18:00", "2026-03-09T21:00")]))
    resubmit(req, world.alice, evenings(world.alice, 10, 11, 2))
    req.refresh_from_db()
    assert req.reason == "預算書彙整（修正）"
    assert [s.day.day for s in req.slots.order_by("day")] == [10, 11]
    assert req.slots.count() == 2 and req.case.status == Case.Status.PENDING
    assert list(req.case.events.values_list("action", flat=True)) == ["submit", "return", "resubmit"]
    case = req.case
    while case.status == Case.Status.PENDING:  # the fresh chain, step by step
        workflow.case_decide(case=case, actor=case.current_step.decider, decision="approve")
        case.refresh_from_db()
    assert case.status == Case.Status.APPROVED


def test_its_own_old_slots_do_not_count_twice_against_the_monthly_cap(world, settings, ask):
    # 公務員服務法第12條: 60 h a month; the returned request's 60 h are replaced, not added
    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    req = returned(ask(world.alice, [(s.start.isoformat(), s.end.isoformat()) for s in evenings(world.alice, 2, 21, 3)]))
    resubmit(req, world.alice, evenings(world.alice, 2, 21, 3))
    assert req.slots.count() == 20


def test_a_correction_beyond_the_cap_is_refused_and_changes_nothing(world, settings, ask):
    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    ask(world.alice, [(s.start.isoformat(), s.end.isoformat()) for s in evenings(world.alice, 2, 11, 3)])  # 30 h
    req = returned(ask(world.alice, [("2026-03-12T18:00", "2026-03-12T21:00")]))
    with pytest.raises(ChaiqinError) as refused:
        resubmit(req, world.alice, evenings(world.alice, 12, 22, 3))  # 30 + 33 h
    assert "公務員服務法第12條" in refused.value.citation
    req.refresh_from_db()
    assert req.reason == "預算書彙整" and req.slots.count() == 1 and req.case.status == Case.Status.RETURNED


def test_only_the_applicant_corrects_only_a_returned_request(world, settings, ask):
    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    req = ask(world.alice, [("2026-03-09T18:00", "2026-03-09T21:00")])
    with pytest.raises(ChaiqinError, match="只有被退回修正"):
        resubmit(req, world.alice, evenings(world.alice, 10, 10, 2))
    returned(req)
    with pytest.raises(ChaiqinError, match="只有申請人本人"):
        resubmit(req, world.bob, evenings(world.bob, 10, 10, 2))


def test_the_correction_page_opens_with_what_was_asked_and_resubmits(client, world, settings, ask):
    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    req = returned(ask(world.alice, [("2026-03-09T18:00", "2026-03-09T21:00")]))
    client.force_login(world.alice.user)
    page = client.get(f"/overtime/requests/{req.pk}/edit/").content.decode()
    assert "請改列實際加班日" in page and 'value="預算書彙整"' in page and 'value="115-03-09"' in page
    assert f'/overtime/requests/{req.pk}/edit/' in client.get(f"/workflow/cases/{req.case_id}/").content.decode()
    response = client.post(f"/overtime/requests/{req.pk}/edit/", {
        "reason": "改列10日", "work_items": "彙整各科預算", "situation": "normal", "date_from": "115-03-10",
        "start_time": "18:00", "end_time": "20:00"})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.reason == "改列10日" and req.case.status == Case.Status.PENDING
    client.force_login(world.bob.user)
    assert client.get(f"/overtime/requests/{req.pk}/edit/").status_code in (302, 404)
