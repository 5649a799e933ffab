"""Dates as people in Taiwan write them: 民國 (ROC) years first, Gregorian accepted too.

Pure Python (no Django). The database stores Gregorian dates; everything a person types or
reads goes through here (DESIGN.md: "show and accept ROC dates").

ROC year = Gregorian year − 1911, so 民國1年 is 1912 and 民國115年 is 2026. How a string is
read:

- 1 to 3 digit year with `-`, `/` or `.` (`115-03-09`, `115/3/9`, `99.3.9`): ROC.
- 4 digit year with the same separators (`2026-03-09`, `2026/3/9`): Gregorian.
- 7 digits (`1150309`, `0990309`): ROC yyymmdd; 8 digits (`20260309`): Gregorian yyyymmdd.
- `民國115年3月9日`, `115年3月9日` (日 optional): ROC; `2026年3月9日` or `西元2026年3月9日`: Gregorian.

Full-width digits and punctuation (`１１５／３／９`) and surrounding spaces are accepted.
Anything else raises DateInputError, whose message (Chinese) names the accepted forms.

Every date a person or a program gives must lie in 1950–2100 (民國39年 to 民國189年;
`EARLIEST`, `LATEST`): attendance has nothing before or after, and a year 9999 overflowed
the computations that add a day to it. `check_in_range` is the one place that bound lives;
the parsers here, the forms (web/fields.py) and the API's parser (chaiqin/apiparser.py) call it.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

__all__ = [
    "DateInputError",
    "EARLIEST",
    "LATEST",
    "TAIPEI",
    "check_in_range",
    "WEEKDAYS_ZH",
    "parse_date",
    "parse_datetime",
    "parse_month",
    "format_roc",
    "format_roc_long",
    "format_roc_datetime",
    "roc_year",
    "school_year_of",
    "weekday_zh",
]

TAIPEI = ZoneInfo("Asia/Taipei")
ROC_OFFSET = 1911
WEEKDAYS_ZH = ("一", "二", "三", "四", "五", "六", "日")  # indexed by date.weekday()

ACCEPTED_DATES = "請以民國年 115-03-09、115/3/9、民國115年3月9日，或西元 2026-03-09 輸入"
ACCEPTED_TIMES = "時間請以 08:00 或 08時00分 輸入"
EARLIEST = date(1950, 1, 1)
LATEST = date(2100, 12, 31)
RANGE_TEXT = "請輸入民國39年（西元1950年）至民國189年（西元2100年）之間的日期"


class DateInputError(ValueError):
    """A date or time a person typed that cannot be read; `str()` is a Chinese message."""


_SEPARATED = re.compile(r"^(\d{1,4})([-/.])(\d{1,2})\2(\d{1,2})$")
_WRITTEN = re.compile(r"^(中華民國|民國|西元)?(\d{1,4})年(\d{1,2})月(\d{1,2})日?$")
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2})|時(?:(\d{1,2})分)?)$")
_DATETIME_SPLIT = re.compile(r"^(?P<date>.+?)(?:\s+|T)(?P<time>\d{1,2}(?::\d{2}|時(?:\d{1,2}分)?))$")
_DATETIME_GLUED = re.compile(r"^(?P<date>.+?日)(?P<time>\d{1,2}(?::\d{2}|時(?:\d{1,2}分)?))$")


def _normalize(text: str) -> str:
    # NFKC turns full-width digits and ／－．： into their ASCII forms; 年月日 are unchanged.
    return unicodedata.normalize("NFKC", text).strip()


def _refuse(text: str) -> DateInputError:
    return DateInputError(f"無法辨識的日期「{text}」：{ACCEPTED_DATES}。")


def check_in_range(d: date, text: str | None = None) -> date:
    """`d` itself when it lies in EARLIEST..LATEST (1950-01-01 to 2100-12-31); otherwise
    DateInputError naming what was typed (`text`, or the date) and the range."""
    day = d.date() if isinstance(d, datetime) else d
    if not EARLIEST <= day <= LATEST:
        shown = text if text is not None else day.isoformat()
        raise DateInputError(f"日期「{shown}」超出系統可處理的範圍：{RANGE_TEXT}。")
    return d


def _build(text: str, year: int, month: int, day: int, *, roc: bool) -> date:
    if roc and year < 1:
        raise DateInputError(f"日期「{text}」有誤：民國年須從1年起（民國1年即西元1912年）。")
    gregorian = year + ROC_OFFSET if roc else year
    if not 1 <= gregorian <= 9999:
        raise DateInputError(f"日期「{text}」有誤：年份超出範圍。")
    if not 1 <= month <= 12:
        raise DateInputError(f"日期「{text}」有誤：月份須為1至12，不是{month}。")
    try:
        built = date(gregorian, month, day)
    except ValueError:
        shown = f"民國{year}年" if roc else f"西元{year}年"
        raise DateInputError(f"日期「{text}」不存在：{shown}{month}月沒有{day}日。") from None
    return check_in_range(built, text)


def parse_date(text: str) -> date:
    """Read a date typed in any of the accepted forms (see the module docstring).

    Returns a Gregorian `date`. Raises DateInputError (a ValueError) for empty input, an
    unknown form, a date that does not exist (115-02-30, month 13, 民國0年), or one outside
    1950–2100 (check_in_range).
    """
    if text is None or not isinstance(text, str):
        raise DateInputError(f"請輸入日期：{ACCEPTED_DATES}。")
    original = text.strip()
    value = _normalize(text)
    if not value:
        raise DateInputError(f"請輸入日期：{ACCEPTED_DATES}。")
    compact = re.sub(r"\s+", "", value)  # 「115 年 3 月 9 日」 as typed on some phones

    if compact.isdigit():
        if len(compact) == 7:
            return _build(original, int(compact[:3]), int(compact[3:5]), int(compact[5:]), roc=True)
        if len(compact) == 8:
            return _build(original, int(compact[:4]), int(compact[4:6]), int(compact[6:]), roc=False)
        raise _refuse(original)

    if m := _SEPARATED.match(compact):
        year_text, _, month, day = m.groups()
        return _build(original, int(year_text), int(month), int(day), roc=len(year_text) < 4)

    if m := _WRITTEN.match(compact):
        era, year_text, month, day = m.groups()
        if era == "西元":
            roc = False
        elif era in ("民國", "中華民國"):
            roc = True
        else:
            roc = len(year_text) < 4
        if roc == (len(year_text) == 4):  # 民國2026年 or 西元115年: a slip, not a date to guess
            raise _refuse(original)
        return _build(original, int(year_text), int(month), int(day), roc=roc)

    raise _refuse(original)


def parse_month(text: str) -> date:
    """The first day of a month typed as `115-12` (民國, as the pages write it) or `2026-12`.

    A year below 1000 is ROC, any other Gregorian. DateInputError (Chinese) for
    anything else, a month outside 1–12, or a month outside EARLIEST..LATEST.
    """
    original = text
    parts = _normalize(text).split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise DateInputError(f"無法辨識的月份「{original}」：請寫成民國年-月（如 115-12）或西元年-月（如 2026-12）。")
    year, month = int(parts[0]), int(parts[1])
    if not 1 <= month <= 12:
        raise DateInputError(f"月份「{original}」有誤：月份須為1至12，不是{month}。")
    return check_in_range(date(year + ROC_OFFSET if year < 1000 else year, month, 1), original)


def _parse_time(text: str, whole: str) -> time:
    m = _TIME.match(text)
    if not m:
        raise DateInputError(f"無法辨識的時間「{whole}」：{ACCEPTED_TIMES}。")
    hour = int(m.group(1))
    minute = int(m.group(2) or m.group(3) or 0)
    if hour > 23 or minute > 59:
        raise DateInputError(f"時間「{whole}」不存在：時須為0至23，分須為0至59。")
    return time(hour, minute)


def parse_datetime(text: str) -> datetime:
    """Read a date followed by a time: `115-03-09 08:00`, `115/3/9 8:00`, `2026-03-09T08:00`,
    `民國115年3月9日8時00分`, `115年3月9日 08時`.

    Returns an aware datetime in Asia/Taipei (the time people mean when they type a time).
    Raises DateInputError when either part cannot be read or does not exist.
    """
    if text is None or not isinstance(text, str):
        raise DateInputError(f"請輸入日期與時間：{ACCEPTED_DATES}，{ACCEPTED_TIMES}。")
    original = text.strip()
    value = _normalize(text)
    if not value:
        raise DateInputError(f"請輸入日期與時間：{ACCEPTED_DATES}，{ACCEPTED_TIMES}。")
    m = _DATETIME_SPLIT.match(value) or _DATETIME_GLUED.match(re.sub(r"\s+", "", value))
    if not m:
        raise DateInputError(
            f"無法辨識的日期時間「{original}」：日期與時間之間請空一格，例如 115-03-09 08:00 或 民國115年3月9日8時00分。"
        )
    day = parse_date(m.group("date"))
    clock = _parse_time(re.sub(r"\s+", "", m.group("time")), original)
    return datetime.combine(day, clock, tzinfo=TAIPEI)


def roc_year(d: date) -> int:
    """The ROC (民國) year of a date: 2026 → 115. Years before 1912 give 0 or less."""
    return d.year - ROC_OFFSET


def school_year_of(d: date) -> int:
    """The school year (學年度, ROC numbering) a date falls in: 8/1 to 7/31.

    2026-03-09 → 114 (114學年度 runs 2025-08-01 to 2026-07-31); 2026-08-01 → 115.
    """
    return roc_year(d) if d.month >= 8 else roc_year(d) - 1


def weekday_zh(d: date) -> str:
    """The weekday as written in Chinese forms: 一 … 六, 日 (Monday … Sunday)."""
    return WEEKDAYS_ZH[d.weekday()]


def format_roc(d: date) -> str:
    """`115-03-09`: the ROC year (at least 3 digits) and zero-padded month and day.

    parse_date(format_roc(d)) == d for every date from 1912. Dates before 1912 (民國前) do
    not occur in attendance; they are written in Gregorian ISO form rather than guessed at.
    """
    if isinstance(d, datetime):
        d = d.astimezone(TAIPEI).date() if d.tzinfo else d.date()
    if d.year <= ROC_OFFSET:
        return d.isoformat()
    return f"{roc_year(d):03d}-{d.month:02d}-{d.day:02d}"


def format_roc_long(d: date) -> str:
    """`民國115年3月9日（一）`, as written on official forms (no zero padding, weekday last)."""
    if isinstance(d, datetime):
        d = d.astimezone(TAIPEI).date() if d.tzinfo else d.date()
    if d.year <= ROC_OFFSET:
        return f"西元{d.year}年{d.month}月{d.day}日（{weekday_zh(d)}）"
    return f"民國{roc_year(d)}年{d.month}月{d.day}日（{weekday_zh(d)}）"


def format_roc_datetime(dt: datetime) -> str:
    """`115-03-09 08:00` in Asia/Taipei (aware datetimes are converted; naive ones taken as is)."""
    if dt.tzinfo is not None:
        dt = dt.astimezone(TAIPEI)
    return f"{format_roc(dt.date())} {dt:%H:%M}"
