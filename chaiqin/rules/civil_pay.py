"""Overtime pay of civil servants, 聘用/約僱 staff and public-school staff (各機關加班費支給
辦法, in force 2023-01-01), and the civil servants' pay for annual leave not taken (未休假
加班費, 行政院與所屬中央及地方各機關公務人員休假改進措施).

Figures are data (rules/data/civil_pay.toml) with citations and in-force dates. Money is
Decimal to the cent, half up, computed exactly (Fraction) and rounded once.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, NamedTuple

from ._tables import load_table, rows_in_force
from .errors import RuleInputError
from .leave import DAY_MINUTES
from .pay import _cents, _decimal

__all__ = [
    "CivilPayCaps",
    "CivilPaySplit",
    "civil_hourly_base",
    "civil_overtime_pay",
    "civil_pay_caps",
    "civil_overtime_split",
    "civil_unused_leave_pay",
    "civil_comp_time_years",
    "unused_annual_leave_payable",
]

DAY_OFF_KINDS = ("rest_day", "holiday", "regular_day_off")


class CivilPayCaps(NamedTuple):
    """Paid overtime hours allowed (各機關加班費支給辦法第5條, or an agency's stricter rule)."""

    workday_hours: Decimal
    day_off_hours: Decimal
    month_hours: Decimal
    citation: str


class CivilPaySplit(NamedTuple):
    """How many of a claim's minutes are paid and how many become comp time, and why."""

    pay_minutes: int
    comp_minutes: int
    reason: str  # "" when all is paid; else the cap that stopped the pay, with its article


def _row(section: str, on: date) -> dict[str, Any]:
    return rows_in_force(load_table("civil_pay")[section], on, what=f"加班費支給規定（{section}）")[0]


def civil_hourly_base(*, on: date, salary: Any = 0, professional: Any = 0, supervisory: Any = 0,
                      single_pay: Any = None) -> Decimal:
    """每小時加班費 (各機關加班費支給辦法第4條): (月支薪俸 `salary` + 專業加給 `professional` +
    主管職務加給 `supervisory`) ÷ 240; for 聘用/約僱 staff their 月支單一薪酬 `single_pay` ÷ 240.
    To the cent, half up. E.g. 薪俸 38,000 + 專業加給 22,000 = 60,000 ÷ 240 = 250.00."""
    row = _row("base", on)
    if single_pay is not None:
        total = Fraction(_decimal(single_pay, "月支單一薪酬"))
    else:
        total = (Fraction(_decimal(salary, "月支薪俸")) + Fraction(_decimal(professional, "專業加給"))
                 + Fraction(_decimal(supervisory, "主管職務加給")))
    return _cents(total / row["divisor"])


def civil_overtime_pay(monthly_total: Any, minutes: int, *, on: date) -> Decimal:
    """The pay of `minutes` of paid overtime at (`monthly_total` ÷ 240) an hour (第4條), exact
    and rounded once to the cent. `monthly_total` is the sum the hourly base is taken from
    (薪俸 + 專業加給 + 主管職務加給, or 單一薪酬). The same rate on every kind of day: the 辦法
    has no premium for days off. E.g. 60,000 a month, 4 h: 60,000 ÷ 240 × 4 = 1,000.00."""
    total = Fraction(_decimal(monthly_total, "月支俸給合計"))
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 0:
        raise RuleInputError(f"加班分鐘數必須是非負整數，收到 {minutes!r}。")
    return _cents(total / _row("base", on)["divisor"] * Fraction(minutes, 60))


def civil_pay_caps(on: date, *, workday_hours: Any = None, day_off_hours: Any = None,
                   month_hours: Any = None) -> CivilPayCaps:
    """The paid-hour caps on `on` (第5條: 4 h a workday, 8 h a day off, 20 h a month). An
    agency's 加班管制要點 may be stricter: a given figure replaces the 辦法's only when lower."""
    row = _row("caps", on)

    def pick(own: Any, key: str, what: str) -> Decimal:
        law = Decimal(str(row[key]))
        return law if own is None else min(law, _decimal(own, what))

    return CivilPayCaps(pick(workday_hours, "workday_hours", "工作日支給時數上限"),
                        pick(day_off_hours, "day_off_hours", "假日支給時數上限"),
                        pick(month_hours, "month_hours", "每月支給時數上限"), row["citation"])


def civil_overtime_split(minutes: int, day_kind: str, *, on: date, paid_today: int = 0, paid_this_month: int = 0,
                         project: bool = False, caps: CivilPayCaps | None = None) -> CivilPaySplit:
    """Split a claim of `minutes` for pay into paid minutes and comp time (第5條, 第6條).

    The day's paid minutes (`paid_today` already paid that day plus these) stay within 4 h
    on a workday, 8 h on a day off; the month's (`paid_this_month` already paid) within 20 h
    unless `project` (專案加班 approved by the agency: paid beyond 20 h within its budget,
    the day's cap still applies). What is not paid becomes comp time (第6條). `caps`: the
    agency's stricter figures (civil_pay_caps). E.g. 25 h claimed in a month, 20 paid and 5
    as comp time."""
    if not isinstance(minutes, int) or minutes < 0:
        raise RuleInputError(f"加班分鐘數必須是非負整數，收到 {minutes!r}。")
    caps = caps or civil_pay_caps(on)
    day_cap = caps.day_off_hours if day_kind in DAY_OFF_KINDS else caps.workday_hours
    room_day = max(0, int(day_cap * 60) - paid_today)
    pay = min(minutes, room_day)
    reason = ""
    if pay < minutes:
        label = "假日" if day_kind in DAY_OFF_KINDS else "工作日"
        reason = f"{label}加班費每日至多支給{day_cap}小時（{caps.citation}），其餘改給補休"
    if not project:
        room_month = max(0, int(caps.month_hours * 60) - paid_this_month)
        if room_month < pay:
            pay = room_month
            reason = f"加班費每月至多支給{caps.month_hours}小時（{caps.citation}；專案加班除外），其餘改給補休"
    return CivilPaySplit(pay, minutes - pay, reason)


def civil_comp_time_years(on: date) -> tuple[int, str]:
    """Comp time of the 辦法 is taken within this many years (第6條); (years, citation)."""
    row = _row("comp_time", on)
    return int(row["years"]), row["citation"]


def unused_annual_leave_payable(regime: str, *, asked_minutes: int, payable_minutes: int | None, on: date,
                                day_minutes: int = DAY_MINUTES) -> str:
    """Check that the days of annual leave to be paid are those the leave year's close left payable;
    returns the citation, raises RuleInputError (in Chinese, naming the rule) otherwise.

    `payable_minutes` is what the close of the leave year ending `on` left (None: not closed yet):
    - civil (行政院與所屬中央及地方各機關公務人員休假改進措施): only days beyond the compulsory ones,
      which the close kept, not yet used, and which the servant chooses to be paid instead of
      kept (未休假加班費); the days inside the compulsory ones are never paid;
    - labor (勞動基準法第38條第4項): the days not taken by the year's end that the close did not
      defer (or deferred days still not taken), one day's wage a day.
    E.g. a civil servant entitled to 14 days who took 10 keeps 4 at the close: 4 days may be paid,
    5 are refused."""
    if regime == "labor":
        citation = rows_in_force(load_table("pay")["unused_annual_leave"], on, what="工資計算基準")[0]["citation"]
        what, left = "特別休假未休工資", "年度終結時未休且未經協商遞延"
    else:
        citation = _row("unused_leave", on)["citation"]
        what, left = "未休假加班費", "應休畢日數以外、於年度結算時保留且尚未休用"
    if payable_minutes is None:
        raise RuleInputError(f"該休假年度（至{on.year - 1911}年{on.month}月{on.day}日）尚未辦理年度結算："
                             f"{what}依年度結算之結果發給（{citation}）。")
    if asked_minutes > payable_minutes:
        def days(m: int) -> str:
            return f"{Decimal(m) / day_minutes:f}".rstrip("0").rstrip(".") if m % day_minutes else str(m // day_minutes)
        raise RuleInputError(f"可發給{what}者為{left}之 {days(payable_minutes)} 日，"
                             f"所請 {days(asked_minutes)} 日超過（{citation}）。")
    return citation


def civil_unused_leave_pay(days: Any, *, on: date, salary: Any = 0, professional: Any = 0,
                           supervisory: Any = 0) -> tuple[Decimal, str]:
    """未休假加班費 for `days` of annual leave beyond the compulsory ones that the servant chose
    neither to take nor to keep (休假改進措施): one day's pay per day, (月支薪俸 + 專業加給 +
    主管職務加給) ÷ 30. Hours pay pro rata (a day is 8 hours). E.g. 4 days on 60,000 a month:
    4 × 2,000 = 8,000.00. Returns (amount, citation). The agency's budget cap is applied by
    the caller, which knows everyone's claims."""
    row = _row("unused_leave", on)
    count = _decimal(days, "未休假日數")
    total = (Fraction(_decimal(salary, "月支薪俸")) + Fraction(_decimal(professional, "專業加給"))
             + Fraction(_decimal(supervisory, "主管職務加給")))
    return _cents(total / row["divisor"] * Fraction(count)), row["citation"]
