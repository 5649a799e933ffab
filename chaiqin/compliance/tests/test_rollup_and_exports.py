"""Roll-up over a supervising agency (seed 004 說明二) and the exports laid out like the 檢核表."""

import csv
import glob
import io
import os
import shutil
import subprocess
from decimal import Decimal

import pytest

from chaiqin import rules
from chaiqin.compliance import exports, selectors
from chaiqin.compliance.models import SurveyAnswer
from chaiqin.org.services import agency_create


def _complete(agency, actor=None):
    """Answer every item so that it counts as completed (說明三)."""
    for item in rules.survey_items(115):
        SurveyAnswer.objects.create(agency=agency, year=115, number=item.number, source="manual",
                                    answer="否" if item.reverse else "是", evidence="測試", answered_by=actor)


@pytest.fixture
def county_of_five(world):
    children = [agency_create(code=f"37655{n:04d}A", name=f"花蓮縣立第{n}國民小學", parent=world.county)
                for n in range(1, 5)]
    _complete(world.county, world.carol)
    _complete(children[0])
    _complete(children[1])
    return world.county, children


def test_a_county_with_five_agencies_three_completed_achieves_60_percent(county_of_five):
    county, children = county_of_five
    result = selectors.rollup(county, 115)
    assert result.achievement.total == 5  # 主管機關及所屬機關總數: the county counts itself
    assert result.achievement.completed == 3
    assert result.achievement.rate == Decimal("60.00")
    assert [a for a, v in result.rows if not v.completed] == children[2:]


def test_a_reverse_item_answered_yes_leaves_the_agency_not_completed(county_of_five):
    county, children = county_of_five
    # A refusal outside the system is entered as an override with its reason (records say 否).
    SurveyAnswer.objects.filter(agency=children[0], number=16).update(answer="是", source="override",
                                                                       reason="紙本申請曾遭拒絕")
    assert selectors.rollup(county, 115).achievement.rate == Decimal("40.00")


def test_a_school_outside_the_county_is_not_in_its_roll_up(county_of_five, world):
    assert world.school not in [a for a, _ in selectors.rollup(world.county, 115).rows]


def _rows_of(data: bytes, fmt: str):
    if fmt == "xlsx":
        from openpyxl import load_workbook

        return [list(r) for r in load_workbook(io.BytesIO(data)).worksheets[0].iter_rows(values_only=True)]
    return None


def test_the_xlsx_export_has_the_three_header_rows_and_nineteen_items(county_of_five):
    county, _ = county_of_five
    result = selectors.rollup(county, 115)
    rows = _rows_of(exports.survey_export(result.rows[0][1], "xlsx", rollup=result), "xlsx")
    assert rows[3][0].startswith("主管機關及所屬機關總數") and rows[3][3] == 5
    assert rows[5][0].startswith("達成率") and rows[5][3] == "60.00"
    assert rows[6] == ["編號", "調查項目", "說明／法令依據", "填報內容"]
    items = [r for r in rows if isinstance(r[0], int)]
    assert [r[0] for r in items] == list(range(1, 20))
    assert items[14][3] == "否" and rows[-3][3] == "張佳穎"


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="需要 libreoffice（libreoffice-calc-nogui）才能驗證匯出檔可被開啟")
@pytest.mark.parametrize("fmt", ["ods", "xlsx"])
def test_libreoffice_opens_the_export_and_finds_the_nineteen_rows(county_of_five, tmp_path, fmt):
    county, _ = county_of_five
    result = selectors.rollup(county, 115)
    source = tmp_path / f"survey.{fmt}"
    source.write_bytes(exports.survey_export(result.rows[0][1], fmt, rollup=result))
    profile = tmp_path / "lo-profile"
    subprocess.run(["libreoffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                    "--outdir", str(tmp_path / "out"), str(source)], check=True, timeout=120,
                   capture_output=True, env={**os.environ, "HOME": str(tmp_path)})
    converted = glob.glob(str(tmp_path / "out" / "*.csv"))
    assert converted, "LibreOffice 未產生 CSV"
    with open(converted[0], encoding="utf-8", errors="replace") as fh:
        rows = list(csv.reader(fh))
    numbered = [r for r in rows if r and r[0].strip().isdigit()]
    assert [int(r[0]) for r in numbered] == list(range(1, 20))
    assert numbered[0][1].startswith("是否依法訂定申訴管道")
