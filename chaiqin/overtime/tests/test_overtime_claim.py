"""After the work: sign-in/out in the system or on paper, the claim within 3 days (seed 002)
unless the personnel office reopens it, and the compensation the rules allow."""

from decimal import Decimal
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chaiqin.errors import ChaiqinError
from chaiqin.org.models import Person
from chaiqin.org.services import person_create
from chaiqin.overtime import exports, selectors, services

from .conftest import approve_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(world, settings, ask):
    settings.CHAIQIN_NOW = "2026-03-02T09:00"
    return approve_all(ask(world.alice, [("2026-03-03T18:00", "2026-03-03T21:00")]))


def test_sign_in_sign_out_and_claim_comp_time_posts_to_the_leave_ledger(world, settings, approved):
    slot = approved.slots.get()
    settings.CHAIQIN_NOW = "2026-03-03T18:05"
    services.overtime_sign(slot=slot, person=world.alice, direction="in")
    settings.CHAIQIN_NOW = "2026-03-03T20:40"
    services.overtime_sign(slot=slot, person=world.alice, direction="out")
    settings.CHAIQIN_NOW = "2026-03-05T09:00"
    done = services.overtime_claim_file(slot=slot, person=world.alice, compensation="comp_time")
    assert done.minutes == 120  # 2 h 35 min signed: whole hours for a civil servant (各機關加班費支給辦法第4條)
    from chaiqin.leave import ledger

    assert done.comp_time_posted
    assert ledger.comp_time_available(world.alice, __import__("datetime").date(2026, 3, 5)) == 120


def test_a_claim_after_three_days_is_refused_until_personnel_reopens_it(world, settings, approved):
    slot = approved.slots.get()
    settings.CHAIQIN_NOW = "2026-03-03T18:00"
    services.overtime_sign(slot=slot, person=world.alice, direction="in")
    settings.CHAIQIN_NOW = "2026-03-03T21:00"
    services.overtime_sign(slot=slot, person=world.alice, direction="out")
    settings.CHAIQIN_NOW = "2026-03-07T09:00"
    with pytest.raises(ChaiqinError) as late:
        services.overtime_claim_file(slot=slot, person=world.alice, compensation="pay")
    assert late.value.code == "late_claim" and "3日" in late.value.citation
    with pytest.raises(ChaiqinError, match="人事人員"):
        services.overtime_claim_reopen(slot=slot, by=world.bob, until=__import__("datetime").date(2026, 3, 10))
    services.overtime_claim_reopen(slot=slot, by=world.carol, until=__import__("datetime").date(2026, 3, 10))
    assert services.overtime_claim_file(slot=slot, person=world.alice, compensation="pay").minutes == 180


def test_an_unapproved_request_cannot_be_signed(world, settings, ask):
    settings.CHAIQIN_NOW = "2026-03-02T09:00"
    slot = ask(world.alice, [("2026-03-03T18:00", "2026-03-03T21:00")]).slots.get()
    settings.CHAIQIN_NOW = "2026-03-03T18:00"
    with pytest.raises(ChaiqinError, match="尚未核准"):
        services.overtime_sign(slot=slot, person=world.alice, direction="in")


def test_paper_sign_in_needs_the_signed_sheet(world, settings, ask):
    settings.CHAIQIN_NOW = "2026-03-02T09:00"
    req = approve_all(ask(world.alice, [("2026-03-03T18:00", "2026-03-03T21:00")], paper_sign=True))
    slot = req.slots.get()
    settings.CHAIQIN_NOW = "2026-03-04T09:00"
    with pytest.raises(ChaiqinError, match="紙本簽到退單"):
        services.overtime_claim_file(slot=slot, person=world.alice, compensation="pay", minutes=120)
    done = services.overtime_claim_file(slot=slot, person=world.alice, compensation="commendation", minutes=500,
                                        sheet=SimpleUploadedFile("sheet.pdf", b"%PDF-1.4"))
    assert done.minutes == 180  # never more than approved


def test_lsa_staff_get_pay_by_article_24_and_no_commendation(world, settings, ask, tmp_path):
    settings.CHAIQIN_NOW = "2026-03-02T09:00"
    driver = person_create(agency=world.county, unit=world.civil_affairs, employee_no="DRV1", name="司機", gender="M",
                           post=Person.Post.DRIVER, hire_date=__import__("datetime").date(2020, 1, 1),
                           supervisor=world.bob)
    req = approve_all(ask(driver, [("2026-03-03T17:00", "2026-03-03T20:00")]))
    slot = req.slots.get()
    settings.CHAIQIN_NOW = "2026-03-03T17:00"
    services.overtime_sign(slot=slot, person=driver, direction="in")
    settings.CHAIQIN_NOW = "2026-03-03T20:00"
    services.overtime_sign(slot=slot, person=driver, direction="out")
    with pytest.raises(ChaiqinError) as refused:
        services.overtime_claim_file(slot=slot, person=driver, compensation="commendation")
    assert "勞動基準法" in refused.value.citation
    from chaiqin.payroll.services import wage_record_set

    # 月薪 48,000 ÷ 30 ÷ 8 = 200 an hour, kept by the personnel office (the claimant states no wage).
    wage_record_set(by=world.carol, person=driver, valid_from=__import__("datetime").date(2026, 1, 1),
                    basis="monthly", monthly_wage=48000)
    done = services.overtime_claim_file(slot=slot, person=driver, compensation="pay")
    # 2 h × 200 × 4/3 + 1 h × 200 × 5/3 (勞動基準法第24條第1項)
    assert done.pay_amount == Decimal("866.67")
    people = Person.objects.filter(pk=driver.pk).select_related("unit")
    assert selectors.monthly_sheet(people, 2026, 3)[0].pay == Decimal("866.67")
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(exports.monthly_sheet_file(people, 2026, 3, title="表", fmt="xlsx")))
    assert any("司機" in str(c.value) for row in book.active.iter_rows() for c in row)


def test_a_roster_without_a_day_off_in_seven_breaks_the_seven_day_rule():
    from datetime import datetime, timedelta

    start = datetime(2026, 3, 2, 8)
    entries = [{"person": "w", "start": start + timedelta(days=i), "end": start + timedelta(days=i, hours=9),
                "break_minutes": 60} for i in range(7)]
    codes = {v.code for v in selectors.roster_check(entries)}
    assert "seven_day_rule" in codes
    short_rest = [{"person": "w", "start": datetime(2026, 3, 2, 14), "end": datetime(2026, 3, 2, 23)},
                  {"person": "w", "start": datetime(2026, 3, 3, 7), "end": datetime(2026, 3, 3, 16)}]
    assert "rest_under_11h" in {v.code for v in selectors.roster_check(short_rest)}
