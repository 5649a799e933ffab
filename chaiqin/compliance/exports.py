"""The survey and its roll-up as XLSX (openpyxl) and ODS (odfpy), laid out like seed 004's
檢核表: the three roll-up rows (主管機關及所屬機關總數 / 已完成機關數 / 達成率), then
編號 / 調查項目 / 說明／法令依據 / 填報內容 with one row per item, then the filler's details.
"""

from __future__ import annotations

import io

from .selectors import Rollup, SurveyView

HEADER = ["編號", "調查項目", "說明／法令依據", "填報內容"]
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


def _title(year: int) -> str:
    return f"{year}年度人事業務績效考核項目「法定性別友善事項達成率」檢核表"


def survey_rows(view: SurveyView, rollup: Rollup | None = None) -> list[list]:
    """The table as rows of cells (the same for both formats)."""
    total = completed = rate = ""
    if rollup is not None:
        a = rollup.achievement
        total, completed, rate = a.total, a.completed, f"{a.rate}"
    rows: list[list] = [
        [_title(view.year)],
        [f"機關：{view.agency.name}（{view.agency.code}）", "", f"{view.headcount_date:%Y-%m-%d} 受僱總人數", view.headcount],
        ["調查項目", "", "", "填報內容"],
        ["主管機關及所屬機關總數（本欄僅提供主管機關填寫）", "", "", total],
        ["已完成機關數 （本欄僅提供主管機關填寫）", "", "", completed],
        ["達成率(%) （本欄僅提供主管機關填寫）", "", "", rate],
        HEADER,
    ]
    for item in view.items:
        answer = item.effective or "（未填答）"
        rows.append([item.number, item.title, item.basis, answer])
    filler = next((i.stored.answered_by for i in view.items if i.stored and i.stored.answered_by), None)
    rows.append(["填表人", "", "", filler.name if filler else ""])
    rows.append(["聯絡電話", "", "", ""])
    rows.append(["聯絡 EMAIL", "", "", filler.email if filler else ""])
    return rows


def rollup_rows(rollup: Rollup) -> list[list]:
    rows: list[list] = [["機關代碼", "機關名稱", "受僱總人數", "是否完成", "未完成項目"]]
    for agency, view in rollup.rows:
        rows.append([agency.code, agency.name, view.headcount, "已完成" if view.completed else "未完成",
                     "、".join(str(n) for n in view.open_numbers)])
    return rows


def to_xlsx(sheets: list[tuple[str, list[list]]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets:
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        sheet["A1"].font = Font(bold=True, size=13)
        for col, width in zip("ABCDE", (10, 40, 70, 16, 20)):
            sheet.column_dimensions[col].width = width
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_ods(sheets: list[tuple[str, list[list]]]) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    for name, rows in sheets:
        table = Table(name=name)
        for row in rows:
            tr = TableRow()
            for value in row:
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    cell = TableCell(valuetype="float", value=value)
                else:
                    cell = TableCell(valuetype="string")
                for line in str(value).split("\n"):
                    cell.addElement(P(text=line))
                tr.addElement(cell)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def survey_export(view: SurveyView, fmt: str, rollup: Rollup | None = None) -> bytes:
    sheets = [("檢核表", survey_rows(view, rollup))]
    if rollup is not None:
        sheets.append(("所屬機關", rollup_rows(rollup)))
    return to_xlsx(sheets) if fmt == "xlsx" else to_ods(sheets)
