"""The 薪資 sheet import: XLSX or CSV (UTF-8, with or without BOM, or Big5), one wage row per
line, checked in full before anything is saved: any bad line and nothing is saved (a dry run
saves nothing either way).

Columns (header row, any order; the template is `template_xlsx`):
考勤代號, 生效日 (115-01-01 or 2026-01-01), 計薪方式 (薪俸 / 單一薪酬 / 月薪 / 時薪), 月支薪俸,
專業加給, 主管職務加給, 月支單一薪酬, 月薪, 時薪, 說明; optional 機關代碼 where the same 考勤代號
occurs in two agencies of the importer's scope.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from openpyxl import Workbook, load_workbook

from chaiqin.dates import DateInputError, parse_date
from chaiqin.errors import ChaiqinError
from chaiqin.org.models import Person

from . import access, services
from .models import WageRecord

B = WageRecord.Basis
BASIS_WORDS = {"薪俸": B.SALARY, "月支薪俸": B.SALARY, "salary": B.SALARY, "單一薪酬": B.SINGLE, "月支單一薪酬": B.SINGLE,
               "single": B.SINGLE, "月薪": B.MONTHLY, "monthly": B.MONTHLY, "時薪": B.HOURLY, "hourly": B.HOURLY}
MONEY_COLUMNS = {"月支薪俸": "salary", "專業加給": "professional", "主管職務加給": "supervisory",
                 "月支單一薪酬": "single_pay", "月薪": "monthly_wage", "時薪": "hourly_wage"}
COLUMNS = ["機關代碼", "考勤代號", "生效日", "計薪方式", *MONEY_COLUMNS, "說明"]
REQUIRED = ("考勤代號", "生效日", "計薪方式")
MAX_ROWS = 50000


@dataclass
class ImportResult:
    rows: list = field(default_factory=list)      # checked rows, ready for services.wage_import_save
    errors: list = field(default_factory=list)    # (line number, message)
    saved: int = 0


def _read_table(name: str, data: bytes) -> list[list[str]]:
    if name.lower().endswith(".xlsx") or data[:2] == b"PK":
        try:
            ws = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except Exception:  # a damaged or foreign file: say so, never a traceback
            raise ChaiqinError("無法讀取此 XLSX 檔，請以範本重新存檔後再匯入。") from None
        return [["" if v is None else (v.date().isoformat() if isinstance(v, datetime) else str(v)).strip()
                 for v in row] for row in ws.iter_rows(values_only=True)]
    for encoding in ("utf-8-sig", "big5"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ChaiqinError("CSV 檔的編碼無法辨識：請存成 UTF-8 或 Big5。")
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text, newline=""))]


def wage_import_check(*, by: Person, name: str, data: bytes) -> ImportResult:
    """Read and check every line; the result's rows are saved only when `errors` is empty."""
    table = [r for r in _read_table(name, data) if any(r)]
    result = ImportResult()
    if not table:
        raise ChaiqinError("檔案沒有資料。")
    header = table[0]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ChaiqinError(f"缺少欄位：{'、'.join(missing)}（請使用範本）。")
    if len(table) - 1 > MAX_ROWS:
        raise ChaiqinError(f"一次至多匯入 {MAX_ROWS:,} 列。")
    col = {name: header.index(name) for name in COLUMNS if name in header}
    scope = access.wage_people(by, keep=True).select_related("agency")
    wanted = {r[col["考勤代號"]] for r in table[1:] if len(r) > col["考勤代號"]}
    people: dict[str, list[Person]] = {}
    for p in scope.filter(employee_no__in=wanted):
        people.setdefault(p.employee_no, []).append(p)
    seen: set[tuple[int, date]] = set()
    for number, raw in enumerate(table[1:], start=2):
        cell = lambda name: raw[col[name]] if name in col and col[name] < len(raw) else ""  # noqa: E731
        try:
            person = _person(people.get(cell("考勤代號"), []), cell("考勤代號"), cell("機關代碼"))
            try:
                valid_from = parse_date(cell("生效日"))
            except DateInputError as exc:
                raise ChaiqinError(f"生效日：{exc}") from None
            basis = BASIS_WORDS.get(cell("計薪方式"))
            if basis is None:
                raise ChaiqinError(f"計薪方式「{cell('計薪方式')}」不明：請填 薪俸、單一薪酬、月薪 或 時薪。")
            amounts = {field_name: cell(column) for column, field_name in MONEY_COLUMNS.items()}
            clean = services.wage_check(person=person, valid_from=valid_from, basis=basis, amounts=amounts)
            if (person.pk, valid_from) in seen:
                raise ChaiqinError("同一人同一生效日重複列出。")
            seen.add((person.pk, valid_from))
            result.rows.append({"person": person, "valid_from": valid_from, "basis": basis, "amounts": clean,
                                "note": cell("說明")})
        except ChaiqinError as exc:
            result.errors.append((number, exc.message))
    return result


def _person(found: list[Person], employee_no: str, agency_code: str) -> Person:
    if not employee_no:
        raise ChaiqinError("請填寫考勤代號。")
    if agency_code:
        found = [p for p in found if p.agency.code == agency_code]
    if not found:
        raise ChaiqinError(f"查無考勤代號「{employee_no}」的人員，或不在您的人事管轄範圍。")
    if len(found) > 1:
        raise ChaiqinError(f"考勤代號「{employee_no}」在多個機關都有，請填寫機關代碼。")
    return found[0]


def wage_import(*, by: Person, name: str, data: bytes, dry_run: bool) -> ImportResult:
    """Check the file and, unless `dry_run` or any line is bad, save every row at once."""
    result = wage_import_check(by=by, name=name, data=data)
    if not result.errors and not dry_run:
        result.saved = services.wage_import_save(by=by, rows=result.rows)
    return result


def template_xlsx() -> bytes:
    """An empty 薪資 sheet with the columns and one example line of each basis."""
    book = Workbook()
    ws = book.active
    ws.title = "薪資"
    ws.append(COLUMNS)
    ws.append(["", "A001", "115-01-01", "薪俸", 38000, 22000, 0, None, None, None, "本俸及專業加給"])
    ws.append(["", "C001", "115-01-01", "單一薪酬", None, None, None, 41000, None, None, "聘用人員"])
    ws.append(["", "W001", "115-01-01", "月薪", None, None, None, None, 36000, None, "技工"])
    ws.append(["", "H001", "115-01-01", "時薪", None, None, None, None, None, 196, "部分工時"])
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, str):
                c.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
