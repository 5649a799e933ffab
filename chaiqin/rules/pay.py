"""Overtime pay of workers under the Labor Standards Act (勞動基準法第24條、第39條、第40條).

Rates are data (rules/data/pay.toml), band by band, with citations. Money is Decimal,
rounded half up to the cent only at the end; the bands are computed exactly (Fraction).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, NamedTuple

from ._tables import load_table, rows_in_force
from .errors import RuleInputError

__all__ = ["overtime_pay", "overtime_pay_bands", "PayBand"]

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


def overtime_pay_bands(
    hourly_wage: Any,
    hours: Any,
    day_kind: str,
    *,
    on: date | None = None,
    regular_hours: Any = 8,
    holiday_full_day: bool = False,
) -> list[PayBand]:
    """The pay of `hours` of extra work on a `day_kind` day, band by band (勞動基準法第24條、
    第39條、第40條), for the pay sheet.

    workday: the hours after the regular day — first 2 h ×(1+1/3), hours 3–4 ×(1+2/3); at most
    12 − `regular_hours` (§32(2); a §30 flexible schedule with longer regular days leaves less
    room, never more than the 4 hours §24(1) prices). rest_day (休息日): hours 1–2 ×(1+1/3), 3–8 ×(1+2/3), 9–12
    ×(2+2/3) (Ministry ruling; see the doubt in pay.toml). holiday (§39): hours 1–8 one more
    hourly wage each (the day's own wage is already paid: double), beyond 8 at the weekday
    overtime rates; `holiday_full_day=True` pays a whole extra day (8 h) for shorter work.
    regular_day_off (§40): double, beyond 8 h double again (§24(1)(iii)); a day of rest is
    also owed (not money). Actual hours: no rounding up to 4/8/12 (repealed 2018-03-01).
    `on` picks the rate version in force on that day (default: the current one).

    Raises RuleInputError for an unknown day kind, a negative wage or hours, or hours beyond
    the day's cap.
    """
    wage = _decimal(hourly_wage, "時薪")
    worked = _decimal(hours, "加班時數")
    row = _rate(day_kind, on)
    max_hours = Decimal(str(row["max_hours"]))
    if day_kind == "workday":
        regular = _decimal(regular_hours, "正常工時")
        if regular > 12:
            raise RuleInputError(f"正常工時 {regular} 小時超過每日12小時上限（勞動基準法第32條第2項）。")
        max_hours = min(max_hours, Decimal(12) - regular)
    if worked > max_hours:
        raise RuleInputError(
            f"{day_kind} 加班 {worked} 小時超過每日上限（最多 {max_hours} 小時；連同正常工時每日不得超過12小時，"
            f"勞動基準法第32條第2項）。"
        )
    paid_hours = worked
    if holiday_full_day and day_kind == "holiday" and 0 < worked < 8:
        paid_hours = Decimal(8)
    bands: list[PayBand] = []
    lower = Decimal(0)
    for band in row["bands"]:
        upper = Decimal(str(band["upto"]))
        in_band = max(Decimal(0), min(paid_hours, upper) - lower)
        if in_band > 0:
            mult = Fraction(band["multiplier"])
            exact = Fraction(wage) * Fraction(in_band) * mult
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
    holiday_full_day: bool = False,
) -> Decimal:
    """Overtime pay in NTD, Decimal to the cent (ROUND_HALF_UP), for `hours` of extra work
    on a `day_kind` day at `hourly_wage` (勞動基準法第24條、第39條、第40條).

    Same rules and keywords as `overtime_pay_bands`; the total is rounded once, from the
    exact sum of the bands. E.g. 200 NTD/h, 3 h on a workday: 2×200×4/3 + 1×200×5/3 = 866.67.
    """
    bands = overtime_pay_bands(hourly_wage, hours, day_kind, on=on, regular_hours=regular_hours,
                               holiday_full_day=holiday_full_day)
    wage = _decimal(hourly_wage, "時薪")
    exact = sum((Fraction(wage) * Fraction(b.hours) * b.multiplier for b in bands), Fraction(0))
    return _cents(exact)


def _cents(value: Fraction) -> Decimal:
    """A Fraction to Decimal cents, half up, without going through float."""
    scaled = value * 100
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    if 2 * rest >= scaled.denominator:
        whole += 1
    return (Decimal(whole) / 100).quantize(CENT, rounding=ROUND_HALF_UP)
