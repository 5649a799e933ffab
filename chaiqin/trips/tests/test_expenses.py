"""The travel-expense sheet (國內出差旅費報告表) filled in on the web: lines per day with the fares
by kind of transport, lodging, 雜費 (none on a 研習出差, seed 002's 區別暨認定原則說明簡表),
receipt numbers and totals, printed as the official form."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from chaiqin.errors import ChaiqinError
from chaiqin.tests.pdfs import text_of
from chaiqin.trips import expenses, pdf, services
from chaiqin.trips.models import ExpenseLine

from .test_services import file_trip

pytestmark = pytest.mark.django_db


def line(day, **amounts) -> services.ExpenseInput:
    return services.ExpenseInput(day=day, route="花蓮—臺北", work="出席研商會議", **amounts)


@pytest.mark.parametrize("amount, words", [(12305, "壹萬貳仟參佰零伍元整"), (1000, "壹仟元整"), (100010, "壹拾萬零壹拾元整"),
                                           (20000, "貳萬元整"), (0, "零元整"), (1505, "壹仟伍佰零伍元整")])
def test_the_receipt_line_writes_the_total_in_capital_numerals(amount, words):
    assert expenses.amount_in_words(amount) == words


def test_an_official_trip_saves_its_lines_and_prints_the_totals(world):
    trip = file_trip(world.alice, start="2026-03-10 08:00", end="2026-03-11 17:00")
    services.trip_expenses_save(actor=world.alice, trip=trip, lines=[
        line(date(2026, 3, 10), train=440, bus_mrt=30, lodging=2000, miscellaneous=400, receipts="R-0031"),
        line(date(2026, 3, 11), train=440, miscellaneous=400),
    ])
    sheet = expenses.sheet_of(trip)
    assert sheet.filled and sheet.totals["train"] == 880 and sheet.total == 3710
    text = text_of(pdf.claim_sheet_pdf(trip))
    for expected in ("國內出差旅費報告表", "花蓮縣政府", "陳雅婷", "R-0031", "3710", "參仟柒佰壹拾元整", "115-03-11"):
        assert expected in text, expected


def test_a_training_trip_refuses_the_miscellaneous_allowance_and_saves_nothing(world):
    trip = file_trip(world.alice, nature="training")
    with pytest.raises(ChaiqinError, match="研習出差不支給雜費") as refused:
        services.trip_expenses_save(actor=world.alice, trip=trip,
                                    lines=[line(date(2026, 3, 10), train=440, miscellaneous=400)])
    assert refused.value.code == "no_miscellaneous"
    assert not ExpenseLine.objects.exists()
    services.trip_expenses_save(actor=world.alice, trip=trip, lines=[line(date(2026, 3, 10), train=440, lodging=1600)])
    assert "不支給" in text_of(pdf.claim_sheet_pdf(trip))


def test_a_day_outside_the_trip_or_someone_else_is_refused(world):
    trip = file_trip(world.alice)
    with pytest.raises(ChaiqinError, match="不在出差期間內"):
        services.trip_expenses_save(actor=world.alice, trip=trip, lines=[line(date(2026, 3, 12), train=1)])
    with pytest.raises(ChaiqinError, match="只有出差人本人"):
        services.trip_expenses_save(actor=world.bob, trip=trip, lines=[line(date(2026, 3, 10), train=1)])
    assert not ExpenseLine.objects.exists()


def test_the_traveller_fills_in_the_sheet_on_the_web(client, world):
    trip = file_trip(world.alice, start="2026-03-10 08:00", end="2026-03-11 17:00")
    client.force_login(world.alice.user)
    page = client.get(reverse("trips:expenses", args=[trip.pk]))
    assert page.status_code == 200 and "115-03-11" in page.content.decode()
    form = {"lines-TOTAL_FORMS": "3", "lines-INITIAL_FORMS": "2", "lines-MIN_NUM_FORMS": "0", "lines-MAX_NUM_FORMS": "1000"}
    for i, (day, train) in enumerate((("115-03-10", "440"), ("115-03-11", "440"))):
        form.update({f"lines-{i}-day": day, f"lines-{i}-route": "花蓮—臺北", f"lines-{i}-work": "研商會議",
                     f"lines-{i}-train": train, f"lines-{i}-receipts": f"R{i}"})
    response = client.post(reverse("trips:expenses", args=[trip.pk]), form)
    assert response.status_code == 302
    assert [(x.day, x.train, x.receipts) for x in trip.expense_lines.all()] == [
        (date(2026, 3, 10), 440, "R0"), (date(2026, 3, 11), 440, "R1")]
    assert "差旅費合計 880 元" in client.get(reverse("trips:trip", args=[trip.pk])).content.decode()
    client.force_login(world.bob.user)  # the supervisor sees the trip but does not fill in its sheet
    assert client.get(reverse("trips:expenses", args=[trip.pk])).status_code == 404
