"""Reading the DGPA yearly office calendar CSV (政府行政機關辦公日曆表). Pure, no database.

The file, as published on data.gov.tw by 行政院人事行政總處:

    西元日期,星期,是否放假,備註
    20260101,四,2,開國紀念日
    20260102,五,0,
    20260103,六,2,

one row a day; 是否放假 is 0 (workday) or 2 (day off); 備註 is the holiday's name, 補行上班,
補假 or 調整放假. UTF-8 with a BOM in recent years, Big5 (cp950) in older ones.

parse_dgpa_csv() checks every row and returns all the errors at once, with row numbers as a
spreadsheet shows them (the header is row 1), so the personnel office can fix the file in
one pass. Each line is read on its own: a quote left open, a stray carriage return or a field
of any length is that row's error, never a traceback and never a reason to swallow the rows
after it (the file has no multi-line fields). Dates must lie in 1950–2100 (chaiqin.dates).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date

from chaiqin.dates import WEEKDAYS_ZH, DateInputError, check_in_range, format_roc

__all__ = ["DGPA_HEADER", "DgpaRow", "RowError", "ParsedCalendar", "decode_dgpa_bytes", "parse_dgpa_csv", "classify"]

DGPA_HEADER = ["西元日期", "星期", "是否放假", "備註"]
WORKDAY_FLAG = "0"
DAY_OFF_FLAG = "2"
LINE_MAX_CHARS = 1000  # a real row is about 20 characters; a longer one is not a calendar row


@dataclass(frozen=True)
class DgpaRow:
    row: int
    date: date
    is_day_off: bool
    note: str


@dataclass(frozen=True)
class RowError:
    row: int
    message: str

    def __str__(self) -> str:
        return f"第{self.row}列：{self.message}" if self.row else self.message


@dataclass
class ParsedCalendar:
    encoding: str = ""
    rows: list[DgpaRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def decode_dgpa_bytes(data: bytes) -> tuple[str, str]:
    """Decode the file: UTF-8 (with or without BOM) if it is valid UTF-8, else Big5 (cp950).

    Returns (text, encoding name). Raises UnicodeDecodeError if it is neither.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # cp950 is Big5 as Windows writes it (what Excel saves); it is a superset of plain Big5.
    return data.decode("cp950"), "big5"


def classify(day: date, is_day_off: bool, note: str) -> str:
    """The CalendarDay kind of a DGPA row, from its flag, its note and the weekday."""
    if not is_day_off:
        return "makeup_workday" if ("補行上班" in note or day.weekday() >= 5) else "workday"
    if "調整放假" in note:
        return "bridge"
    if "補假" in note:
        return "substitute"
    if not note and day.weekday() >= 5:
        return "weekend"
    return "holiday"


def parse_dgpa_csv(data: bytes) -> ParsedCalendar:
    """Parse and check a DGPA calendar file. Never raises for bad content: see `.errors`."""
    result = ParsedCalendar()
    try:
        text, result.encoding = decode_dgpa_bytes(data)
    except UnicodeDecodeError:
        result.errors.append(RowError(0, "無法辨識檔案的編碼：請存成 UTF-8 或 Big5 的 CSV 檔。"))
        return result

    lines = _rows(text, result.errors)
    if not lines or not any(cell.strip() for cell in lines[0][1]):
        result.errors.append(RowError(0, "檔案是空的：第1列應為標題列「西元日期,星期,是否放假,備註」。"))
        return result
    if lines[0][0] != 1:
        return result  # the first line itself could not be read: its error is listed
    header = [cell.strip() for cell in lines[0][1]]
    while header and header[-1] == "":
        header.pop()
    if header != DGPA_HEADER:
        result.errors.append(RowError(1, f"標題列應為「{','.join(DGPA_HEADER)}」，檔案中是「{','.join(header)}」。"))
        return result

    seen: dict[date, int] = {}
    for number, cells in lines[1:]:
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue  # blank lines at the end of hand-edited files
        while len(cells) > 4 and cells[-1] == "":
            cells.pop()
        if len(cells) == 3:
            cells.append("")  # a missing trailing empty 備註
        if len(cells) != 4:
            result.errors.append(RowError(number, f"應有4欄（西元日期,星期,是否放假,備註），這列有{len(cells)}欄。"))
            continue
        raw_date, weekday, flag, note = cells
        problems = []
        day = None
        if len(raw_date) != 8 or not raw_date.isdigit():
            problems.append(f"日期「{raw_date}」應為西元年月日8碼，如 20260309。")
        else:
            try:
                day = check_in_range(date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:])), raw_date)
            except DateInputError as exc:
                problems.append(str(exc))
            except ValueError:
                problems.append(f"日期「{raw_date}」不存在。")
        if day is not None:
            expected = WEEKDAYS_ZH[day.weekday()]
            if weekday not in (expected, f"星期{expected}", f"週{expected}"):
                problems.append(f"星期「{weekday}」與日期 {format_roc(day)}（星期{expected}）不符。")
            if day in seen:
                problems.append(f"日期 {format_roc(day)} 與第{seen[day]}列重複。")
            else:
                seen[day] = number
        if flag not in (WORKDAY_FLAG, DAY_OFF_FLAG):
            problems.append(f"是否放假應為 0（上班）或 2（放假），這列是「{flag}」。")
        if problems:
            result.errors.extend(RowError(number, p) for p in problems)
            continue
        result.rows.append(DgpaRow(number, day, flag == DAY_OFF_FLAG, note))

    if not result.rows and not result.errors:
        result.errors.append(RowError(0, "檔案只有標題列，沒有任何日期。"))
    result.errors.sort(key=lambda e: e.row)  # the lines that could not be read among the others
    return result


def _rows(text: str, errors: list[RowError]) -> list[tuple[int, list[str]]]:
    """(row number, cells) of every line that reads as CSV; the others become `errors`."""
    text = text.replace("\r\n", "\n")
    if "\n" not in text and "\r" in text:
        text = text.replace("\r", "\n")  # lines ended by CR alone (old Mac files)
    rows = []
    for number, line in enumerate(text.split("\n"), start=1):
        if "\r" in line:
            errors.append(RowError(number, "這列中間有多餘的換行符號（CR）：請刪除後再匯入。"))
            continue
        if len(line) > LINE_MAX_CHARS:
            errors.append(RowError(number, f"這列長達{len(line):,}個字元，不是辦公日曆的資料列（每列約20個字元）。"))
            continue
        try:
            cells = next(csv.reader([line], strict=True), [])
        except csv.Error:
            errors.append(RowError(number, "這列的引號（\"）沒有成對：請檢查備註欄。"))
            continue
        rows.append((number, cells))
    return rows
