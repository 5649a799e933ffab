"""Shared pieces of the hours rules: the Shift and Violation shapes, the caps read from
rules/data/hours.toml, and the Chinese wording of violations.

Both the vectorised `hours.check_hours` and the plain per-shift `hours_loop.check_hours_loop`
use these, so the two can only disagree about the counting, never about the law's numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from typing import Any, Hashable, NamedTuple
from zoneinfo import ZoneInfo

from chaiqin.dates import format_roc

from ._tables import in_force, load_table, rows_in_force
from .errors import RuleInputError
from .regimes import LABOR, check_regime

TAIPEI = ZoneInfo("Asia/Taipei")

KINDS = ("regular", "overtime")
DAY_KINDS = ("workday", "rest_day", "regular_day_off", "holiday")
SCHEDULES = ("weekly", "four_week")

#: Violation codes in the order they are reported for one person and day.
CODES = (
    "daily_over_12h",
    "daily_over_14h",
    "long_days_over_3_consecutive",
    "monthly_ot_over_cap",
    "quarterly_ot_over_cap",
    "rest_under_11h",
    "seven_day_rule",
    "night_work_protected",
)
CODE_ORDER = {code: i for i, code in enumerate(CODES)}

#: A single shift may not be longer than a day: longer records are input errors (a forgotten
#: sign-out), not 25-hour working days.
MAX_SHIFT_SECONDS = 24 * 3600
#: Holiday work up to 8 hours is paid double and does not count toward the LSA monthly cap
#: (勞基法§39, Ministry practice); only the hours beyond count.
HOLIDAY_FREE_SECONDS = 8 * 3600


class Shift(NamedTuple):
    """One stretch of work of one person (公務員服勤實施辦法, 勞動基準法第30條起).

    `start`/`end` are datetimes (naive = Asia/Taipei); `kind` is "regular" or "overtime";
    `break_minutes` the unpaid breaks inside it; `day_kind` "workday", "rest_day" (休息日),
    "regular_day_off" (例假) or "holiday" (國定假日/休假日); `protected` marks a pregnant or
    nursing woman (勞動基準法第49條第5項).
    """

    person: Hashable
    start: datetime
    end: datetime
    kind: str
    break_minutes: int = 0
    day_kind: str = "workday"
    protected: bool = False


class Violation(NamedTuple):
    """A rule broken: who, which rule (`code`), the first day it is broken, why, and the law."""

    person: Hashable
    code: str
    day: date
    detail: str
    citation: str


@dataclass(frozen=True)
class Caps:
    """The hour caps of one regime and mode on one date, in hours as the law states them.

    `None` means the mode has no such cap (e.g. no quarterly cap in the civil normal mode).
    """

    daily_max_hours: float
    monthly_overtime_hours: float
    quarterly_overtime_hours: float | None = None
    long_day_hours: float | None = None
    long_day_max_consecutive: int | None = None
    citation: str = ""
    mode: str = "normal"


@dataclass(frozen=True)
class Settings:
    """Everything besides the caps that check_hours needs for one month."""

    caps: Caps
    min_rest_seconds: int | None
    rest_citation: str
    night: tuple[int, int] | None  # (start, end) second of day, wraps midnight
    night_citation: str
    days_off: dict[str, Any] | None
    regular_day_off_citation: str | None


def hours_regime(regime: str) -> str:
    """The regime whose hours rules apply: teachers use the civil caps (seed 002, 公務員服務法§12)."""
    check_regime(regime)
    return load_table("hours")["regime_alias"].get(regime, regime)


def _mode(regime: str, exception: bool, agreement: bool) -> str:
    base = hours_regime(regime)
    if exception and agreement:
        raise RuleInputError("exception（公務例外）與 agreement（勞資協議）不可同時使用。")
    if exception:
        if base == LABOR:
            raise RuleInputError(
                "勞基法適用人員沒有公務人員的例外上限（exception）；勞資協議請用 agreement=True，"
                "天災事變依勞動基準法第32條第4項另行處理。"
            )
        return "exception"
    if agreement:
        if base != LABOR:
            raise RuleInputError("agreement（勞資協議延長工時）只適用勞基法人員（勞動基準法第32條第2項）。")
        return "agreement"
    return "normal"


@cache
def hours_caps(
    regime: str, on: date, *, exception: bool = False, agreement: bool = False, agency: str | None = None
) -> Caps:
    """The hour caps of `regime` in force on `on` (公務員服務法第12條, 勞動基準法第32條).

    Teachers use the civil caps. `exception=True` gives the civil exceptional caps (14 h a
    day, 80 h a month, 240 h a quarter, at most 3 days of 14 h in a row); `agreement=True`
    the LSA agreed caps (54 h a month, 138 h in 3 months). `agency` applies that agency's
    overrides from hours.toml (e.g. "presidential_office": 70 h exceptional monthly cap).
    Raises RuleInputError for an unknown regime or agency, or a date before the rule existed.
    """
    mode = _mode(regime, exception, agreement)
    base = hours_regime(regime)
    table = load_table("hours")
    rows = [r for r in table["caps"] if r["regime"] == base and r["mode"] == mode]
    row = dict(rows_in_force(rows, on, what=f"工時上限（{base}，{mode}）")[0])
    if agency is not None:
        known = {r["agency"] for r in table.get("agency_caps", [])}
        if agency not in known:
            raise RuleInputError(f"未知的機關「{agency}」：hours.toml 沒有它的工時上限設定。")
        over = [
            r for r in table["agency_caps"]
            if r["agency"] == agency and r["regime"] == base and r["mode"] == mode
        ]
        for r in rows_in_force(over, on, what=f"{agency} 工時上限") if over else []:
            row.update({k: v for k, v in r.items() if k not in ("agency", "name", "regime", "mode")})
    return Caps(
        daily_max_hours=row["daily_max_hours"],
        monthly_overtime_hours=row["monthly_overtime_hours"],
        quarterly_overtime_hours=row.get("quarterly_overtime_hours"),
        long_day_hours=row.get("long_day_hours"),
        long_day_max_consecutive=row.get("long_day_max_consecutive"),
        citation=row["citation"],
        mode=mode,
    )


EXCEPTION_SITUATIONS = ("disaster", "emergency", "major_project", "seasonal")


@cache
def situation_caps(regime: str, situation: str, on: date) -> Caps:
    """The caps of the civil service's exceptional `situation` in force on `on`
    (公務員服務法第12條第1項但書, 公務員服勤實施辦法第4條; seed 002):

    disaster, emergency: 14 h a day, 80 h a month, 240 h in 3 months, 14-h days at most 3 in a row;
    major_project: 14 h a day, 240 h over 3 consecutive months from the project's first month
    (not 80 a month; pass that month as check_hours' quarter_start_month);
    seasonal: 12 h a day, 80 h a month.
    Raises RuleInputError for labor (no such exceptions) or an unknown situation.
    """
    if situation not in EXCEPTION_SITUATIONS:
        raise RuleInputError(f"未知的例外加班情形「{situation}」。")
    if situation in ("disaster", "emergency"):
        return hours_caps(regime, on, exception=True)
    _mode(regime, True, False)
    rows = [r for r in load_table("hours")["caps"] if r["regime"] == hours_regime(regime) and r["mode"] == situation]
    row = rows_in_force(rows, on, what=f"工時上限（{situation}）")[0]
    return Caps(
        daily_max_hours=row["daily_max_hours"], monthly_overtime_hours=row["monthly_overtime_hours"],
        quarterly_overtime_hours=row.get("quarterly_overtime_hours"), long_day_hours=row.get("long_day_hours"),
        long_day_max_consecutive=row.get("long_day_max_consecutive"), citation=row["citation"], mode=situation)


def _hhmm(text: str) -> int:
    hh, mm = text.split(":")
    return int(hh) * 3600 + int(mm) * 60


def _first(rows: list[dict[str, Any]], on: date) -> dict[str, Any] | None:
    found = [r for r in rows if in_force(r, on)]
    return found[0] if found else None


@cache
def settings_for(
    regime: str,
    month: date,
    *,
    exception: bool,
    agreement: bool,
    agency: str | None,
    caps: Caps | None,
    min_rest_hours: float | None,
    schedule: str,
) -> Settings:
    """Caps, rest, night window and days-off rule in force on the first day of `month`.

    Rule versions change at month boundaries in practice, so one lookup per month keeps the
    vectorised core simple; a version that starts mid-month applies from the next month.
    """
    base = hours_regime(regime)
    table = load_table("hours")
    use = caps if caps is not None else hours_caps(
        regime, month, exception=exception, agreement=agreement, agency=agency
    )
    rest = _first([r for r in table["rest"] if r["regime"] == base], month)
    rest_hours = min_rest_hours if min_rest_hours is not None else (rest["min_rest_hours"] if rest else None)
    night = _first([r for r in table["night"] if r["regime"] == base], month)
    days_off = None
    rdo = None
    if base == LABOR:
        days_off = _first(
            [r for r in table["days_off"] if r["regime"] == base and r["schedule"] == schedule], month
        )
        row = _first([r for r in table["regular_day_off_work"] if r["regime"] == base], month)
        rdo = row["citation"] if row else None
    return Settings(
        caps=use,
        min_rest_seconds=None if rest_hours is None else round(rest_hours * 3600),
        rest_citation=rest["citation"] if rest else "",
        night=(_hhmm(night["night_start"]), _hhmm(night["night_end"])) if night else None,
        night_citation=night["citation"] if night else "",
        days_off=days_off,
        regular_day_off_citation=rdo,
    )


def check_options(regime: str, *, exception: bool, agreement: bool, agency: str | None,
                  caps: Caps | None, schedule: str, quarter_start_month: int,
                  min_rest_hours: float | None) -> None:
    """Validate check_hours' keywords once, before any work, with Chinese messages."""
    _mode(regime, exception, agreement)
    if schedule not in SCHEDULES:
        raise RuleInputError(f"未知的排班制度「{schedule}」：只接受 weekly（每七日）或 four_week（四週變形工時）。")
    if schedule != "weekly" and hours_regime(regime) != LABOR:
        raise RuleInputError("四週變形工時（勞動基準法第30條之1）只適用勞基法人員。")
    if not (isinstance(quarter_start_month, int) and 1 <= quarter_start_month <= 12):
        raise RuleInputError(f"quarter_start_month 必須是 1 到 12 的整數，收到 {quarter_start_month!r}。")
    if caps is not None and not isinstance(caps, Caps):
        raise RuleInputError("caps 必須是 rules.Caps。")
    if min_rest_hours is not None and not (0 <= min_rest_hours <= 24):
        raise RuleInputError(f"min_rest_hours 必須介於 0 到 24，收到 {min_rest_hours!r}。")
    if agency is not None:
        known = {r["agency"] for r in load_table("hours").get("agency_caps", [])}
        if agency not in known:
            raise RuleInputError(f"未知的機關「{agency}」：hours.toml 沒有它的工時上限設定。")


def workday_of(start: datetime) -> date:
    """The workday a shift starting at `start` belongs to: the day it started.

    公務員服勤實施辦法第6條 (seed 002: a party until 01:00 is "全部算在前一天"): work crossing
    midnight stays on the day it began. Naive datetimes are Asia/Taipei; aware ones are
    converted to Asia/Taipei first. Raises RuleInputError for anything but a datetime.
    """
    if not isinstance(start, datetime):
        raise RuleInputError(f"班次開始時間必須是 datetime，收到 {start!r}。")
    if start.tzinfo is not None:
        start = start.astimezone(TAIPEI)
    return start.date()


def naive_taipei(value: Any, what: str) -> datetime:
    """`value` as a naive Asia/Taipei datetime; RuleInputError if it is not a datetime."""
    if not isinstance(value, datetime):
        raise RuleInputError(f"{what}必須是 datetime，收到 {value!r}。")
    if value.tzinfo is not None:
        value = value.astimezone(TAIPEI).replace(tzinfo=None)
    return value


def validate_shift(sh: Shift) -> tuple[datetime, datetime]:
    """Check one shift; return its (start, end) as naive Taipei datetimes. Chinese errors."""
    start = naive_taipei(sh.start, "班次開始時間")
    end = naive_taipei(sh.end, "班次結束時間")
    if sh.kind not in KINDS:
        raise RuleInputError(f"未知的班次種類「{sh.kind}」：只接受 regular（正常）或 overtime（加班）。{_who(sh)}")
    if sh.day_kind not in DAY_KINDS:
        raise RuleInputError(
            f"未知的日別「{sh.day_kind}」：只接受 workday、rest_day（休息日）、regular_day_off（例假）、holiday（國定假日）。{_who(sh)}"
        )
    if end <= start:
        raise RuleInputError(f"班次結束時間 {end} 不晚於開始時間 {start}。{_who(sh)}")
    length = (end - start) // timedelta(seconds=1)
    if length > MAX_SHIFT_SECONDS:
        raise RuleInputError(f"單一班次長達 {fmt_duration(length)}，超過 24 小時，請檢查簽到退紀錄。{_who(sh)}")
    brk = sh.break_minutes
    if isinstance(brk, bool) or not isinstance(brk, int):
        raise RuleInputError(f"休息分鐘數必須是整數，收到 {brk!r}。{_who(sh)}")
    if brk < 0:
        raise RuleInputError(f"休息分鐘數不可為負數（{brk}）。{_who(sh)}")
    if brk * 60 > length:
        raise RuleInputError(f"休息 {brk} 分鐘比班次本身還長。{_who(sh)}")
    return start, end


def _who(sh: Any) -> str:
    return f"（人員 {sh.person!r}，{sh.start}–{sh.end}）"


@lru_cache(maxsize=8192)
def fmt_duration(seconds: float) -> str:
    """Seconds as Chinese hours and minutes: 45000 -> '12小時30分'."""
    minutes = int(round(seconds / 60))
    hours, rest = divmod(minutes, 60)
    return f"{hours}小時{rest}分" if rest else f"{hours}小時"


def fmt_hours(hours: float) -> str:
    return f"{hours:g}小時"


def person_order(persons: list[Hashable]) -> list[Hashable]:
    """Persons in a canonical order (sorted, or by repr when not comparable), so that the
    result never depends on the order of the input shifts."""
    try:
        return sorted(persons)
    except TypeError:
        return sorted(persons, key=repr)


def sort_violations(violations: list[Violation], rank: dict[Hashable, int]) -> list[Violation]:
    """The one order of the result: person, day, code, detail."""
    return sorted(violations, key=lambda v: (rank[v.person], v.day, CODE_ORDER[v.code], v.detail))


def month_first(day: date) -> date:
    return day.replace(day=1)


def period_start(day: date, quarter_start_month: int) -> date:
    """First day of the 3-month period containing `day`; periods start at `quarter_start_month`."""
    index = day.year * 12 + day.month - 1
    start = index - (index - (quarter_start_month - 1)) % 3
    return date(start // 12, start % 12 + 1, 1)


def with_caps(caps: Caps, **changes: Any) -> Caps:
    """A copy of `caps` with some figures changed (an agency's own caps)."""
    return replace(caps, **changes)


# -- the wording of each violation (shared by both implementations) -------------------

def detail_daily(day: date, worked: float, cap_hours: float) -> str:
    return f"{format_roc(day)} 工作 {fmt_duration(worked)}，超過每日上限 {fmt_hours(cap_hours)}（含正常工時與加班）。"


def detail_long_days(day: date, n: int, long_hours: float) -> str:
    return f"{format_roc(day)} 為連續第 {n} 日工時達 {fmt_hours(long_hours)}，不得連續超過 {n - 1} 日。"


def detail_monthly(day: date, total: float, cap_hours: float) -> str:
    return f"民國{day.year - 1911}年{day.month}月加班累計至 {format_roc(day)} 已達 {fmt_duration(total)}，超過每月上限 {fmt_hours(cap_hours)}。"


def detail_quarterly(day: date, start: date, total: float, cap_hours: float) -> str:
    return (f"自 {format_roc(start)} 起三個月加班累計至 {format_roc(day)} 已達 {fmt_duration(total)}，"
            f"超過上限 {fmt_hours(cap_hours)}。")


def detail_rest(day: date, gap: float, min_rest: float) -> str:
    return f"{format_roc(day)} 上工前只休息 {fmt_duration(gap)}，未達連續休息 {fmt_duration(min_rest)}。"


def detail_seven_day(start: date, length: int, off: int, rest: int) -> str:
    return (f"自 {format_roc(start)} 起 {length} 日的週期內未有 {off} 日例假及 {rest} 日休息日"
            f"（無出勤之日視為例假或休息日；休息日出勤不得充當例假）。")


def detail_half_cycle(start: date, length: int, off: int) -> str:
    return f"自 {format_roc(start)} 起 {length} 日內未有 {off} 日例假（四週變形工時每二週至少二日例假）。"


def detail_regular_day_off(day: date) -> str:
    return f"{format_roc(day)} 為例假仍出勤；例假僅限天災、事變或突發事件始得停止（並應加倍發給工資及事後補假）。"


def detail_night(day: date) -> str:
    return f"{format_roc(day)} 懷孕或哺乳期間之人員於午後十時至翌晨六時之間工作。"
