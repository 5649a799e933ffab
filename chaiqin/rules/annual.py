"""Annual leave by seniority (特別休假 / 休假) and what happens to unused days.

Law: 勞動基準法第38條 and 施行細則第24條 (labor), 公務人員請假規則第7條、第8條 and the
休假改進措施 (civil), 教師請假規則第8條 (teacher). Figures in rules/data/annual.toml.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from ._tables import load_table, rows_in_force
from .errors import RuleInputError
from .leave import add_months
from .regimes import CIVIL, LABOR, REGIMES, TEACHER, check_regime

__all__ = [
    "annual_leave_days", "annual_leave_year", "AnnualCarryOver", "annual_leave_carry_over",
]

BASES = ("anniversary", "calendar")


def _version(regime: str, on: date) -> dict[str, Any]:
    return rows_in_force(load_table("annual")[regime], on, what=f"{REGIMES[regime]}休假")


def _step_days(row: dict[str, Any], years: int) -> int:
    """Days for `years` complete years of service under the row's table."""
    days = 0
    for min_years, value in row["steps"]:
        if years >= min_years:
            days = value
    plus_from = row.get("plus_one_from_years")
    if plus_from is not None and years > plus_from:
        days = min(row["max_days"], days + years - plus_from)
    return days


def _check(regime: str, hired: date, on: date, basis: str) -> None:
    check_regime(regime)
    for value, what in ((hired, "到職日"), (on, "日期")):
        if not isinstance(value, date):
            raise RuleInputError(f"{what}必須是 datetime.date，收到 {value!r}。")
    if basis not in BASES:
        raise RuleInputError(f"未知的特別休假年度制「{basis}」：只接受 anniversary（周年制）或 calendar（曆年制）。")
    if hired > on:
        raise RuleInputError(f"到職日 {hired.isoformat()} 晚於 {on.isoformat()}，尚無年資。")


def _complete_years(hired: date, on: date) -> int:
    years = on.year - hired.year
    while years > 0 and add_months(hired, 12 * years) > on:
        years -= 1
    return years


def _labor_anniversary(hired: date, on: date, row: dict[str, Any]) -> Decimal:
    years = _complete_years(hired, on)
    if years >= 1:
        return Decimal(_step_days(row, years))
    return Decimal(row["six_months_days"]) if add_months(hired, 6) <= on else Decimal(0)


def _year_position(day: date, year: int) -> Fraction:
    """Months from 1 January of `year` to `day`, the current month as a fraction of its days.

    Measuring every boundary from the same 1 January makes the slices of one calendar
    year add up to exactly 12 months.
    """
    if day.year > year:
        return Fraction(12)
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    return (day.month - 1) + Fraction(day.day - 1, days_in_month)


def _labor_calendar(hired: date, on: date, row: dict[str, Any]) -> Decimal:
    year_start, year_end = date(on.year, 1, 1), date(on.year + 1, 1, 1)
    total = Fraction(0)
    six = add_months(hired, 6)
    if six.year == on.year:
        total += row["six_months_days"]  # falls whole into the year of the 6-month point
    n = 1
    while True:
        start, end = add_months(hired, 12 * n), add_months(hired, 12 * (n + 1))
        if start >= year_end:
            break
        lo, hi = max(start, year_start), min(end, year_end)
        overlap = _year_position(hi, on.year) - _year_position(lo, on.year) if hi > lo else Fraction(0)
        total += _step_days(row, n) * overlap / 12
        n += 1
    return (Decimal(total.numerator) / Decimal(total.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _half_day_up(days: Fraction) -> Decimal:
    """未滿半日以半日計，半日以上未滿一日以一日計: round up to the half day."""
    halves = (Decimal(days.numerator) * 2 / Decimal(days.denominator)).to_integral_value(ROUND_CEILING)
    return halves / 2


def _civil(hired: date, on: date, row: dict[str, Any]) -> Decimal:
    year = on.year
    if hired.year == year:
        return Decimal(row["joining_year_days"])
    if hired.year == year - 1 and hired.month > 1:
        months = 12 - hired.month + (1 if hired.day == 1 else 0)
        first = _step_days(row, 1)
        return max(_half_day_up(Fraction(first * months, 12)), Decimal(0))
    # Service to the end of the previous year; a January joiner's first year counts whole.
    years = year - hired.year - (0 if hired.month == 1 else 1)
    return Decimal(_step_days(row, years))


def _school_year_start(day: date) -> date:
    return date(day.year if day.month >= 8 else day.year - 1, 8, 1)


def _teacher(hired: date, on: date, row: dict[str, Any]) -> Decimal:
    current = _school_year_start(on)
    first_full = hired if (hired.month, hired.day) == (8, 1) else _school_year_start(hired).replace(
        year=_school_year_start(hired).year + 1)
    completed = max(0, current.year - first_full.year)
    return Decimal(_step_days(row, completed))


def annual_leave_days(regime: str, hired: date, on: date, *, basis: str = "anniversary",
                      admin_post: bool = False) -> Decimal:
    """Days of annual leave in the leave year that contains `on`.

    labor (勞動基準法第38條第1項): 6 months 3; 1 year 7; 2 10; 3 14; 5 15; 10 16, +1 a
    year to 30. basis="anniversary": the leave year runs from each anniversary (and from
    the 6-month point); basis="calendar": each anniversary entitlement prorated by months
    into the calendar years it spans, the 6-month days whole (施行細則第24條; Ministry
    example: hired 1 July, next year 6.5, the year after 8.5).
    civil (公務人員請假規則第7條、第8條): calendar year, by service to the end of the
    previous year: >=1 y 7; >=3 14; >=6 21; >=9 28; >=14 30; joined after January:
    prorated in the next year; from 2026 at least 3 days in the joining year.
    teacher (教師請假規則第8條): only with admin_post=True (else 0), by school year:
    7/14/21/28/30 from the 2nd/4th/7th/10th/15th school year.
    Raises RuleInputError for an unknown regime or basis, hired after `on`, or a day
    outside every rule version.
    """
    _check(regime, hired, on, basis)
    if regime == TEACHER and not admin_post:
        return Decimal(0)
    row = _version(regime, on)[0]
    if regime == LABOR:
        return _labor_calendar(hired, on, row) if basis == "calendar" else _labor_anniversary(hired, on, row)
    if regime == CIVIL:
        return _civil(hired, on, row)
    return _teacher(hired, on, row)


def annual_leave_year(regime: str, hired: date, on: date, *, basis: str = "anniversary") -> tuple[date, date]:
    """First and last day of the leave year that contains `on` (勞動基準法施行細則第24條).

    labor anniversary: from the last anniversary (or the 6-month point in the first year,
    or the hiring day before it); labor calendar and civil: the calendar year; teacher:
    the school year 8/1-7/31.
    """
    _check(regime, hired, on, basis)
    if regime == TEACHER:
        start = _school_year_start(on)
        return start, date(start.year + 1, 7, 31)
    if regime == CIVIL or basis == "calendar":
        return date(on.year, 1, 1), date(on.year, 12, 31)
    years = _complete_years(hired, on)
    if years >= 1:
        start, end = add_months(hired, 12 * years), add_months(hired, 12 * (years + 1))
    elif add_months(hired, 6) <= on:
        start, end = add_months(hired, 6), add_months(hired, 12)
    else:
        start, end = hired, add_months(hired, 6)
    return start, end - timedelta(days=1)


@dataclass(frozen=True)
class AnnualCarryOver:
    """What becomes of a leave year's unused annual leave, in days.

    kept_days: usable later (civil: until kept_until; labor: deferred to the next year);
    paid_days: paid out as wages (labor); lapsed_days: lost.
    """

    regime: str
    kept_days: Decimal
    paid_days: Decimal
    lapsed_days: Decimal
    kept_until: date | None
    explanation: str
    citation: str


def _days(value: Any, what: str) -> Decimal:
    try:
        days = Decimal(str(value))
    except Exception as exc:  # decimal.InvalidOperation and friends
        raise RuleInputError(f"{what}必須是數字，收到 {value!r}。") from exc
    if not days.is_finite() or days < 0 or days > 366:
        raise RuleInputError(f"{what}不合理：{value!r}。")
    return days


def annual_leave_carry_over(regime: str, *, entitled: Decimal, taken: Decimal, year_end: date,
                            deferred_in: Decimal = Decimal(0), agreement: bool = False) -> AnnualCarryOver:
    """Split a leave year's unused days into kept, paid and lapsed.

    civil (休假改進措施; seed 003 休假 Q.3, 國民旅遊卡 Q.1): at least min(entitled, 10) days
    must be taken; unused days inside those 10 lapse; days beyond them may be kept to the
    third year (the leave year being the first) and lapse if still unused then.
    labor (勞動基準法第38條第4項): `taken` uses the `deferred_in` days from last year first;
    deferred days still unused are paid; this year's unused days are deferred one year by
    `agreement`, otherwise paid.
    teacher (教師請假規則第8條): unused days are not kept.
    `year_end` is the last day of the leave year. Raises RuleInputError for negative or
    absurd figures or more taken than available.
    """
    check_regime(regime)
    entitled, taken, deferred_in = (_days(entitled, "核給日數"), _days(taken, "已休日數"),
                                    _days(deferred_in, "遞延日數"))
    if not isinstance(year_end, date):
        raise RuleInputError(f"年度末日必須是 datetime.date，收到 {year_end!r}。")
    if taken > entitled + deferred_in:
        raise RuleInputError(f"已休 {taken} 日多於可休之 {entitled + deferred_in} 日。")
    zero = Decimal(0)
    if regime == LABOR:
        row = _version(LABOR, year_end)[0]
        from_deferred = min(taken, deferred_in)
        unpaid_deferred = deferred_in - from_deferred
        unused = entitled - (taken - from_deferred)
        kept = unused if agreement else zero
        paid = unpaid_deferred + (zero if agreement else unused)
        why = (f"遞延之{deferred_in}日優先扣除，未休之遞延日數{unpaid_deferred}日發給工資；"
               + (f"本年度未休{unused}日經協商遞延至次一年度。" if agreement else f"本年度未休{unused}日發給工資。"))
        return AnnualCarryOver(regime, kept, paid, zero,
                               add_months(year_end + timedelta(days=1), 12) - timedelta(days=1) if kept else None,
                               why, row["carry_citation"])
    if deferred_in:
        raise RuleInputError(f"{REGIMES[regime]}無遞延之特別休假；保留之休假另行計算。")
    if regime == TEACHER:
        row = _version(TEACHER, year_end)[0]
        unused = entitled - taken
        return AnnualCarryOver(regime, zero, zero, unused, None,
                               f"教師未休之休假{unused}日不予保留。", row["carry_citation"])
    row = _version(CIVIL, year_end)[0]
    mandatory = min(entitled, Decimal(row["mandatory_days"]))
    lapsed = max(zero, mandatory - taken)
    kept = entitled - max(taken, mandatory)
    until = date(year_end.year + row["keep_years"] - 1, 12, 31) if kept else None
    why = (f"應休畢{mandatory}日，未休之{lapsed}日視為放棄；其餘未休{kept}日得保留"
           + (f"至{until.year}年底（第三年）。" if until else "。"))
    return AnnualCarryOver(regime, kept, zero, lapsed, until, why, row["carry_citation"])
