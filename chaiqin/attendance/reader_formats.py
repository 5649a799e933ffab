"""The file formats of the card readers offices own, chosen per reader (Device.file_format):

- `csv`: chaiqin's own, `考勤代號,日期時間` or `考勤代號,日期,時間` (a header line optional);
- `fixed`: fixed-width text, one punch a line with 卡號 日期 時間 機號 in columns (the export of
  most stand-alone readers), each field given as `start-end` character positions, counted from 1;
- `delimited`: a delimiter-separated export (`;`, tab, `|`, `,`) with a configurable column map
  (column numbers counted from 1) and a number of heading lines to skip.

A format turns the file's lines into (line number, key, moment text) records, or (line number,
None, message) for a line it cannot read. The key is the person's 考勤代號 or 卡號 as the reader
is set (Device.key_field). Dates may be Gregorian (20260309, 2026/03/09) or ROC (1150309, 115/03/09).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from chaiqin.errors import ChaiqinError

CSV, FIXED, DELIMITED = "csv", "fixed", "delimited"
FORMATS = {CSV: "CSV（考勤代號,日期時間）", FIXED: "定長文字（卡號 日期 時間 機號 固定欄位）",
           DELIMITED: "分隔字元檔（自訂欄位對應）"}
EMPLOYEE_NO, CARD_NO = "employee_no", "card_no"
KEYS = {EMPLOYEE_NO: "考勤代號", CARD_NO: "卡號"}
HEADER_WORDS = {"考勤代號", "員工編號", "卡號", "employee_no", "工號"}
FIELDS = {"key": "卡號／考勤代號", "date": "日期", "time": "時間", "reader": "機號"}
DELIMITERS = {";": "分號 ;", "\t": "定位字元（Tab）", "|": "直線 |", ",": "逗號 ,"}
# A common stand-alone reader's line: `0001234567 20260309 075812 01`.
DEFAULT_FIXED = {"key": "1-10", "date": "12-19", "time": "21-26", "reader": "28-29"}
DEFAULT_DELIMITED = {"delimiter": ";", "skip_lines": 1, "key": "1", "date": "2", "time": "3", "reader": "4"}

Record = tuple[int, str | None, str]


@dataclass(frozen=True)
class ReaderFormat:
    kind: str = CSV
    key_field: str = EMPLOYEE_NO
    layout: dict = field(default_factory=dict)

    @property
    def key_label(self) -> str:
        return KEYS[self.key_field]

    def records(self, lines: Iterable[str]) -> Iterator[Record]:
        if self.kind == FIXED:
            return _fixed_records(lines, self.layout)
        if self.kind == DELIMITED:
            return _delimited_records(lines, self.layout)
        return _csv_records(lines)


def join_moment(day: str, at: str) -> str:
    """One text for the date and time columns, in a form chaiqin.dates or the import's fast path reads:
    `20260309` + `0758` → `202603090758`; ROC `1150309` → `20260309…`; `2026/03/09` + `07:58` kept apart."""
    day, at = day.strip(), at.strip()
    if day.isdigit() and len(day) == 7:  # ROC yyyMMdd
        day = f"{int(day[:3]) + 1911}{day[3:]}"
    digits = at.replace(":", "")
    if day.isdigit() and len(day) == 8 and digits.isdigit() and len(digits) in (4, 6):
        return day + digits
    return f"{day} {at}".strip()


# --- chaiqin's CSV ------------------------------------------------------------------------

def _csv_rows(lines: Iterable[str]) -> Iterator[list[str] | None]:
    """csv.reader over `lines`, yielding None for a line csv cannot read (a stray carriage
    return, an over-long field) so that one bad line is reported instead of stopping the import."""
    reader = csv.reader(lines)
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield None


def _csv_records(lines: Iterable[str]) -> Iterator[Record]:
    for line_no, fields in enumerate(_csv_rows(lines), start=1):
        if fields is None:
            yield line_no, None, f"第{line_no}列：無法讀取（含不當的換行字元或欄位過長），已略過。"
            continue
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue
        if line_no == 1 and fields[0].strip().lstrip("\ufeff") in HEADER_WORDS:
            continue
        if len(fields) == 2:
            yield line_no, fields[0], fields[1]
        elif len(fields) == 3:
            yield line_no, fields[0], f"{fields[1].strip()} {fields[2].strip()}"
        else:
            yield line_no, None, (f"第{line_no}列：欄位數為{len(fields)}，應為「考勤代號,日期時間」"
                                  "或「考勤代號,日期,時間」。")


# --- fixed-width text -----------------------------------------------------------------------

_SPAN = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")


def _span(text: str, name: str) -> slice:
    match = _SPAN.match(str(text or ""))
    if not match or not 1 <= int(match.group(1)) <= int(match.group(2)) <= 500:
        raise ChaiqinError(f"定長格式的「{FIELDS[name]}」位置應為「起-迄」字元位置（由 1 起算，例：1-10），"
                           f"而非「{text}」。", field=name)
    return slice(int(match.group(1)) - 1, int(match.group(2)))


def _fixed_records(lines: Iterable[str], layout: dict) -> Iterator[Record]:
    key, day, at = (_span(layout.get(name), name) for name in ("key", "date", "time"))
    need = max(day.stop, at.stop)
    skip = int(layout.get("skip_lines") or 0)
    for line_no, line in enumerate(lines, start=1):
        text = line.rstrip("\r\n")
        if line_no == 1:
            text = text.lstrip("\ufeff")
        if line_no <= skip or not text.strip():
            continue
        if len(text) < need or not text[key].strip():
            yield line_no, None, (f"第{line_no}列：長度為{len(text)}字元，不符定長格式"
                                  f"（卡號在第{key.start + 1}-{key.stop}字元，日期與時間至第{need}字元）。")
            continue
        yield line_no, text[key].strip(), join_moment(text[day], text[at])


# --- delimiter-separated, with a column map -----------------------------------------------------

def _column(text, name: str, *, required: bool = True) -> int | None:
    text = str(text if text is not None else "").strip()
    if not text and not required:
        return None
    if not text.isdigit() or not 1 <= int(text) <= 200:
        raise ChaiqinError(f"分隔字元檔的「{FIELDS[name]}」應為欄位序號（由 1 起算），而非「{text}」。", field=name)
    return int(text) - 1


def _delimited_records(lines: Iterable[str], layout: dict) -> Iterator[Record]:
    delimiter = layout.get("delimiter") or ";"
    if delimiter not in DELIMITERS:
        raise ChaiqinError("分隔字元須為分號、定位字元、直線或逗號。", field="delimiter")
    key, day = _column(layout.get("key"), "key"), _column(layout.get("date"), "date")
    at = _column(layout.get("time"), "time", required=False)  # None: the date column holds the time too
    skip = int(layout.get("skip_lines") or 0)
    need = max(c for c in (key, day, at) if c is not None) + 1
    reader = csv.reader(lines, delimiter=delimiter)
    line_no = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error:
            fields = None
        line_no = reader.line_num
        if line_no <= skip:
            continue
        if fields is None:
            yield line_no, None, f"第{line_no}列：無法讀取（含不當的換行字元或欄位過長），已略過。"
            continue
        if not fields or all(not f.strip() for f in fields):
            continue
        if len(fields) < need:
            yield line_no, None, f"第{line_no}列：只有{len(fields)}個欄位，欄位對應需要至少{need}個。"
            continue
        moment = fields[day] if at is None else join_moment(fields[day], fields[at])
        yield line_no, fields[key].lstrip("\ufeff").strip(), moment


def check_layout(kind: str, key_field: str, layout: dict) -> dict:
    """The layout of a reader, checked and normalised; raises ChaiqinError naming the field."""
    if kind not in FORMATS:
        raise ChaiqinError("未知的刷卡檔格式。", field="file_format")
    if key_field not in KEYS:
        raise ChaiqinError("對應人員的欄位須為考勤代號或卡號。", field="key_field")
    if kind == CSV:
        return {}
    skip = str(layout.get("skip_lines") or "0").strip()
    if not skip.isdigit() or int(skip) > 20:
        raise ChaiqinError("略過的標題列數應為 0 至 20。", field="skip_lines")
    out = {"skip_lines": int(skip)}
    if kind == FIXED:
        for name in ("key", "date", "time"):
            _span(layout.get(name), name)
            out[name] = str(layout[name]).replace(" ", "")
        if layout.get("reader"):
            _span(layout["reader"], "reader")
            out["reader"] = str(layout["reader"]).replace(" ", "")
        return out
    delimiter = layout.get("delimiter") or ";"
    if delimiter not in DELIMITERS:
        raise ChaiqinError("分隔字元須為分號、定位字元、直線或逗號。", field="delimiter")
    out["delimiter"] = delimiter
    for name, required in (("key", True), ("date", True), ("time", False), ("reader", False)):
        column = _column(layout.get(name), name, required=required)
        if column is not None:
            out[name] = str(column + 1)
    return out
