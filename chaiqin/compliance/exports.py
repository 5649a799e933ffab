"""The survey and its roll-up as XLSX and ODS (chaiqin/spreadsheets.py), laid out like the survey's
檢核表: the three roll-up rows (主管機關及所屬機關總數 / 已完成機關數 / 達成率), then
編號 / 調查項目 / 說明／法令依據 / 填報內容 with one row per item, then the filler's details.
"""

from __future__ import annotations

from chaiqin import spreadsheets
from chaiqin.dates import format_roc
from chaiqin.spreadsheets import Column, Sheet

from .selectors import Rollup, SurveyView

HEADER = ["編號", "調查項目", "說明／法令依據", "填報內容"]
CONTENT_TYPES = spreadsheets.CONTENT_TYPES
_COLUMNS = [Column("編號", 7), Column("調查項目", 40, wrap=True), Column("說明／法令依據", 64, wrap=True),
            Column("填報內容", 22, wrap=True)]


def _title(year: int) -> str:
    return f"{year}年度人事業務績效考核項目「法定性別友善事項達成率」檢核表"


def survey_sheet(view: SurveyView, rollup: Rollup | None = None) -> Sheet:
    """The 檢核表 as the survey prints it: the agency line, the three roll-up lines, one line per
    item, the filler's lines; label cells merged over the first three columns as on paper."""
    total = completed = rate = ""
    if rollup is not None:
        a = rollup.achievement
        total, completed, rate = a.total, a.completed, f"{a.rate}"
    preamble = [
        [f"機關：{view.agency.name}（{view.agency.code}）", "", f"{format_roc(view.headcount_date)} 受僱總人數", view.headcount],
        ["調查項目", "", "", "填報內容"],
        ["主管機關及所屬機關總數（本欄僅提供主管機關填寫）", "", "", total],
        ["已完成機關數 （本欄僅提供主管機關填寫）", "", "", completed],
        ["達成率(%) （本欄僅提供主管機關填寫）", "", "", rate],
    ]
    filler = next((i.stored.answered_by for i in view.items if i.stored and i.stored.answered_by), None)
    closing = [["填表人", "", "", filler.name if filler else ""], ["聯絡電話", "", "", ""],
               ["聯絡 EMAIL", "", "", filler.email if filler else ""]]
    merges = [(0, 0, 1)] + [(i, 0, 2) for i in range(1, len(preamble) + len(closing))]
    rows = [[item.number, item.title, item.basis, item.effective or "（未填答）"] for item in view.items]
    return Sheet("檢核表", _title(view.year), _COLUMNS, rows, preamble=preamble, closing=closing, merges=merges)


def rollup_sheet(rollup: Rollup) -> Sheet:
    columns = [Column("機關代碼", 12), Column("機關名稱", 30), Column("受僱總人數", 11), Column("是否完成", 10),
               Column("未完成項目", 24, wrap=True)]
    rows = [[agency.code, agency.name, view.headcount, "已完成" if view.completed else "未完成",
             "、".join(str(n) for n in view.open_numbers)] for agency, view in rollup.rows]
    return Sheet("所屬機關", f"{rollup.year}年度所屬機關填報情形", columns, rows)


def survey_export(view: SurveyView, fmt: str, rollup: Rollup | None = None) -> bytes:
    sheets = [survey_sheet(view, rollup)]
    if rollup is not None:
        sheets.append(rollup_sheet(rollup))
    return spreadsheets.to_bytes(sheets, fmt)
