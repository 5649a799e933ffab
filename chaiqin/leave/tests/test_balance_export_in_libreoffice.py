"""The balance table's XLSX as a clerk uses it: LibreOffice opens it and sums the hours left,
because durations are numeric cells (hours, unit in the header) beside the 日/時 text; the sheet
prints on A4 landscape, one page wide, with its two header lines repeated on every page."""

from __future__ import annotations

import csv
import io
import os
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from chaiqin.org.models import Person

from .test_balance_table import open_table, staff

pytestmark = pytest.mark.django_db
PERSONAL_HOURS = 8  # column H: 事假 剩餘時數（時）


def test_libreoffice_sums_the_hours_left_of_everyone(client, world, tmp_path):
    staff(world, 12)
    open_table(client)
    data = b"".join(client.get(reverse("leave:balance_export", args=["xlsx"])).streaming_content)
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet.merged_cells.ranges and sheet.print_title_rows == "$2:$3"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.cell(2, PERSONAL_HOURS).value == "事假" and sheet.cell(3, PERSONAL_HOURS).value == "剩餘時數（時）"
    last = sheet.max_row
    everyone = Person.objects.filter(agency=world.county).count()
    assert last - 3 == everyone
    # the clerk's own total under the column, computed by LibreOffice, not by us
    sheet.cell(last + 1, PERSONAL_HOURS, f"=SUM(H4:H{last})")
    source = tmp_path / "balances.xlsx"
    book.save(source)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(source)],
                   check=True, timeout=180, capture_output=True, env={**os.environ, "HOME": str(tmp_path)})
    rows = list(csv.reader((tmp_path / "balances.csv").open(encoding="utf-8")))
    # every civil servant has 事假 7日 = 56 hours this year (公務人員請假規則第3條第1項第1款)
    assert float(rows[last][PERSONAL_HOURS - 1]) == 56 * everyone
