"""The printable forms, read back with poppler and mupdf: what each says is what the trip or
request holds, every font embedded."""

from __future__ import annotations

import pytest

from chaiqin.tests.pdfs import text_of
from chaiqin.trips import pdf, selectors, services

from .conftest import PDF, at
from .test_services import application, approve_all, file_trip

pytestmark = pytest.mark.django_db


def test_the_claim_sheet_of_a_training_trip_pays_no_miscellaneous_allowance(world):
    # seed 002: 研習出差不支給雜費
    text = text_of(pdf.claim_sheet_pdf(file_trip(world.alice, nature="training")))
    assert "國內出差旅費報告表" in text and "研習出差不支給雜費" in text and "不支給" in text


def test_the_claim_sheet_of_an_official_trip_has_one_row_per_day(world):
    trip = file_trip(world.alice, start="2026-03-10 08:00", end="2026-03-12 17:00")
    text = text_of(pdf.claim_sheet_pdf(trip))
    assert "研習出差不支給雜費" not in text
    assert all(day in text for day in ("115-03-10", "115-03-11", "115-03-12"))


def test_the_trip_form_prints_its_kind_and_sign_mode(world):
    text = text_of(pdf.trip_pdf(file_trip(world.alice, sign_mode="paper")))
    assert "公務出差" in text and "紙本簽到退" in text


def test_the_mainland_form_prints_the_four_questions_and_the_purpose(world):
    form = application(world.alice, destination="mainland", agent=world.bob)
    mainland = services.mainland_form_save(actor=world.alice, overseas=form, places="廈門", purpose="exchange",
                                           q_state_secrets=True, count_this_year=1)
    text = text_of(pdf.mainland_pdf(mainland))
    assert "教職員赴大陸地區申請表" in text and "廈門" in text and "國家機密保護法" in text and "活動行程表" in text


def test_the_overseas_application_prints_days_with_holidays_and_leave_lines(world):
    text = text_of(pdf.overseas_pdf(application(world.alice, agent=world.bob)))
    assert "共計 9 日" in text and "休假" in text


def test_the_principal_notice_prints_the_route(world, school_people):
    form = services.overseas_save(
        person=school_people["paula"], form="overseas", start=at("2026-04-06 08:00"), end=at("2026-04-08 17:00"),
        reason="參訪", destination="other", country="日本", agent=school_people["ivan"],
        leave_lines=[services.LeaveLine("personal", at("2026-04-06 08:00"), at("2026-04-08 17:00"))])
    text = text_of(pdf.principal_notice_pdf(selectors.principal_notice(form)))
    assert "校長出境案件通報單" in text and "E-MAIL" in text and "e-p014@mail.tpde.edu.tw" in text


def test_the_return_report_prints(world, settings):
    from .test_services import mainland_approved

    form = mainland_approved(world)
    settings.CHAIQIN_NOW = "2026-03-23T09:00"
    services.return_report_file(actor=world.alice, overseas=form, returned_on=at("2026-03-22 00:00").date())
    form.refresh_from_db()
    assert "赴陸人員返臺通報表" in text_of(pdf.return_report_pdf(form))
