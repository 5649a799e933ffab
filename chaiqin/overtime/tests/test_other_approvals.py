"""Overtime approved by another form: a trip on days off with self-entered overtime hours
(seed 002: 若出差時間為假日，請點開「自行填寫加班時數」) and WFH overtime confirmed by the
assigning supervisor (seed 000 第5點第4款第3目). Both become overtime records with the same
compensation choice as any approved overtime, and the caps of rules.check_hours still hold."""

from datetime import date

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.leave import ledger
from chaiqin.overtime import selectors, services
from chaiqin.overtime.models import OvertimeRequest, OvertimeSlot
from chaiqin.workflow import services as workflow

from .conftest import at

pytestmark = pytest.mark.django_db


def decide_all(case):
    for step in case.steps.order_by("order"):
        workflow.case_decide(case=case, actor=step.decider, decision="approve")
    case.refresh_from_db()
    return case


@pytest.fixture
def weekend_trip(world, settings):
    """alice's approved trip over Saturday 2026-03-07 and Sunday 03-08, 10 h of overtime entered."""
    from chaiqin.trips import services as trips

    settings.CHAIQIN_NOW = "2026-03-02T09:00"
    trip = trips.trip_file(person=world.alice, nature="official", place="臺北市", reason="全國戶政會議",
                           start=at("2026-03-07T08:00"), end=at("2026-03-08T18:00"), overtime_minutes=600)
    decide_all(trip.case)
    return trip


def test_an_approved_weekend_trip_is_claimed_as_comp_time_without_a_prior_request(world, settings, weekend_trip):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    assert list(services.trips_to_claim(world.alice)) == [weekend_trip]
    req = services.overtime_trip_claim(trip=weekend_trip, person=world.alice, compensation="comp_time")
    assert req.source == OvertimeRequest.Source.TRIP and req.case_id == weekend_trip.case_id
    slots = list(req.slots.order_by("day"))
    # Saturday takes what the trip spent that day (16 h from 08:00), up to the 10 h entered.
    assert [(s.day, s.minutes, s.day_kind) for s in slots] == [(date(2026, 3, 7), 600, "rest_day")]
    assert slots[0].comp_time_posted and ledger.comp_time_available(world.alice, date(2026, 3, 9)) == 600
    assert list(services.trips_to_claim(world.alice)) == []
    with pytest.raises(ChaiqinError, match="已申請"):
        services.overtime_trip_claim(trip=weekend_trip, person=world.alice, compensation="pay")


def test_a_trip_claim_still_respects_the_monthly_cap_of_article_12(world, settings, weekend_trip, ask):
    settings.CHAIQIN_NOW = "2026-03-02T09:00"
    weekdays = [d for d in range(10, 32) if date(2026, 3, d).weekday() < 5]  # 16 evenings × 3 h = 48 h
    spans = [(f"2026-03-{d:02d}T18:00", f"2026-03-{d:02d}T19:00") for d in (3, 4, 5, 6)]  # + 4 h
    spans += [(f"2026-03-{d:02d}T18:00", f"2026-03-{d:02d}T21:00") for d in weekdays]
    ask(world.alice, spans)  # 52 h pending in March
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    with pytest.raises(ChaiqinError) as refused:
        services.overtime_trip_claim(trip=weekend_trip, person=world.alice, compensation="pay")  # + 10 h = 62 h
    assert "公務員服務法第12條" in refused.value.citation and refused.value.code == "monthly_ot_over_cap"
    assert not OvertimeRequest.objects.filter(trip=weekend_trip).exists()


def test_an_unapproved_or_someone_elses_trip_cannot_be_claimed(world, settings):
    from chaiqin.trips import services as trips

    settings.CHAIQIN_NOW = "2026-03-02T09:00"
    trip = trips.trip_file(person=world.alice, nature="official", place="臺北市", reason="會議",
                           start=at("2026-03-07T08:00"), end=at("2026-03-07T18:00"), overtime_minutes=240)
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    with pytest.raises(ChaiqinError, match="尚未核准"):
        services.overtime_trip_claim(trip=trip, person=world.alice, compensation="pay")
    decide_all(trip.case)
    with pytest.raises(ChaiqinError, match="自己"):
        services.overtime_trip_claim(trip=trip, person=world.bob, compensation="pay")
    settings.CHAIQIN_NOW = "2026-03-13T09:00"  # approved on 03-09: the 3 days ran to 03-12
    with pytest.raises(ChaiqinError) as late:
        services.overtime_trip_claim(trip=trip, person=world.alice, compensation="pay")
    assert late.value.code == "late_claim" and "3日內" in late.value.citation


def test_confirmed_wfh_overtime_becomes_overtime_claimed_like_any_other(world, settings):
    from chaiqin.wfh import services as wfh
    from chaiqin.wfh.tests.conftest import apply, approve

    settings.CHAIQIN_NOW = "2026-03-04T09:00"
    approve(world, apply(world))
    settings.CHAIQIN_NOW = "2026-03-10T09:00"
    filed = wfh.wfh_overtime_file(actor=world.alice, assigner=world.bob, start=at("2026-03-09T18:00"),
                                  end=at("2026-03-09T20:00"), work_done="議會質詢資料", evidence="LINE 對話")
    assert not OvertimeRequest.objects.exists()
    settings.CHAIQIN_NOW = "2026-03-16T09:00"  # confirmed a week later: the claim window runs from here
    decide_all(filed.case)
    req = OvertimeRequest.objects.get(wfh_overtime=filed)
    assert req.source == OvertimeRequest.Source.WFH and req.case_id == filed.case_id
    slot = req.slots.get()
    assert services.claim_deadline(slot) == date(2026, 3, 19)
    settings.CHAIQIN_NOW = "2026-03-17T09:00"
    done = services.overtime_claim_file(slot=slot, person=world.alice, compensation="commendation")
    assert done.minutes == 120 and done.compensation == OvertimeSlot.Compensation.COMMENDATION
    people = type(world.alice).objects.filter(pk=world.alice.pk).select_related("unit")
    assert selectors.monthly_sheet(people, 2026, 3)[0].minutes["commendation"] == 120
