"""What the apps need to know about a leave type before they count it: its plan.

A plan names the quota pools a request of the type is charged to, in charge order (the
chain of rules/data/leave_<regime>.toml), the kind of period each pool is counted over and
that period's bounds, the smallest unit, whether the leave is tied to an event date, and
whether it runs in calendar days. The ledger fetches the plan and stores rows; it never
lists pools or periods itself (公務人員請假規則第3條, 教師請假規則第3條, 勞工請假規則第4條).

Also here: the first-year proration of 公務人員請假規則第3條第2項, the length of a leave
day, the minutes of leave in one office day (with the school-morning rule of seed 003
Q.10), and the label of pay deducted by the day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from . import leave as _leave
from .errors import RuleInputError
from .regimes import REGIMES, check_regime

__all__ = [
    "DAY_MINUTES", "LeavePlan", "leave_plan", "quota_keys", "period_bounds", "first_year_quota_days",
    "deducted_pay_label", "birth_leave_codes", "OfficeDay", "DayMinutes", "leave_minutes_of_day",
]

# A leave day is 8 hours in every regime: 公務員服務法第12條 (8 h a day, 40 h a week),
# 勞動基準法第30條第1項 (8 h a day); the tables' `day_minutes` (480) say the same.
DAY_MINUTES = _leave.DAY_MINUTES

_PERIOD_KINDS = ("year", "school_year", "month", "two_years", "event")


@dataclass(frozen=True)
class LeavePlan:
    """How leave `code` of `regime` is counted on a given day.

    pools: every quota key a request may draw on, in charge order (the leave's own quota first);
    periods: the period kind of each pool ("year", "school_year", "month", "two_years", "event");
    unit_minutes: the smallest unit that may be asked; needs_event_date: the leave lies in a
    window after an event (marriage, death, birth); calendar_days: holidays are counted;
    after_used_up: quotas that must be used up first (延長病假: 病假、事假及休假,
    公務人員請假規則第3條第1項第2款).
    """

    regime: str
    code: str
    name: str
    pools: tuple[str, ...]
    periods: dict[str, str]
    unit_minutes: int
    needs_event_date: bool
    calendar_days: bool
    prorated_first_year: bool
    after_used_up: tuple[str, ...]
    citation: str


def _chain_keys(regime: str, row: dict[str, Any]) -> list[str]:
    keys: list[str] = []
    for step in _leave._chain(regime, row):
        for key in step["quotas"]:
            if key not in keys:
                keys.append(key)
    for key in (row["code"], row.get("counts_into")):
        if key and key not in keys and (row.get("quota_days") is not None or key == "annual"):
            keys.append(key)
    return keys


def leave_plan(regime: str, code: str, *, on: date) -> LeavePlan:
    """The plan of leave `code` in force on `on` (see LeavePlan). RuleInputError for an unknown code."""
    on = _leave._check_on(on)
    row = _leave._row(regime, code, on)
    pools = tuple(_chain_keys(regime, row))
    needs_event = any(k in row for k in ("window_months", "window_days_after_death", "window_after_days"))
    return LeavePlan(
        regime=regime, code=code, name=row["name"], pools=pools,
        periods={k: _leave.quota_period(regime, k, on=on) for k in pools},
        unit_minutes=int(row.get("unit_minutes", DAY_MINUTES)), needs_event_date=needs_event,
        calendar_days=bool(row.get("calendar_days", False)),
        prorated_first_year=bool(row.get("prorate_first_year", False)),
        after_used_up=tuple(row.get("after_used_up", ())),
        citation=_leave._cite(regime, row["citation"], on))


def quota_keys(regime: str, *, on: date) -> tuple[str, ...]:
    """Every quota key any leave of `regime` may draw on `on` (the union of the plans' pools)."""
    on = _leave._check_on(on)
    keys: list[str] = []
    for row in _leave._rows(regime, on):
        for key in _chain_keys(regime, row):
            if key not in keys:
                keys.append(key)
    return tuple(keys)


def period_bounds(kind: str, on: date, *, event_date: date | None = None) -> tuple[date, date]:
    """First and last day of the period of `kind` containing `on`.

    year: the calendar year; school_year: 8/1–7/31 (教師請假規則第3條, 學年度); month; event: the
    event's own day (each event has its own quota); two_years: two calendar years from an even
    year. The leave year of annual leave is rules.annual_leave_year, not this.
    """
    if kind not in _PERIOD_KINDS:
        raise RuleInputError(f"未知的期間種類「{kind}」。")
    if kind == "school_year":
        start = date(on.year if on.month >= 8 else on.year - 1, 8, 1)
        return start, date(start.year + 1, 7, 31)
    if kind == "month":
        start = on.replace(day=1)
        return start, _leave.add_months(start, 1) - timedelta(days=1)
    if kind == "two_years":
        first = on.year - (on.year % 2)
        return date(first, 1, 1), date(first + 1, 12, 31)
    if kind == "event":
        day = event_date or on
        return day, day
    return date(on.year, 1, 1), date(on.year, 12, 31)


def _round_half_days(days: Decimal) -> Decimal:
    whole = days.to_integral_value(rounding=ROUND_FLOOR)
    rest = days - whole
    if rest == 0:
        return whole
    return whole + (Decimal("0.5") if rest < Decimal("0.5") else Decimal(1))


def first_year_quota_days(regime: str, code: str, *, hired: date, on: date) -> Decimal | None:
    """The days of `code` granted in the year someone takes up service, or None when not prorated.

    公務人員請假規則第3條第2項: in the year of taking up service 事假, 家庭照顧假, 病假 (and
    身心調適假, which counts into 事假) are given by the months in service, the month of
    hire counted; a remainder under half a day counts as half a day, half a day or more as a
    day. E.g. hired 2026-03-02: 10 months, 事假 7 × 10/12 = 5.83 → 6 days, 病假 28 × 10/12 =
    23.33 → 23.5 days. A person hired in an earlier year, or in January, gets the whole quota.
    """
    on = _leave._check_on(on)
    if not isinstance(hired, date):
        raise RuleInputError(f"到職日必須是 datetime.date，收到 {hired!r}。")
    row = _leave._row(regime, code, on)
    if not row.get("prorate_first_year") or hired.year != on.year or hired > on or hired.month == 1:
        return None
    days = _leave._dec(row.get("quota_days"))
    if days is None:
        return None
    months = 13 - hired.month
    return _round_half_days(days * months / 12)


def birth_leave_codes(regime: str, *, on: date) -> tuple[str, ...]:
    """The codes of 娩假 and 流產假 (whatever the weeks of pregnancy) in force on `on`: the leave
    that 各機關辦理公務人員考績（成）作業要點第12點第4項 keeps out of the 甲等 count (survey item 14)."""
    on = _leave._check_on(on)
    return tuple(r["code"] for r in _leave._rows(regime, on) if r.get("birth_leave"))


def deducted_pay_label(regime: str) -> str:
    """The words for leave granted with pay deducted by the day: 俸給 of civil servants
    (公務人員請假規則第3條), 薪給 of teachers (教師請假規則), 工資 of workers."""
    check_regime(regime)
    return _leave._table(regime).get("deducted_label", "按日扣除工資")


@dataclass(frozen=True)
class OfficeDay:
    """One working day's office hours: morning [start, lunch_start), afternoon [lunch_end, end)."""

    start: time
    lunch_start: time
    lunch_end: time
    end: time
    closed: str = ""  # "morning" or "afternoon" when that half is a closure (停止上班)


@dataclass(frozen=True)
class DayMinutes:
    morning: int
    afternoon: int

    @property
    def minutes(self) -> int:
        return self.morning + self.afternoon


def _span(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _clock(t: time) -> int:
    return t.hour * 60 + t.minute


def leave_minutes_of_day(day: OfficeDay, start: time, end: time | None, *,
                         day_minutes: int = DAY_MINUTES) -> DayMinutes:
    """Minutes of leave from `start` to `end` (None: to midnight) on one working day.

    A leave day is `day_minutes`. Where the morning is longer than a day minus the afternoon
    (schools: 08:00–12:30 is 4.5 h, 13:00–17:00 is 4 h; the half hour 12:30–13:00 is moved
    to the breaks), the morning counts at most the difference: 08:00–12:00 is 4 h. Whoever
    cannot clock in by the end of the morning must ask for leave until one hour into the
    afternoon (seed 003 Q.10: 「上系統填寫之請假期間必須填08:00至14:00（實際請假時間為5小時）」):
    a leave from the morning that ends after it and before that hour raises RuleInputError.
    """
    m0, m1, a0, a1 = (_clock(t) for t in (day.start, day.lunch_start, day.lunch_end, day.end))
    s = _clock(start)
    e = 24 * 60 if end is None else _clock(end)
    morning = _span(s, e, m0, m1)
    afternoon = _span(s, e, a0, a1)
    share = max(0, day_minutes - (a1 - a0))
    if m1 - m0 > share and morning and m1 < e < a0 + 60:
        back, noon = _hhmm(a0 + 60), _hhmm(m1)
        raise RuleInputError(
            f"上午請假而於{noon}以後才到班者，請假迄時須填{back}（學校上午上班{(m1 - m0) / 60:g}小時，"
            f"逾半日之部分移作寒暑休之用；{noon}前未能到班者應請假至{back}）。")
    if day.closed == "morning":
        morning = 0
    if day.closed == "afternoon":
        afternoon = 0
    morning = min(morning, share)
    total = min(morning + afternoon, day_minutes)
    return DayMinutes(morning=min(morning, total), afternoon=total - min(morning, total))
