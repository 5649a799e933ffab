"""Staff import from a personnel system's spreadsheet export (WebHR and the like): reading and checking.

A file is CSV (UTF-8, with or without BOM, or Big5 as Excel on a Taiwanese Windows saves it) or
XLSX. Its first row names the columns; `COLUMNS` is the one table of the columns this system
reads (the order in the file does not matter, further columns are ignored and listed). To read a
new column, add a `Column` with the Person field it sets: the import writes it with no other change.

Everything here is pure apart from the lookups the caller passes in (`Lookups`): the service in
`org/services.py` fetches them in a few queries, calls `check_rows`, and writes only when no row
is bad. Refusals are Chinese, name the row (as the spreadsheet numbers it: the header is row 1)
and the rule.

Limits (documented on the import page): at most `MAX_ROWS` data rows and `MAX_BYTES` per file; a
larger export is split by unit and imported in parts.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from openpyxl import load_workbook

from chaiqin.dates import DateInputError, format_roc, parse_date

from .cards import card_no_refusal, card_taken_text

MAX_ROWS = 10_000
MAX_BYTES = 10 * 1024 * 1024
EARLIEST_HIRE = date(1950, 1, 1)
# A cell starting with one of these is a formula to a spreadsheet (CSV/formula injection, OWASP):
# opened later by the personnel office it could run =HYPERLINK(…) or worse. Refused, never stripped.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
USERNAME = re.compile(r"^[A-Za-z0-9@.+_-]{1,150}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

GENDERS = {"男": "M", "女": "F"}
# 職務類型 as the personnel system writes it -> Person.Post value (labels of org.models.Person.Post).
POSTS = {
    "行政人員": "admin", "約聘僱人員": "contract", "專任教師": "teacher", "兼行政教師": "teacher_admin",
    "職工": "worker", "技工": "technician", "工友": "janitor", "駕駛": "driver", "約用人員": "contract_labor",
}


class CellError(ValueError):
    """A cell that cannot be read; `str()` is the Chinese reason (without the row)."""


def _text(limit: int) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if len(value) > limit:
            raise CellError(f"長度不可超過{limit}字")
        return value
    return parse


def _choice(table: dict[str, str]) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value not in table:
            raise CellError(f"「{value}」不是可用的值，請填：{'、'.join(table)}")
        return table[value]
    return parse


def _hire_date(value: str) -> date:
    try:
        return parse_date(value)
    except DateInputError as exc:
        raise CellError(str(exc).rstrip("。")) from None


def _email(value: str) -> str:
    if len(value) > 254 or not EMAIL.match(value):
        raise CellError(f"「{value}」不是有效的電子郵件地址")
    return value


def _card_no(value: str) -> str:
    refusal = card_no_refusal(value)
    if refusal:
        raise CellError(refusal)
    return value


def _username(value: str) -> str:
    if not USERNAME.match(value):
        raise CellError(f"「{value}」不可作為帳號：只能用英文字母、數字及 @ . + - _，至多150字")
    return value


@dataclass(frozen=True)
class Column:
    """One column of the import file.

    `key` names the value in a checked row; `field` is the Person field it sets directly (None for
    the columns the service resolves itself: 單位, 直屬主管, 帳號). `example` fills the template.
    """

    header: str
    key: str
    required: bool
    parse: Callable[[str], object]
    example: str
    help: str
    field: str | None = None


COLUMNS: list[Column] = [
    Column("員工編號", "employee_no", True, _text(20), "A0001", "本機關內唯一；再次匯入時以此更新同一人", "employee_no"),
    Column("姓名", "name", True, _text(40), "王小明", "", "name"),
    Column("性別", "gender", True, _choice(GENDERS), "男", "男或女", "gender"),
    Column("職務類型", "post", True, _choice(POSTS), "行政人員", "、".join(POSTS), "post"),
    Column("職稱", "title", False, _text(40), "科員", "", "title"),
    Column("單位", "unit", True, _text(60), "人事室", "本機關已設定的單位名稱"),
    Column("到職日期", "hire_date", True, _hire_date, "115-08-01", "民國年（115-08-01），亦可用西元年",
           "hire_date"),
    Column("直屬主管", "supervisor", False, _text(20), "", "直屬主管的員工編號（同一機關）"),
    Column("電子郵件", "email", False, _email, "a0001@example.gov.tw", "", "email"),
    Column("帳號", "username", False, _username, "a0001", "登入帳號；空白則不建立登入帳號"),
    Column("卡號", "card_no", False, _card_no, "0000012345",
           "刷卡機讀到的卡號，開頭的 0 照填（Excel 請將此欄設為文字）；同一機關內一卡一人；空白為無卡", "card_no"),
]


# Columns the XLSX template formats as text (numbers whose leading zeros matter).
TEXT_KEYS = ("employee_no", "card_no")


@dataclass(frozen=True)
class RowError:
    row: int  # spreadsheet row number; 0 for the file as a whole
    message: str


@dataclass
class CheckedRow:
    row: int
    values: dict[str, object]


@dataclass(frozen=True)
class Lookups:
    """What the check needs from the database, fetched by the caller.

    `units`: unit name -> id in the agency; `people`: employee_no -> (person id, unit id, username
    or "") of the agency's people; `supervisors`: employee_no -> supervisor's employee_no (or "")
    as stored; `heads`: person id -> names of the units they head; `usernames`: lower-cased
    username -> the employee_no of its person in this agency ("" when the account belongs to
    someone else or to no one); `cards`: card number -> (employee_no, name) of the agency's
    person who holds it.
    """

    units: dict[str, int]
    people: dict[str, tuple[int, int, str]]
    supervisors: dict[str, str]
    heads: dict[int, list[str]]
    usernames: dict[str, str]
    today: date
    cards: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass
class Table:
    """The rows of a file as text, with the header row's problems (if any) already found."""

    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    formulas: list[RowError] = field(default_factory=list)


class FileRefused(ValueError):
    """The file as a whole cannot be imported (encoding, size, format, header); `str()` is Chinese."""


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise FileRefused("檔案是 UTF-16 等其他編碼，無法讀取：請在 Excel 另存為「CSV UTF-8」或 Big5 的 CSV，或直接上傳 XLSX。")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # cp950 is Big5 as Windows writes it (with the Microsoft extensions Excel uses).
        return data.decode("cp950")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileRefused(f"檔案編碼無法辨識（第{line}列起既非 UTF-8 也非 Big5）：請另存為 UTF-8 或 Big5 的 CSV，"
                          "或直接上傳 XLSX。") from None


def _too_many(count: int) -> FileRefused:
    return FileRefused(f"檔案超過每次匯入 {MAX_ROWS:,} 列的上限（至少 {count:,} 列）：請依單位分批匯入。")


def _rows_of_csv(data: bytes) -> Iterable[tuple[int, list[str], list[bool]]]:
    reader = csv.reader(io.StringIO(_decode(data), newline=""))
    for number, record in enumerate(reader, start=1):
        yield number, [c.strip() for c in record], [c.startswith(FORMULA_STARTS) for c in record]


def _rows_of_xlsx(data: bytes) -> Iterable[tuple[int, list[str], list[bool]]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise FileRefused("XLSX 檔案損壞或不是 Excel 活頁簿，無法讀取：請重新匯出後再上傳。") from None
    sheet = book.worksheets[0]
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        texts = [_cell_text(c.value) for c in cells]
        formulas = [getattr(c, "data_type", "") == "f" or (isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS))
                    for c in cells]
        yield number, texts, formulas
    book.close()


def read_table(data: bytes, filename: str = "") -> Table:
    """The header and non-blank rows of an uploaded file (CSV UTF-8/Big5 or XLSX, told apart by content).

    Raises FileRefused (Chinese) for an empty or oversized file, an unreadable encoding, a damaged
    XLSX, more than MAX_ROWS data rows, or a header row without the required columns. Cells that
    look like formulas are listed in `formulas`, one error per cell.
    """
    if not data:
        raise FileRefused("檔案是空的，請重新選擇。")
    if len(data) > MAX_BYTES:
        raise FileRefused(f"檔案超過 {MAX_BYTES // (1024 * 1024)} MB 上限：請依單位分批匯入。")
    if data.startswith(b"PK\x03\x04"):
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise FileRefused("XLSX 檔案損壞或不是 Excel 活頁簿，無法讀取：請重新匯出後再上傳。")
        records = _rows_of_xlsx(data)
    elif filename.lower().endswith((".xlsx", ".xls")) or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileRefused("檔案不是 XLSX（舊版 .xls 無法讀取）：請在 Excel 另存為 .xlsx 或 CSV 後再上傳。")
    else:
        records = _rows_of_csv(data)
    table: Table | None = None
    for number, texts, formulas in records:
        if table is None:
            if not any(texts):
                continue
            table = Table(header=texts)
            _check_header(texts)
            continue
        if not any(texts):
            continue
        if len(table.rows) >= MAX_ROWS:
            raise _too_many(len(table.rows) + 1)
        for index, is_formula in enumerate(formulas):
            if is_formula:
                name = table.header[index] if index < len(table.header) else f"第{index + 1}欄"
                table.formulas.append(RowError(number, f"第{number}列「{name}」欄「{texts[index][:30]}」以 "
                                               f"{texts[index][:1]} 開頭，是試算表公式：為防公式注入不予匯入，請改為純文字。"))
        table.rows.append((number, texts))
    if table is None:
        raise FileRefused("檔案沒有任何資料：第1列應為欄位名稱（" + "、".join(c.header for c in COLUMNS) + "）。")
    return table


def _check_header(header: list[str]) -> None:
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise FileRefused(f"第1列欄位名稱「{name}」重複出現，請只保留一欄。")
        seen.add(name)
    missing = [c.header for c in COLUMNS if c.required and c.header not in seen]
    if missing:
        raise FileRefused(f"第1列缺少必要欄位：{'、'.join(missing)}。第1列應為欄位名稱（"
                          + "、".join(c.header for c in COLUMNS) + "）；若欄名是亂碼，請確認檔案為 UTF-8 或 Big5。")


def column_texts(table: Table, key: str) -> set[str]:
    """The non-empty texts of the column `key` (e.g. "username") in every row, as typed."""
    header = next(c.header for c in COLUMNS if c.key == key)
    if header not in table.header:
        return set()
    at = table.header.index(header)
    return {texts[at] for _, texts in table.rows if at < len(texts) and texts[at]}


def ignored_headers(header: list[str]) -> list[str]:
    """Headers of the file this system does not read (shown, so a misspelt column is noticed)."""
    known = {c.header for c in COLUMNS}
    return [h for h in header if h and h not in known]


def _parse_row(number: int, header: list[str], texts: list[str], errors: list[RowError]) -> CheckedRow:
    by_header = {h: (texts[i] if i < len(texts) else "") for i, h in enumerate(header)}
    values: dict[str, object] = {}
    for column in COLUMNS:
        if column.header not in by_header:  # an optional column the file does not have: left as stored
            values[column.key] = None
            continue
        raw = by_header[column.header]
        if not raw:
            if column.required:
                errors.append(RowError(number, f"第{number}列「{column.header}」欄不可空白。"))
            values[column.key] = ""
            continue
        try:
            values[column.key] = column.parse(raw)
        except CellError as exc:
            errors.append(RowError(number, f"第{number}列「{column.header}」欄：{exc}。"))
            values[column.key] = None
    return CheckedRow(number, values)


def check_rows(table: Table, lookups: Lookups) -> tuple[list[CheckedRow], list[RowError]]:
    """Every row of `table` parsed and checked against the agency (`lookups`); all errors, in row order.

    Besides each cell: the same 員工編號 or 帳號 twice in the file, a unit the agency does not have,
    a supervisor who is not of this agency (nor in the file), oneself as supervisor, a supervisor
    chain that loops, a hire date in the future or before 1950, a 帳號 that belongs to someone else,
    a change of an existing person's 帳號, moving a unit head out of the unit they head, and a
    卡號 twice in the file or held by another person of the agency whom the file does not give
    another card.
    """
    errors: list[RowError] = list(table.formulas)
    rows = [_parse_row(number, table.header, texts, errors) for number, texts in table.rows]
    first_row: dict[str, int] = {}
    first_user: dict[str, int] = {}
    for r in rows:
        v = r.values
        no = v["employee_no"]
        if no:
            if no in first_row:
                errors.append(RowError(r.row, f"第{r.row}列員工編號「{no}」與第{first_row[no]}列重複：同一人只能有一列。"))
            else:
                first_row[no] = r.row
        _check_hire(r, lookups.today, errors)
        unit = v["unit"]
        if unit and unit not in lookups.units:
            errors.append(RowError(r.row, f"第{r.row}列單位「{unit}」不是本機關的單位：請先於人事管理建立單位，或更正名稱。"))
        username = v["username"]
        if username:
            key = username.lower()
            if key in first_user:
                errors.append(RowError(r.row, f"第{r.row}列帳號「{username}」與第{first_user[key]}列重複：帳號不可共用。"))
            else:
                first_user[key] = r.row
            owner = lookups.usernames.get(key)
            if owner is not None and owner != no:
                errors.append(RowError(r.row, f"第{r.row}列帳號「{username}」已由其他人使用，請改用其他帳號。"))
        existing = lookups.people.get(no) if no else None
        if existing:
            person_id, unit_id, current_user = existing
            if username and current_user and current_user.lower() != username.lower():
                errors.append(RowError(r.row, f"第{r.row}列員工編號「{no}」已有登入帳號「{current_user}」，匯入不變更帳號："
                                       "請留空或填原帳號。"))
            if unit in lookups.units and lookups.units[unit] != unit_id and lookups.heads.get(person_id):
                headed = "、".join(lookups.heads[person_id])
                errors.append(RowError(r.row, f"第{r.row}列「{v['name']}」是「{headed}」的單位主管，不能移到「{unit}」："
                                       "請先更換該單位的主管。"))
    _check_supervisors(rows, first_row, lookups, errors)
    _check_cards(rows, first_row, lookups, errors)
    errors.sort(key=lambda e: e.row)
    return rows, errors


def _check_hire(r: CheckedRow, today: date, errors: list[RowError]) -> None:
    hired = r.values["hire_date"]
    if not isinstance(hired, date):
        return
    if hired > today:
        errors.append(RowError(r.row, f"第{r.row}列到職日期 {format_roc(hired)} 晚於今天（{format_roc(today)}）："
                               "尚未到職者請於到職後再匯入。"))
    elif hired < EARLIEST_HIRE:
        errors.append(RowError(r.row, f"第{r.row}列到職日期 {format_roc(hired)} 早於民國39年（1950年），應是誤植，請更正。"))


def _check_cards(rows: list[CheckedRow], in_file: dict[str, int], lookups: Lookups, errors: list[RowError]) -> None:
    """One card, one person, after the import: the file's cards over the stored ones. A stored holder
    who has a row of the file takes that row's card, so two people may swap cards in one file."""
    first: dict[str, CheckedRow] = {}
    for r in rows:
        card, no = r.values.get("card_no"), r.values["employee_no"]
        if not card:
            continue
        if card in first:
            other = first[card]
            errors.append(RowError(r.row, f"第{r.row}列卡號「{card}」與第{other.row}列（{other.values['name']}，員工編號 "
                                   f"{other.values['employee_no']}）重複：同一張卡不可對應兩人。"))
            continue
        first[card] = r
        holder_no, holder_name = lookups.cards.get(card, ("", ""))
        if holder_no and holder_no != no and holder_no not in in_file:
            errors.append(RowError(r.row, f"第{r.row}列{card_taken_text(card, holder_name, holder_no)}：請更正，"
                                   "或在同一檔案中一併更正該人員的卡號。"))


def _check_supervisors(rows: list[CheckedRow], in_file: dict[str, int], lookups: Lookups,
                       errors: list[RowError]) -> None:
    # The chain after the import: the file's rows over what is stored.
    chain = dict(lookups.supervisors)
    for r in rows:
        no, boss = r.values["employee_no"], r.values["supervisor"]
        if not no or boss is None:
            continue
        if boss == no:
            errors.append(RowError(r.row, f"第{r.row}列不可將自己設為直屬主管。"))
            continue
        if boss and boss not in in_file and boss not in lookups.people:
            errors.append(RowError(r.row, f"第{r.row}列直屬主管「{boss}」在本機關查無此員工編號：直屬主管必須是同一機關的人員。"))
            continue
        chain[no] = boss
    for r in rows:
        no = r.values["employee_no"]
        seen, boss = {no}, chain.get(no, "")
        while boss:
            if boss in seen:
                errors.append(RowError(r.row, f"第{r.row}列的直屬主管關係形成循環（{no} → … → {boss}），請更正。"))
                break
            seen.add(boss)
            boss = chain.get(boss, "")


def template_rows() -> tuple[list[str], list[str]]:
    """The header row and one example row for the downloadable template."""
    return [c.header for c in COLUMNS], [c.example for c in COLUMNS]
