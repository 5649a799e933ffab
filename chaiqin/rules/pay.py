"""Overtime pay of workers under the Labor Standards Act (勞動基準法第24條、第39條、第40條),
their hourly wage from a monthly one, and the pay of annual leave not taken (第38條第4項).

Rates are data (rules/data/pay.toml), band by band, with citations. Money is Decimal,
rounded half up to the cent only at the end; the bands are computed exactly (Fraction).
Every hour actually worked is paid, even one that broke the 12-hour day of §32(2): the cap
is reported apart (`overtime_hours_over_cap`), never by withholding wages.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, NamedTuple

from ._tables import load_table, rows_in_force
from .errors import RuleInputError

__all__ = ["overtime_pay", "overtime_pay_bands", "overtime_hours_over_cap", "labor_hourly_wage", "labor_daily_wage",
           "labor_unused_annual_leave_pay", "PayBand"]

CENT = Decimal("0.01")
DAY_KINDS = ("workday", "rest_day", "holiday", "regular_day_off")


class PayBand(NamedTuple):
    """One line of the pay sheet: hours `start`–`end` of the day's extra work at `multiplier`
    times the hourly wage; `amount` rounded to the cent (the total is rounded once, so the
    lines may differ from it by a cent)."""

    start: Decimal
    end: Decimal
    hours: Decimal
    multiplier: Fraction
    amount: Decimal
    citation: str


def _decimal(value: Any, what: str) -> Decimal:
    if isinstance(value, bool):
        raise RuleInputError(f"{what}必須是數字，收到 {value!r}。")
    if isinstance(value, float):
        value = repr(value)  # 0.1 → "0.1", not its binary expansion
    try:
        result = Decimal(value) if not isinstance(value, Fraction) else Decimal(value.numerator) / value.denominator
    except (InvalidOperation, TypeError, ValueError):
        raise RuleInputError(f"{what}必須是數字，收到 {value!r}。") from None
    if not result.is_finite():
        raise RuleInputError(f"{what}必須是有限的數字，收到 {value!r}。")
    if result < 0:
        raise RuleInputError(f"{what}不可為負數（{value}）。")
    return result


def _fraction(value: Any, what: str) -> Fraction:
    """`value` exactly: a Fraction as it is (checked), anything else through _decimal."""
    if isinstance(value, Fraction):
        if value < 0:
            raise RuleInputError(f"{what}不可為負數（{float(value)}）。")
        return value
    return Fraction(_decimal(value, what))


def _rate(day_kind: str, on: date | None) -> dict[str, Any]:
    if day_kind not in DAY_KINDS:
        raise RuleInputError(
            f"未知的日別「{day_kind}」：只接受 workday（工作日）、rest_day（休息日）、holiday（國定假日）、regular_day_off（例假）。"
        )
    rows = [r for r in load_table("pay")["rates"] if r["day_kind"] == day_kind]
    if on is None:
        current = [r for r in rows if r.get("in_force_to") is None]
        return current[0]
    return rows_in_force(rows, on, what=f"加班費率（{day_kind}）")[0]


def _day_cap(row: dict[str, Any], day_kind: str, regular_hours: Any) -> Decimal:
    max_hours = Decimal(str(row["max_hours"]))
    if day_kind == "workday":
        regular = _decimal(regular_hours, "正常工時")
        if regular > 12:
            raise RuleInputError(f"正常工時 {regular} 小時超過每日12小時上限（勞動基準法第32條第2項）。")
        max_hours = min(max_hours, Decimal(12) - regular)
    return max_hours


def overtime_hours_over_cap(hours: Any, day_kind: str, *, on: date | None = None, regular_hours: Any = 8) -> Decimal:
    """The hours of `hours` extra work on a `day_kind` day beyond what the day allows: 12 h a
    day including the regular hours (勞動基準法第32條第2項; a §30 flexible schedule with
    longer regular days leaves less room). 0 when within the cap. The hours are still paid
    (`overtime_pay`); this figure is the violation for the personnel office's report."""
    worked = _decimal(hours, "加班時數")
    return max(Decimal(0), worked - _day_cap(_rate(day_kind, on), day_kind, regular_hours))


def overtime_pay_bands(
    hourly_wage: Any,
    hours: Any,
    day_kind: str,
    *,
    on: date | None = None,
    regular_hours: Any = 8,
    holiday_full_day: bool = True,
) -> list[PayBand]:
    """The pay of `hours` of extra work on a `day_kind` day, band by band (勞動基準法第24條、
    第39條、第40條), for the pay sheet.

    workday: the hours after the regular day — first 2 h ×(1+1/3), then ×(1+2/3). rest_day
    (休息日): hours 1–2 ×(1+1/3), 3–8 ×(1+2/3), from the 9th ×(2+2/3) (Ministry ruling; see the
    doubt in pay.toml). holiday (§39): work within the 8 regular hours pays one whole extra
    day's wage (8 h) however short (勞動部: 「於正常工作時間（8小時）以內再加發一日工資」;
    `holiday_full_day=False` pays only the hours, for comparisons), beyond 8 at the weekday
    overtime rates. regular_day_off (§40): double, beyond 8 h double again (§24(1)(iii)); a
    day of rest is also owed (not money). Actual hours: no rounding up to 4/8/12 (repealed
    2018-03-01). Hours beyond the day's cap (§32(2)) are paid at the last band's rate: the
    wage is owed for every hour worked; `overtime_hours_over_cap` reports the violation.
    `on` picks the rate version in force on that day (default: the current one).

    Raises RuleInputError for an unknown day kind or a negative wage or hours.
    """
    wage = _fraction(hourly_wage, "時薪")
    worked = _decimal(hours, "加班時數")
    row = _rate(day_kind, on)
    _day_cap(row, day_kind, regular_hours)  # validates regular_hours
    paid_hours = worked
    if holiday_full_day and day_kind == "holiday" and 0 < worked < 8:
        paid_hours = Decimal(8)
    bands: list[PayBand] = []
    lower = Decimal(0)
    last = len(row["bands"]) - 1
    for i, band in enumerate(row["bands"]):
        upper = Decimal(str(band["upto"])) if i < last else max(paid_hours, Decimal(str(band["upto"])))
        in_band = max(Decimal(0), min(paid_hours, upper) - lower)
        if in_band > 0:
            mult = Fraction(band["multiplier"])
            exact = wage * Fraction(in_band) * mult
            bands.append(PayBand(lower, lower + in_band, in_band, mult, _cents(exact), row["citation"]))
        lower = upper
    return bands


def overtime_pay(
    hourly_wage: Any,
    hours: Any,
    day_kind: str,
    *,
    on: date | None = None,
    regular_hours: Any = 8,
    holiday_full_day: bool = True,
) -> Decimal:
    """Overtime pay in NTD, Decimal to the cent (ROUND_HALF_UP), for `hours` of extra work
    on a `day_kind` day at `hourly_wage` (勞動基準法第24條、第39條、第40條).

    Same rules and keywords as `overtime_pay_bands`; the total is rounded once, from the
    exact sum of the bands. E.g. 200 NTD/h, 3 h on a workday: 2×200×4/3 + 1×200×5/3 = 866.67;
    3 h on a national holiday: a whole extra day, 8×200 = 1600.00.
    """
    bands = overtime_pay_bands(hourly_wage, hours, day_kind, on=on, regular_hours=regular_hours,
                               holiday_full_day=holiday_full_day)
    wage = _fraction(hourly_wage, "時薪")
    exact = sum((wage * Fraction(b.hours) * b.multiplier for b in bands), Fraction(0))
    return _cents(exact)


def _base_row(section: str, on: date | None) -> dict[str, Any]:
    rows = load_table("pay")[section]
    if on is None:
        return [r for r in rows if r.get("in_force_to") is None][0]
    return rows_in_force(rows, on, what="工資計算基準")[0]


def labor_hourly_wage(*, monthly: Any = None, hourly: Any = None, on: date | None = None,
                      exact: bool = False) -> Decimal | Fraction:
    """平日每小時工資額 of a worker, to the cent (half up) for display, or with `exact` as a
    Fraction to compute pay from (so that the pay is rounded once, not the rate first):
    `hourly` when paid by the hour, else `monthly` ÷ 30 ÷ 8 (勞動基準法第2條第3款; the
    Ministry's reading, pay.toml). E.g. 月薪 36,000 → 150.00; 36,100 → 150.42 (150.41666…).
    Exactly one of the two must be given."""
    if (monthly is None) == (hourly is None):
        raise RuleInputError("請提供月薪或時薪其中之一，以計算平日每小時工資額。")
    if hourly is not None:
        value = Fraction(_decimal(hourly, "時薪"))
    else:
        row = _base_row("hourly_base", on)
        value = Fraction(_decimal(monthly, "月薪")) / (row["days_per_month"] * row["hours_per_day"])
    return value if exact else _cents(value)


def labor_daily_wage(*, monthly: Any = None, hourly: Any = None, on: date | None = None) -> Fraction:
    """One day's wage (一日工資), exact: `monthly` ÷ 30, or `hourly` × 8 (施行細則第24條之1)."""
    if (monthly is None) == (hourly is None):
        raise RuleInputError("請提供月薪或時薪其中之一，以計算一日工資。")
    row = _base_row("hourly_base", on)
    if hourly is not None:
        return Fraction(_decimal(hourly, "時薪")) * row["hours_per_day"]
    return Fraction(_decimal(monthly, "月薪")) / row["days_per_month"]


def labor_unused_annual_leave_pay(days: Any, *, monthly: Any = None, hourly: Any = None,
                                  on: date | None = None) -> tuple[Decimal, str]:
    """Pay for `days` of annual leave not taken at the end of the year or of the contract
    (勞動基準法第38條第4項): one day's wage per day (施行細則第24條之1第2項: the last month's
    monthly wage ÷ 30). Fractions of a day (hours ÷ 8) pay pro rata. E.g. 3 days on 月薪
    36,000: 3 × 1,200 = 3,600.00. Returns (amount, citation)."""
    count = _decimal(days, "未休日數")
    daily = labor_daily_wage(monthly=monthly, hourly=hourly, on=on)
    return _cents(daily * Fraction(count)), _base_row("unused_annual_leave", on)["citation"]


def _cents(value: Fraction) -> Decimal:
    """A Fraction to Decimal cents, half up, without going through float."""
    scaled = value * 100
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    if 2 * rest >= scaled.denominator:
        whole += 1
    return (Decimal(whole) / 100).quantize(CENT, rounding=ROUND_HALF_UP)
