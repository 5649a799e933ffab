"""The monthly 加班費印領清冊: totals recomputed by hand from the wage data; XLSX with numeric
cells and no formula; the PDF as the paper sheet; the bank CSV's documented columns."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from chaiqin.org.models import Person
from chaiqin.org.services import person_create
from chaiqin.payroll import exports, services, sheets

pytestmark = pytest.mark.django_db


@pytest.fixture
def march(world, work):
    """March 2026 of three people in 民政處: alice (civil, 薪俸), bob (civil, 主管職務加給 from
    16 March), a driver (LSA, 月薪); one comp-time claim that must not reach the pay sheet."""
    driver = person_create(agency=world.county, unit=world.civil_affairs, employee_no="=DRV1", name="周志強",
                           gender="M", post=Person.Post.DRIVER, hire_date=date(2020, 1, 1), supervisor=world.bob)
    keep = services.wage_record_set
    keep(by=world.carol, person=world.alice, valid_from=date(2026, 1, 1), basis="salary", salary=38000,
         professional=22000)
    keep(by=world.carol, person=world.bob, valid_from=date(2026, 1, 1), basis="salary", salary=45000,
         professional=25000)
    keep(by=world.carol, person=world.bob, valid_from=date(2026, 3, 16), basis="salary", salary=45000,
         professional=25000, supervisory=5000)
    keep(by=world.carol, person=driver, valid_from=date(2026, 1, 1), basis="monthly", monthly_wage=36000)
    work(world.alice, "2026-03-03T18:00", "2026-03-03T21:00")            # 3 h workday
    work(world.alice, "2026-03-07T09:00", "2026-03-07T19:00")            # 10 h Saturday: 8 paid
    work(world.alice, "2026-03-10T18:00", "2026-03-10T20:00", "comp_time")
    work(world.bob, "2026-03-05T18:00", "2026-03-05T20:00")              # before the allowance
    work(world.bob, "2026-03-17T18:00", "2026-03-17T20:30")              # with it: 2 h credited of 2.5
    work(driver, "2026-03-04T17:00", "2026-03-04T20:00")                 # 3 h workday, LSA
    work(driver, "2026-03-14T08:00", "2026-03-14T11:00")                 # 3 h rest day, LSA
    return driver


def test_the_totals_are_what_the_wage_data_gives_by_hand(world, march):
    people = Person.objects.filter(agency=world.county)
    sheet = sheets.overtime_pay_sheet(people, 2026, 3)
    by_name = {line.person.name: line for line in sheet.lines}
    # alice: (38,000 + 22,000) ÷ 240 = 250; 3 h + 8 h (第5條 caps the Saturday) = 11 h → 2,750.
    alice = by_name["陳雅婷"]
    assert alice.amount == Decimal("2750.00")
    assert (alice.minutes["workday"], alice.minutes["rest_day"]) == (180, 480)
    # bob: 70,000 ÷ 240 × 2 h = 583.33; from 16 March 75,000 ÷ 240 × 2 h = 625.00 (2 h 30 min
    # signed: whole hours count, 各機關加班費支給辦法第4條, rules.overtime_credit).
    assert by_name["林柏宇"].amount == Decimal("583.33") + Decimal("625.00")
    # driver: 36,000 ÷ 30 ÷ 8 = 150; workday 2 × 150 × 4/3 + 150 × 5/3 = 650;
    # rest day 2 × 150 × 4/3 + 150 × 5/3 = 650 (勞動基準法第24條第2項).
    assert by_name["周志強"].amount == Decimal("1300.00")
    assert sheet.amount == Decimal("2750.00") + Decimal("1208.33") + Decimal("1300.00")
    assert sheet.total_minutes == 180 + 480 + 120 + 120 + 180 + 180
    [unit] = sheet.groups
    assert unit.amount == sheet.amount and len(unit.lines) == 3


def test_the_xlsx_has_numbers_in_number_cells_and_no_formula(world, march):
    from openpyxl import load_workbook

    sheet = sheets.overtime_pay_sheet(Person.objects.filter(agency=world.county), 2026, 3)
    ws = load_workbook(io.BytesIO(exports.pay_sheet_xlsx(sheet, title="清冊"))).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1][:3] == ("單位", "考勤代號", "姓名")
    total = next(r for r in rows if r[0] == "總計")
    assert total[exports.SHEET_HEADER.index("加班費（元）")] == pytest.approx(5258.33)
    driver_row = next(r for r in rows if r[2] == "周志強")
    assert driver_row[1] == "=DRV1"  # a text, not a formula
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert driver_row[exports.SHEET_HEADER.index("合計時數")] == 6  # a number: 3 h + 3 h


def test_the_pdf_prints_every_person_and_the_sign_lines(world, march):
    from pypdf import PdfReader

    sheet = sheets.overtime_pay_sheet(Person.objects.filter(agency=world.county), 2026, 3)
    pdf = exports.pay_sheet_pdf(sheet, title="花蓮縣政府 民國115年3月加班費印領清冊", agency_name="花蓮縣政府",
                                printed_on=date(2026, 4, 1))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for expected in ("加班費印領清冊", "陳雅婷", "周志強", "5,258.33", "機關首長", "領款人簽章"):
        assert expected in text


def test_the_bank_csv_follows_its_documented_columns(world, march):
    sheet = sheets.overtime_pay_sheet(Person.objects.filter(agency=world.county), 2026, 3)
    data = exports.pay_csv([(line.person, line.amount) for line in sheet.lines],
                           agency_code_of=lambda p: p.agency.code, period="202603", item="加班費")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == exports.CSV_HEADER
    assert ["376550000A", "ALICE", "陳雅婷", "202603", "加班費", "2750.00"] in rows
    assert ["376550000A", "'=DRV1", "周志強", "202603", "加班費", "1300.00"] in rows
