"""The 薪資 sheet import: XLSX or CSV (UTF-8 or Big5), dry run, nothing saved when any row is bad."""

import io
from datetime import date
from decimal import Decimal

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.payroll import imports, selectors
from chaiqin.payroll.models import WageRecord

pytestmark = pytest.mark.django_db

HEADER = "考勤代號,生效日,計薪方式,月支薪俸,專業加給,主管職務加給,月支單一薪酬,月薪,時薪,說明\r\n"


def test_a_dry_run_checks_everything_and_saves_nothing(world):
    data = (HEADER + "ALICE,115-01-01,薪俸,38000,22000,,,,,\r\nBOB,2026-01-01,薪俸,\"45,000\",25000,5000,,,,科長\r\n").encode()
    result = imports.wage_import(by=world.carol, name="wages.csv", data=data, dry_run=True)
    assert (len(result.rows), result.errors, result.saved) == (2, [], 0)
    assert not WageRecord.objects.exists()
    result = imports.wage_import(by=world.carol, name="wages.csv", data=data, dry_run=False)
    assert result.saved == 2
    assert selectors.wage_on(world.bob, date(2026, 2, 1)).supervisory == Decimal("5000.00")


def test_one_bad_row_and_nothing_is_saved(world):
    data = (HEADER + "ALICE,115-01-01,薪俸,38000,22000,,,,,\r\nNOBODY,115-01-01,薪俸,1,,,,,,\r\n"
            "BOB,115-02-30,薪俸,1,,,,,,\r\nDIANA,115-01-01,時薪,,,,,,200,\r\n").encode()
    result = imports.wage_import(by=world.carol, name="wages.csv", data=data, dry_run=False)
    assert [n for n, _m in result.errors] == [3, 4, 5]
    assert "NOBODY" in result.errors[0][1] and "計薪方式應為" in result.errors[2][1]
    assert result.saved == 0 and not WageRecord.objects.exists()


def test_big5_csv_and_the_xlsx_template_are_read(world):
    data = (HEADER + "ALICE,115-01-01,薪俸,38000,22000,,,,,本俸\r\n").encode("big5")
    assert imports.wage_import(by=world.carol, name="w.csv", data=data, dry_run=False).saved == 1
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(imports.template_xlsx()))
    ws = book.active
    ws.delete_rows(2, 4)
    ws.append(["", "BOB", "115-03-01", "薪俸", 45000, 25000, 0, None, None, None, ""])
    out = io.BytesIO()
    book.save(out)
    assert imports.wage_import(by=world.carol, name="w.xlsx", data=out.getvalue(), dry_run=False).saved == 1


def test_people_outside_the_importers_scope_are_not_found(world):
    # hank is the school's personnel officer: the county's alice is not his.
    data = (HEADER + "ALICE,115-01-01,薪俸,38000,,,,,,\r\n").encode()
    result = imports.wage_import(by=world.hank, name="w.csv", data=data, dry_run=False)
    assert result.errors and result.saved == 0
    with pytest.raises(ChaiqinError, match="缺少欄位"):
        imports.wage_import(by=world.carol, name="w.csv", data="姓名\r\n王\r\n".encode(), dry_run=True)
