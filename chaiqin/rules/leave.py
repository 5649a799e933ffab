"""Leave types, quotas, pay, merge and window rules of the three regimes.

Law: 公務人員請假規則 (civil), 教師請假規則 (teacher), 勞工請假規則, 勞動基準法 and
性別平等工作法 (labor). The figures live in rules/data/leave_<regime>.toml, one row per
leave type and version, each with its citation and in_force_from/in_force_to.

Durations are integer minutes; a "day" is `day_minutes` (480 unless told otherwise).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any, Mapping

from ._tables import _as_date, in_force, load_table, rows_in_force
from .errors import RuleInputError
from .regimes import LABOR, REGIMES, check_regime

__all__ = [
    "LeaveType", "leave_types", "leave_type", "leave_pay", "leave_quota_minutes",
    "quota_period", "ChargePart", "LeaveCharge", "leave_charge",
    "LeaveWindow", "WindowCheck", "leave_window", "check_leave_window",
    "miscarriage_code", "extended_sick_check", "add_months",
]

DAY_MINUTES = 480
# Twenty years of minutes: longer than any leave the law grants; a bigger request is a typo.
_ABSURD_MINUTES = 20 * 366 * 24 * 60
_PAYS = {"full": "全薪", "half": "半薪", "none": "不給薪"}


@dataclass(frozen=True)
class LeaveType:
    """One leave type of one regime, as in force on a given day.

    quota_days is None when the law sets no fixed number (unlimited, case by case, or
    the person's own entitlement such as annual leave). period is "year", "school_year",
    "month", "event" or "two_years". pay is the pay of the leave inside its quota
    (see leave_pay for pay that depends on service). counts_into names the quota the
    leave also uses. unit_minutes is the smallest unit that may be requested;
    calendar_days True means the leave runs through holidays (count calendar days).
    counts_as_leave False: not entered as leave in the attendance record (the epidemic-era
    防疫隔離假 and 防疫照顧假, 嚴重特殊傳染性肺炎防治及紓困振興特別條例第3條).
    """

    code: str
    name: str
    quota_days: Decimal | None
    period: str
    pay: str
    counts_into: str | None
    citation: str
    regime: str
    in_force_from: date
    in_force_to: date | None = None
    unit_minutes: int = DAY_MINUTES
    calendar_days: bool = False
    sex: str | None = None
    refusable: bool = True
    is_status: bool = False
    note: str = ""
    counts_as_leave: bool = True

    @property
    def hourly(self) -> bool:
        """True if the leave may be taken by the hour."""
        return self.unit_minutes <= 60


def _today() -> date:
    return date.today()


def _table(regime: str) -> dict[str, Any]:
    check_regime(regime)
    return load_table(f"leave_{regime}")


def _law_names(regime: str, on: date) -> dict[str, str]:
    """Placeholders such as {性平法} mapped to the act's name in force on `on`."""
    names: dict[str, str] = {}
    for row in _table(regime).get("law_names", []):
        if in_force(row, on):
            names[row["key"]] = row["name"]
    return names


def _cite(regime: str, text: str, on: date) -> str:
    for key, name in _law_names(regime, on).items():
        text = text.replace("{" + key + "}", name)
    if "{" in text:
        raise RuleInputError(f"{REGIMES[regime]}：{on.isoformat()} 無適用之法規名稱版本。")
    return text


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _to_type(regime: str, row: dict[str, Any], on: date) -> LeaveType:
    return LeaveType(
        code=row["code"], name=row["name"], quota_days=_dec(row.get("quota_days")),
        period=row["period"], pay=row["pay"], counts_into=row.get("counts_into"),
        citation=_cite(regime, row["citation"], on), regime=regime,
        in_force_from=_as_date(row["in_force_from"]), in_force_to=_as_date(row.get("in_force_to")),
        unit_minutes=int(row.get("unit_minutes", DAY_MINUTES)),
        calendar_days=bool(row.get("calendar_days", False)), sex=row.get("sex"),
        refusable=bool(row.get("refusable", True)), is_status=bool(row.get("is_status", False)),
        note=_cite(regime, row.get("note", ""), on),
        counts_as_leave=not row.get("not_attendance_record", False),
    )


def _check_on(on: date | None) -> date:
    on = _today() if on is None else on
    if not isinstance(on, date):
        raise RuleInputError(f"日期必須是 datetime.date，收到 {on!r}。")
    return on


# The tables never change in a running process, and a page asks about the same few days hundreds
# of times (a balance table of 50 people): remembered per (regime, day) and (regime, code, day).
@lru_cache(maxsize=4096)
def _rows(regime: str, on: date) -> list[dict[str, Any]]:
    return rows_in_force(_table(regime)["types"], on, what=f"{REGIMES[regime]}假別")


# RULES_API.md names "miscarriage_4" as labor's earliest-term miscarriage row. 性別平等工作法
# 第15條 has three rows, the earliest (妊娠未滿二個月, 5 days) being "miscarriage_3" in the
# table; the fixed API's name answers to that same row, so callers of either name agree.
CODE_ALIASES = {("labor", "miscarriage_4"): "miscarriage_3"}


@lru_cache(maxsize=16384)
def _row(regime: str, code: str, on: date) -> dict[str, Any]:
    alias_of = CODE_ALIASES.get((regime, code))
    if alias_of is not None:
        return {**_row(regime, alias_of, on), "code": code}
    rows = [r for r in _rows(regime, on) if r["code"] == code]
    if not rows:
        known = [r for r in _table(regime)["types"] if r["code"] == code]
        if known:
            raise RuleInputError(
                f"{REGIMES[regime]}之假別「{code}」於 {on.isoformat()} 尚未施行或已失效。")
        raise RuleInputError(f"{REGIMES[regime]}（{regime}）無假別「{code}」。")
    return rows[0]


def leave_types(regime: str, on: date | None = None) -> list[LeaveType]:
    """Every leave type the regime grants on `on` (default today), in table order.

    civil: 公務人員請假規則第3條、第4條、第7條; teacher: 教師請假規則第3條、第4條、第8條;
    labor: 勞工請假規則、勞動基準法第38條、第50條、性別平等工作法第14條至第20條.
    Raises RuleInputError for an unknown regime or a day before every rule version.
    """
    on = _check_on(on)
    return [_to_type(regime, row, on) for row in _rows(regime, on)]


def leave_type(regime: str, code: str, on: date | None = None) -> LeaveType:
    """The leave type `code` of `regime` in force on `on` (default today).

    Raises RuleInputError (in Chinese, naming the regime) for a code the regime lacks,
    e.g. "mental_health" for labor or before 2025-10-10 (公務人員請假規則第3條, 2025 amendment).
    """
    on = _check_on(on)
    return _to_type(regime, _row(regime, code, on), on)


def add_months(day: date, months: int) -> date:
    """`day` plus whole calendar months, clamped to the month's last day (民法第123條 style)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _service_months_reached(hired: date, on: date, months: int) -> bool:
    if hired > on:
        raise RuleInputError(f"到職日 {hired.isoformat()} 晚於 {on.isoformat()}。")
    return add_months(hired, months) <= on


def leave_pay(regime: str, code: str, *, on: date, hired: date | None = None) -> str:
    """Pay ("full", "half", "none") of leave `code` taken on `on` by someone hired on `hired`.

    Differs from LeaveType.pay only where pay depends on service: labor maternity and
    miscarriage leave are paid in full after 6 months' service, half below
    (勞動基準法第50條第2項; the shorter miscarriage rows follow seed 003). Such rows need
    `hired`; RuleInputError if it is missing or after `on`.
    """
    on = _check_on(on)
    row = _row(regime, code, on)
    months = row.get("pay_below_service_months")
    if months is None:
        return row["pay"]
    if hired is None:
        raise RuleInputError(f"{row['name']}之給薪依年資而定：請提供到職日（勞動基準法第50條）。")
    return row["pay"] if _service_months_reached(hired, on, months) else row["pay_below"]


def _pool_row(regime: str, key: str, on: date) -> dict[str, Any] | None:
    rows = [r for r in _table(regime).get("pools", []) if r["key"] == key and in_force(r, on)]
    return rows[0] if rows else None


def quota_period(regime: str, key: str, *, on: date) -> str:
    """The period over which quota `key` (a leave code or a pool such as "sick_paid") is counted.

    The caller sums earlier ChargePart minutes per key over this period to build `used`.
    """
    pool = _pool_row(regime, key, on)
    if pool is not None:
        return pool["period"]
    row = _row(regime, key, on)
    # A leave with days free of another quota (生理假: 3 a year outside sick leave) counts its own
    # key over the period of those free days, not over the period of its unit (a month).
    return row.get("free_days_period", row["period"])


def _cap_minutes(regime: str, key: str, on: date, day_minutes: int,
                 entitled: Mapping[str, Decimal]) -> int | None:
    """Minutes in quota `key` for the period; None when the law sets no cap."""
    if key in entitled:
        days = Decimal(str(entitled[key]))
        if days < 0:
            raise RuleInputError(f"「{key}」之核給日數不得為負數：{days}。")
        return int(days * day_minutes)
    pool = _pool_row(regime, key, on)
    if pool is not None:
        return int(Decimal(str(pool["quota_days"])) * day_minutes)
    row = _row(regime, key, on)
    if row.get("free_days_per_year") is not None:
        return int(Decimal(str(row["free_days_per_year"])) * day_minutes)
    if key == "annual":
        raise RuleInputError(
            f"{REGIMES[regime]}之休假日數因人而異：請以 entitled={{'annual': 日數}} 提供"
            "（annual_leave_days；無休假者傳 0）。")
    days = _dec(row.get("quota_days"))
    return None if days is None else int(days * day_minutes)


def leave_quota_minutes(regime: str, code: str, *, on: date, day_minutes: int = DAY_MINUTES) -> int | None:
    """The quota of `code` in minutes for one period, given the person's daily hours.

    E.g. labor family care from 2026-01-01: 7 days x 8 h = 56 h, 7 x 10 h = 70 h
    (性別平等工作法第20條; 勞動部114年12月1日勞動條4字第1140148574號令). None when uncapped.
    """
    on = _check_on(on)
    _check_minutes(day_minutes, "每日工時")
    days = leave_type(regime, code, on).quota_days
    return None if days is None else int(days * day_minutes)


def _check_minutes(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleInputError(f"{what}必須是整數分鐘，收到 {value!r}。")
    if value <= 0 or value > _ABSURD_MINUTES:
        raise RuleInputError(f"{what}不合理：{value} 分鐘。")
    return value


@dataclass(frozen=True)
class ChargePart:
    """One slice of a leave request: which quotas it uses and how it is paid.

    quotas: every quota key this slice consumes (add `minutes` to each in the ledger);
    empty when the slice uses no quota (beyond every quota, or uncapped leave such as 公假).
    beyond_entitlement: True when the slice exceeds what the law grants (pay deducted,
    or needs the employer's consent / must be requested as another leave).
    deducted: the slice is beyond the quota but the law still grants the leave with pay
    deducted by the day (事假 beyond 7 days, 公務人員請假規則第3條第1項第1款; sick leave
    beyond 28 days once 事假 is used up, 第2款): accepted, the deciders may still refuse.
    """

    code: str
    quotas: tuple[str, ...]
    minutes: int
    pay: str
    explanation: str
    citation: str
    beyond_entitlement: bool = False
    deducted: bool = False


@dataclass(frozen=True)
class LeaveCharge:
    """The ordered slices of one leave request (see leave_charge)."""

    regime: str
    code: str
    requested_minutes: int
    parts: tuple[ChargePart, ...]

    @property
    def explanation(self) -> str:
        """All slices in Chinese, one line each, for the person and the approver."""
        return "\n".join(
            f"{p.minutes // 60}小時{p.minutes % 60:02d}分：{_PAYS[p.pay]}。{p.explanation}（{p.citation}）"
            for p in self.parts)

    @property
    def beyond_entitlement(self) -> bool:
        return any(p.beyond_entitlement for p in self.parts)

    @property
    def refused(self) -> bool:
        """True when a slice is beyond what the law grants and not merely unpaid (see ChargePart.deducted)."""
        return any(p.beyond_entitlement and not p.deducted for p in self.parts)

    def minutes_by_pay(self) -> dict[str, int]:
        out = {"full": 0, "half": 0, "none": 0}
        for p in self.parts:
            out[p.pay] += p.minutes
        return out


def _chain(regime: str, row: dict[str, Any]) -> list[dict[str, Any]]:
    if "chain" in row:
        return row["chain"]
    if row.get("is_status"):
        return [{"quotas": [], "pay": row["pay"],
                 "why": f"{row['name']}為身分狀態，不使用假別額度，期間不給薪。"}]
    quotas = [row["code"]] + ([row["counts_into"]] if row.get("counts_into") else [])
    if row.get("quota_days") is None and row["code"] != "annual":
        return [{"quotas": [], "pay": row["pay"], "why": f"{row['name']}無固定日數，依事實核給。"}]
    why = f"{row['name']}" + (f"，併入{row['counts_into']}計算" if row.get("counts_into") else "")
    return [{"quotas": quotas, "pay": row["pay"], "why": why + "。"}]


def leave_charge(regime: str, code: str, *, requested_minutes: int, used: Mapping[str, int],
                 on: date, entitled: Mapping[str, Decimal] | None = None,
                 hired: date | None = None, day_minutes: int = DAY_MINUTES,
                 menstrual_month_minutes: int = 0) -> LeaveCharge:
    """Split a request for `requested_minutes` of leave `code` into quota slices, in legal order.

    `used` maps a quota key to minutes already charged to it in that key's period
    (quota_period): the sum of earlier ChargePart.minutes for every part whose `quotas`
    contains the key. `entitled` overrides a quota in days (a prorated first-year 事假,
    the person's annual leave, which is always needed when the chain reaches "annual").
    `hired` is needed where pay depends on service (labor maternity, 勞動基準法第50條).

    Rules encoded (rows of rules/data/leave_<regime>.toml):
    - family care and mental health count into personal leave (公務人員請假規則第3條;
      性別平等工作法第20條);
    - civil/teacher sick beyond 28 days: personal leave, then annual leave, then pay
      deducted (公務人員請假規則第3條; 教師請假規則第3條);
    - menstrual: 1 day a month; the first 3 a year outside sick leave, the rest inside;
      labor: half pay, unpaid beyond 33 days with sick leave (性別平等工作法第14條, seed 003);
    - labor sick: 30 days a year not hospitalised; half pay for the first 30 days a year;
      hospitalised and pregnancy rest up to 1 year in 2 years combined; beyond, personal
      then annual leave (勞工請假規則第4條、第5條).
    Raises RuleInputError for an unknown code, a duration that is not a positive whole
    number of the leave's units, or menstrual leave over 1 day in the month.
    """
    on = _check_on(on)
    _check_minutes(day_minutes, "每日工時")
    _check_minutes(requested_minutes, "請假時數")
    row = _row(regime, code, on)
    ltype = _to_type(regime, row, on)
    unit = min(ltype.unit_minutes, day_minutes)
    if requested_minutes % unit:
        raise RuleInputError(
            f"{ltype.name}最小請假單位為 {unit} 分鐘，{requested_minutes} 分鐘不是其整數倍。")
    entitled = dict(entitled or {})
    for key, value in used.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise RuleInputError(f"已用時數「{key}」必須是非負整數分鐘，收到 {value!r}。")
    if code == "menstrual":
        if menstrual_month_minutes < 0:
            raise RuleInputError("本月已請生理假分鐘數不得為負數。")
        if menstrual_month_minutes + requested_minutes > day_minutes:
            raise RuleInputError(f"生理假每月以1日為限（{ltype.citation}）。")
    if code == "extended_sick":
        check = extended_sick_check(regime, used=used, entitled=entitled, on=on, day_minutes=day_minutes)
        if not check.ok:
            raise RuleInputError(check.reason)

    pay_override = None
    if row.get("pay_below_service_months") is not None:
        pay_override = leave_pay(regime, code, on=on, hired=hired)

    remaining = requested_minutes
    running = dict(used)  # earlier slices of this same request use quota too
    parts: list[ChargePart] = []
    for step in _chain(regime, row):
        if remaining == 0:
            break
        quotas = tuple(step["quotas"])
        room: int | None = None
        for key in quotas:
            cap = _cap_minutes(regime, key, on, day_minutes, entitled)
            if cap is not None:
                left = max(0, cap - running.get(key, 0))
                room = left if room is None else min(room, left)
        take = remaining if room is None else min(room, remaining)
        if take <= 0:
            continue
        pay = pay_override if pay_override is not None and step["pay"] == row["pay"] else step["pay"]
        beyond = bool(step.get("beyond", False))
        parts.append(ChargePart(
            code=code, quotas=quotas, minutes=take, pay=pay,
            explanation=_cite(regime, step["why"], on),
            citation=_cite(regime, step.get("citation", row["citation"]), on),
            beyond_entitlement=beyond, deducted=bool(step.get("deducted", False))))
        remaining -= take
        for key in quotas:
            running[key] = running.get(key, 0) + take
    if remaining:
        beyond = row.get("beyond") or f"{ltype.name}已逾法定日數。"
        parts.append(ChargePart(
            code=code, quotas=(), minutes=remaining, pay="none",
            explanation=_cite(regime, beyond, on),
            citation=_cite(regime, row.get("beyond_citation", row["citation"]), on),
            beyond_entitlement=True, deducted=bool(row.get("beyond_deducted", False))))
    return LeaveCharge(regime=regime, code=code, requested_minutes=requested_minutes, parts=tuple(parts))


@dataclass(frozen=True)
class LeaveWindow:
    """The days inside which a leave tied to an event must be taken (both ends inclusive).

    start None: from any earlier day (e.g. 陪產檢 during the pregnancy).
    extended_end: the later end allowed with the agency's or employer's consent, if any.
    """

    code: str
    event_date: date
    start: date | None
    end: date
    extended_end: date | None
    citation: str
    note: str = ""


@dataclass(frozen=True)
class WindowCheck:
    """Result of a window or precondition check: ok, and the Chinese reason with its citation."""

    ok: bool
    reason: str
    citation: str


def leave_window(regime: str, code: str, *, event_date: date, on: date | None = None) -> LeaveWindow:
    """The window of an event-bound leave.

    - marriage (event_date = the marriage registration): from 10 days before, within
      3 months counted from that first day — 公務人員請假規則第3條, 教師請假規則第3條
      ("應自結婚之日前十日起三個月內請畢"); labor: 勞動部104年10月7日令 (e.g. registered
      2015-10-18: 2015-10-08 to 2016-01-07; with consent to 2016-10-07);
    - funeral_1..3 (event_date = the death): within 100 days counting the day of death
      (check);
    - paternity (event_date = the birth): during the pregnancy up to 7 days after the
      birth (15 days around it for 陪產, check).
    Raises RuleInputError for a leave with no window.
    """
    on = _check_on(event_date if on is None else on)
    if not isinstance(event_date, date):
        raise RuleInputError(f"事件日期必須是 datetime.date，收到 {event_date!r}。")
    row = _row(regime, code, on)
    citation = _cite(regime, row.get("window_citation", row["citation"]), on)
    note = _cite(regime, row.get("note", ""), on)
    if "window_months" in row:
        start = event_date - timedelta(days=row["window_before_days"])
        end = add_months(start, row["window_months"]) - timedelta(days=1)
        ext = row.get("window_extended_months")
        ext_end = add_months(start, ext) - timedelta(days=1) if ext else None
        return LeaveWindow(code, event_date, start, end, ext_end, citation, note)
    if "window_days_after_death" in row:
        end = event_date + timedelta(days=row["window_days_after_death"] - 1)
        return LeaveWindow(code, event_date, event_date, end, None, citation, note)
    if "window_after_days" in row:
        end = event_date + timedelta(days=row["window_after_days"])
        return LeaveWindow(code, event_date, None, end, None, citation, note)
    raise RuleInputError(f"{REGIMES[regime]}之{row['name']}無請假期間限制可查。")


def check_leave_window(regime: str, code: str, *, event_date: date, leave_date: date,
                       consent: bool = False) -> WindowCheck:
    """Whether leave `code` may be taken on `leave_date` given the event on `event_date`.

    `consent`: the agency or employer agreed to the longer marriage window (1 year).
    See leave_window for the rules.
    """
    window = leave_window(regime, code, event_date=event_date, on=leave_date)
    end = window.extended_end if consent and window.extended_end else window.end
    if window.start is not None and leave_date < window.start:
        return WindowCheck(False, f"{leave_date.isoformat()} 早於可請假之首日 {window.start.isoformat()}。",
                           window.citation)
    if leave_date > end:
        return WindowCheck(False, f"{leave_date.isoformat()} 已逾應請畢之末日 {end.isoformat()}。",
                           window.citation)
    return WindowCheck(True, f"{leave_date.isoformat()} 在可請假期間內（至 {end.isoformat()}）。",
                       window.citation)


def miscarriage_code(regime: str, *, weeks: int | None = None, months: int | None = None,
                     on: date | None = None) -> str:
    """The miscarriage row for a pregnancy of `weeks` completed weeks (or `months`).

    civil/teacher by weeks: >=20 miscarriage_1 (42 days), 12-19 miscarriage_2 (21),
    <12 miscarriage_3 (14) — 公務人員請假規則第3條, 教師請假規則第3條.
    labor by months: >=3 miscarriage_1 (4 weeks), 2 miscarriage_2 (1 week), <2
    miscarriage_3 (5 days) — 性別平等工作法第15條. Given weeks only, a pregnancy month is
    taken as 4 weeks (obstetric months, the reading more favourable to the worker; check).
    """
    on = _check_on(on)
    check_regime(regime)
    if weeks is None and months is None:
        raise RuleInputError("請提供懷孕週數或月數。")
    for value, what in ((weeks, "懷孕週數"), (months, "懷孕月數")):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                  or value < 0 or value > 45):
            raise RuleInputError(f"{what}不合理：{value!r}。")
    if regime == LABOR:
        key, value, lo, hi = "months", months if months is not None else weeks // 4, "min_months", "max_months"
    else:
        if weeks is None:
            raise RuleInputError(f"{REGIMES[regime]}之流產假依懷孕週數核給，請提供週數。")
        key, value, lo, hi = "weeks", weeks, "min_weeks", "max_weeks"
    for row in _rows(regime, on):
        if row["code"].startswith("miscarriage_") and lo in row:
            if row[lo] <= value and (hi not in row or value < row[hi]):
                return row["code"]
    raise RuleInputError(f"{REGIMES[regime]}：找不到懷孕{value}{'週' if key == 'weeks' else '個月'}之流產假。")


def extended_sick_check(regime: str, *, used: Mapping[str, int], on: date,
                        entitled: Mapping[str, Decimal] | None = None,
                        first_day: date | None = None, day_minutes: int = DAY_MINUTES) -> WindowCheck:
    """Whether extended sick leave (延長病假) may start or continue on `on`.

    civil/teacher only (公務人員請假規則第3條第1項第2款; 教師請假規則第3條): sick,
    personal and annual leave (annual only if the person has any: pass entitled["annual"])
    must be used up; at most 1 year within 2 years counted from the first day of
    extended sick leave (`first_day`; `used["extended_sick"]` = minutes in that window).
    """
    on = _check_on(on)
    if check_regime(regime) == LABOR:
        raise RuleInputError("勞基法適用人員無延長病假；普通傷病假逾期限者依勞工請假規則第5條留職停薪。")
    row = _row(regime, "extended_sick", on)
    citation = row["citation"]
    entitled = dict(entitled or {})
    for key in row.get("after_used_up", ()):
        if key == "annual" and "annual" not in entitled:
            continue
        cap = _cap_minutes(regime, key, on, day_minutes, entitled) or 0
        if used.get(key, 0) < cap:
            name = _row(regime, key, on)["name"]
            return WindowCheck(False, f"{name}尚未請畢，不得請延長病假（須病假、事假及休假均請畢）。", citation)
    if first_day is not None:
        if first_day > on:
            raise RuleInputError("延長病假首日不得晚於請假日。")
        if on > add_months(first_day, 24) - timedelta(days=1):
            return WindowCheck(True, "已逾自首日起算之二年，重新起算延長病假期間。", citation)
    if used.get("extended_sick", 0) >= 365 * day_minutes:
        return WindowCheck(False, "延長病假二年內合計已達一年，應予留職停薪。", citation)
    return WindowCheck(True, "病假、事假及休假均已請畢，得請延長病假。", citation)
