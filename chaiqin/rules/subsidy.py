"""The national travel card subsidy (國民旅遊卡 休假補助) and the compulsory annual leave days.

Source: 行政院與所屬中央及地方各機關公務人員休假改進措施第5點 (RULES.md), as the seed school
explains it (seed 003, 國民旅遊卡 Q.1–Q.3); figures in `rules/data/travel_card.toml`:

- 1,600 NTD per day of the year's annual leave entitlement, at most 10 days (16,000).
- The first 8,000 is self-use (自行運用額度), the rest tourism (觀光旅遊額度); "自行運用額度優先".
- Entitlement of 5 days or less: everything is self-use (5 × 1,600 = 8,000, so this agrees
  with the 8,000 split; it is applied explicitly so the result cites it).
- No entitlement or under 2 days: the subsidy of 2 days (3,200), self-use.
- Pregnancy of the servant, the spouse or a lineal relative, disability or serious illness,
  accepted by the agency (第5點第1項第1款第4目): the whole subsidy is self-use.
- Compulsory days: entitled to 10 days or less, take them all; more, take at least 10
  (seed 003 Q.1: 仍應休完應休畢日數10日，至年終未休畢者視為放棄).

Amounts are `Decimal` whole NTD. Entitlements are in half days (a prorated first-year
entitlement can be 6.5 days); anything finer is refused rather than silently paid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from ._tables import load_table, rows_in_force
from .errors import RuleInputError

__all__ = [
    "Subsidy",
    "CompulsoryLeave",
    "travel_card_subsidy",
    "compulsory_leave_owed",
]


@dataclass(frozen=True)
class Subsidy:
    """A year's travel card subsidy in NTD: `total` = `self_use` + `tourism`.

    `days` is the number of days the subsidy is computed on (after the 2-day floor and the
    10-day cap); `basis` says in Chinese which rule fixed the split.
    """

    total: Decimal
    self_use: Decimal
    tourism: Decimal
    days: Decimal
    basis: str
    citation: str


@dataclass(frozen=True)
class CompulsoryLeave:
    """How many of the year's compulsory annual leave days are still to be taken."""

    entitled: Decimal
    required: Decimal
    taken: Decimal
    owed: Decimal
    citation: str


def _row(section: str, on: date | None) -> dict:
    rows = load_table("travel_card")[section]
    if on is None:
        # No date: the newest version (rows are listed oldest first).
        return rows[-1]
    return rows_in_force(rows, on, what="國民旅遊卡休假補助")[-1]


def _days(value: object, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise RuleInputError(f"{what}必須是數字（日數），收到 {value!r}。")
    try:
        # str() first so that 6.5 (float) becomes Decimal("6.5"), not its binary expansion.
        days = Decimal(str(value))
    except InvalidOperation:  # pragma: no cover - str() of a number always parses
        raise RuleInputError(f"{what}不是有效的日數：{value!r}。") from None
    if not days.is_finite():
        raise RuleInputError(f"{what}不是有效的日數：{value!r}。")
    if days < 0:
        raise RuleInputError(f"{what}不得為負數，收到 {value}。")
    return days


def _entitlement(value: object, row: dict) -> Decimal:
    days = _days(value, "休假日數")
    if (days * 2) % 1 != 0:
        raise RuleInputError(f"休假日數以半日為單位，收到 {value}；請先依規定進整。")
    if days > row["max_entitlement_days"]:
        raise RuleInputError(
            f"休假日數 {value} 超過每年最多 {row['max_entitlement_days']} 日；保留之休假不另計補助。"
        )
    return days


def travel_card_subsidy(
    annual_days: int | Decimal, *, all_self_use: bool = False, on: date | None = None
) -> Subsidy:
    """The year's travel card subsidy for an annual leave entitlement of `annual_days`.

    休假改進措施第5點 (seed 003 國民旅遊卡 Q.1–Q.3): 1,600 per day up to 10 days (16,000);
    the first 8,000 self-use, the rest tourism; 5 days or less all self-use; no
    entitlement or under 2 days: 3,200 self-use. `all_self_use=True` when the agency has
    accepted that the servant cannot travel this year because of pregnancy (own, spouse's
    or a lineal relative's), disability or serious illness (第5點第1項第1款第4目): the whole
    subsidy is self-use. `on` picks the rule version (default: the current one; refused
    before 2020). `annual_days` may be a Decimal in half days (6.5 → 10,400 = 8,000 +
    2,400); negative, finer than half a day, or over 30 days raises RuleInputError.
    """
    row = _row("subsidy", on)
    days = _entitlement(annual_days, row)
    per_day = Decimal(row["per_day"])
    self_use_cap = Decimal(row["self_use_cap"])

    if days < row["minimum_days"]:
        # Q.3 三: 無休假資格或休假資格未達2日，酌給相當2日之休假補助費，屬自行運用額度.
        paid_days = Decimal(row["minimum_days"])
        total = paid_days * per_day
        return Subsidy(total=total, self_use=total, tourism=Decimal(0), days=paid_days,
                       basis="休假資格未達2日，酌給相當2日之休假補助費，屬自行運用額度",
                       citation=row["citation"])

    paid_days = min(days, Decimal(row["max_days"]))
    total = paid_days * per_day
    if all_self_use:
        return Subsidy(total=total, self_use=total, tourism=Decimal(0), days=paid_days,
                       basis="本人、配偶或直系血親懷孕、身心障礙或重大傷病，經服務機關認定，補助總額均屬自行運用額度",
                       citation=row["citation_all_self_use"])
    if days <= row["all_self_use_max_days"]:
        return Subsidy(total=total, self_use=total, tourism=Decimal(0), days=paid_days,
                       basis="休假資格在五日以下，補助總額均屬自行運用額度",
                       citation=row["citation"])
    self_use = min(total, self_use_cap)
    return Subsidy(total=total, self_use=self_use, tourism=total - self_use, days=paid_days,
                   basis="自行運用額度優先，逾8,000元部分屬觀光旅遊額度",
                   citation=row["citation"])


def compulsory_leave_owed(
    entitled_days: int | Decimal, taken_days: int | Decimal, *, on: date | None = None
) -> CompulsoryLeave:
    """How many of the compulsory annual leave days are still owed, for year-end reminders.

    休假改進措施 and 公務人員請假規則第10條 (seed 003 國民旅遊卡 Q.1, RULES.md): a servant
    entitled to 10 days or less must take all of them; one entitled to more must take at
    least 10; compulsory days not taken by the year end are forfeited. `taken_days` is the
    annual leave taken so far this year against this year's entitlement (may include hours
    as a fraction of a day); taking more than required leaves 0 owed. `on` picks the rule
    version. Negative or absurd input raises RuleInputError.
    """
    row = _row("compulsory", on)
    entitled = _entitlement(entitled_days, _row("subsidy", on))
    taken = _days(taken_days, "已休日數")
    required = min(entitled, Decimal(row["days"]))
    owed = max(Decimal(0), required - taken)
    return CompulsoryLeave(entitled=entitled, required=required, taken=taken, owed=owed,
                           citation=row["citation"])
