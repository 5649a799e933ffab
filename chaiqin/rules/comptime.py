"""Comp time (補休): expiry, oldest-first use, and what is owed when it lapses
(勞動基準法第32條之1, 施行細則第22條之2; seed 003 Q.4 and Q.6; Executive Yuan rule for
civil servants).

Pure functions: the DB ledger (overtime app) posts grant, use, expiry and payment rows from
what `comp_time_ledger` returns; nothing here keeps state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Hashable, Iterable, NamedTuple

from ._tables import load_table, rows_in_force
from .errors import RuleInputError
from .regimes import check_regime

__all__ = [
    "CompGrant",
    "CompUse",
    "CompAllocation",
    "CompLapse",
    "CompLedger",
    "comp_time_expires_on",
    "comp_time_ledger",
    "holiday_overtime_day",
    "CompTimeUse",
    "comp_time_use",
    "OvertimeCredit",
    "overtime_credit",
]

CENT = Decimal("0.01")


class CompGrant(NamedTuple):
    """Comp time earned: `minutes` earned on `earned_on`, usable through `expires_on`
    (inclusive). `pay` is what the same minutes would have been paid on the day earned
    (rules.overtime_pay for that day), used to pay what lapses under the LSA."""

    grant_id: Hashable
    earned_on: date
    minutes: int
    expires_on: date
    day_kind: str = "workday"
    pay: Decimal | None = None


class CompUse(NamedTuple):
    """Comp time taken: `minutes` on `used_on`."""

    use_id: Hashable
    used_on: date
    minutes: int


class CompAllocation(NamedTuple):
    """`minutes` of use `use_id` taken from grant `grant_id`."""

    use_id: Hashable
    grant_id: Hashable
    minutes: int
    used_on: date


class CompLapse(NamedTuple):
    """Unused minutes of a grant that lapse (or will) on `expires_on`. Under the LSA they are
    paid (`payable`, `amount`) by `pay_by` (施行細則第22條之2: within 30 days)."""

    grant_id: Hashable
    minutes: int
    expires_on: date
    payable: bool
    amount: Decimal | None
    pay_by: date | None
    citation: str


@dataclass
class CompLedger:
    """The state of a person's comp time on `on`."""

    on: date
    allocations: list[CompAllocation] = field(default_factory=list)
    remaining: dict[Hashable, int] = field(default_factory=dict)  # per grant, after all uses
    balance_minutes: int = 0  # usable on `on`: remaining of grants not yet expired
    expired: list[CompLapse] = field(default_factory=list)  # expires_on < on
    expiring: list[CompLapse] = field(default_factory=list)  # on <= expires_on <= on + warn_days


def _expiry_row(regime: str, on: date) -> dict[str, Any]:
    check_regime(regime)
    table = load_table("comptime")
    base = table["regime_alias"].get(regime, regime)
    rows = [r for r in table["expiry"] if r["regime"] == base]
    return rows_in_force(rows, on, what=f"補休期限（{base}）")[0]


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class CompTimeUse:
    """How comp time is taken: its unit, oldest grant first, and the rule that says so."""

    unit_minutes: int
    citation: str


def comp_time_use(regime: str, on: date) -> CompTimeUse:
    """The unit in which comp time is taken on `on` (by the hour: 勞動基準法第32條之1 for workers,
    行政院各機關加班補休規定 for civil servants and teachers), in the order the overtime was worked."""
    check_regime(regime)
    table = load_table("comptime")
    base = table["regime_alias"].get(regime, regime)
    row = rows_in_force([r for r in table["use"] if r["regime"] == base], on, what=f"補休單位（{base}）")[0]
    return CompTimeUse(unit_minutes=int(row["unit_minutes"]), citation=row["citation"])


@dataclass(frozen=True)
class OvertimeCredit:
    """Of `worked` minutes, the `minutes` credited (whole units of `unit_minutes`) and the
    `dropped` remainder, with the rule that says so."""

    worked: int
    minutes: int
    dropped: int
    unit_minutes: int
    citation: str


def overtime_credit(regime: str, on: date, worked: int, *, unit_minutes: int | None = None) -> OvertimeCredit:
    """The minutes of a claim of `worked` minutes on `on` that count as overtime (as pay or comp time).

    civil and teacher: whole hours only, the remainder under one hour dropped (各機關加班費支給
    辦法第4條 and the agencies' 加班管制要點; 5 minutes signed in and out credit nothing, 95
    minutes credit 60). An agency's own 管制要點 may count by a smaller unit: `unit_minutes`
    (a divisor of 60). labor: every minute worked (勞動基準法第24條、第32條之1); `unit_minutes`
    is not accepted there, since the LSA lets no worked time be dropped.
    Raises RuleInputError for a negative `worked` or a bad unit.
    """
    check_regime(regime)
    if not isinstance(worked, int) or worked < 0:
        raise RuleInputError(f"加班分鐘數必須是非負整數，收到 {worked!r}。")
    table = load_table("comptime")
    base = table["regime_alias"].get(regime, regime)
    row = rows_in_force([r for r in table["credit"] if r["regime"] == base], on, what=f"加班採計單位（{base}）")[0]
    unit = int(row["unit_minutes"])
    if unit_minutes is not None:
        if base == "labor":
            raise RuleInputError("勞動基準法適用人員之加班依實際工作時間計給，不得另訂採計單位。")
        if not isinstance(unit_minutes, int) or unit_minutes <= 0 or 60 % unit_minutes:
            raise RuleInputError(f"加班採計單位必須是 60 的因數分鐘數，收到 {unit_minutes!r}。")
        unit = unit_minutes
    credited = worked // unit * unit
    return OvertimeCredit(worked=worked, minutes=credited, dropped=worked - credited, unit_minutes=unit,
                          citation=row["citation"])


def comp_time_expires_on(
    regime: str,
    earned_on: date,
    *,
    years: int | None = None,
    agreed_on: date | None = None,
    leave_year_end: date | None = None,
) -> date:
    """The last day comp time earned on `earned_on` may be used.

    civil and teacher: within `years` (Executive Yuan: 2, the default from comptime.toml; the
    seed school's rule is 1, seed 003 Q.4 "補休應於1年內請畢"). labor (勞動基準法第32條之1):
    the date agreed (`agreed_on`, or `years` after earning, default 1 as at the seed school)
    but never after the end of the annual-leave year (`leave_year_end`, 施行細則第22條之2).
    "Within 1 year" of 2025-05-01 means through 2026-04-30.
    Raises RuleInputError for an unknown regime, a non-positive `years`, or an agreed or
    leave-year end before the day earned.
    """
    if not isinstance(earned_on, date):
        raise RuleInputError(f"加班日必須是 datetime.date，收到 {earned_on!r}。")
    row = _expiry_row(regime, earned_on)
    if years is None:
        years = row["years"]
    if not isinstance(years, int) or years <= 0:
        raise RuleInputError(f"補休期限年數必須是正整數，收到 {years!r}。")
    last = _add_years(earned_on, years) - timedelta(days=1)
    if agreed_on is not None:
        if agreed_on < earned_on:
            raise RuleInputError(f"約定補休期限 {agreed_on} 早於加班日 {earned_on}。")
        last = agreed_on
    if row["paid_when_unused"] and leave_year_end is not None:
        if leave_year_end < earned_on:
            raise RuleInputError(f"特別休假年度終結日 {leave_year_end} 早於加班日 {earned_on}。")
        last = min(last, leave_year_end)
    return last


def comp_time_ledger(
    regime: str,
    grants: Iterable[CompGrant],
    uses: Iterable[CompUse],
    *,
    on: date,
    warn_days: int = 30,
) -> CompLedger:
    """Allocate `uses` to `grants` oldest first and report what lapses (勞動基準法第32條之1;
    seed 003 Q.6: 依延長工作時間或休息日工作事實發生時間先後順序補休).

    Uses are applied in date order; each takes minutes from the grants earned on or before
    it and not yet expired on its date, the earliest earned first (then the earliest
    expiring, then by id). A use that the usable grants cannot cover raises RuleInputError
    (the ledger must not go negative). On `on`: grants whose `expires_on` is before `on` with
    minutes left are `expired`; those expiring within `warn_days` are `expiring`. Under the
    LSA both carry the amount owed — the grant's `pay` prorated to the unused minutes,
    rounded half up to the cent — and `pay_by` = expiry + 30 days (施行細則第22條之2); for
    civil servants and teachers unused comp time simply lapses.
    """
    if not isinstance(on, date):
        raise RuleInputError(f"on 必須是 datetime.date，收到 {on!r}。")
    grants = [g if isinstance(g, CompGrant) else CompGrant(*g) for g in grants]
    uses = [u if isinstance(u, CompUse) else CompUse(*u) for u in uses]
    ids = [g.grant_id for g in grants]
    if len(set(ids)) != len(ids):
        raise RuleInputError("補休來源（grant_id）重複。")
    for g in grants:
        if not (isinstance(g.minutes, int) and g.minutes > 0):
            raise RuleInputError(f"補休時數必須是正整數分鐘，收到 {g.minutes!r}（{g.grant_id!r}）。")
        if g.expires_on < g.earned_on:
            raise RuleInputError(f"補休期限 {g.expires_on} 早於加班日 {g.earned_on}（{g.grant_id!r}）。")
        if g.pay is not None and (not isinstance(g.pay, (Decimal, int)) or g.pay < 0):
            raise RuleInputError(f"加班費金額必須是非負的 Decimal，收到 {g.pay!r}（{g.grant_id!r}）。")
    for u in uses:
        if not (isinstance(u.minutes, int) and u.minutes > 0):
            raise RuleInputError(f"補休使用時數必須是正整數分鐘，收到 {u.minutes!r}（{u.use_id!r}）。")
    row = _expiry_row(regime, on)

    order = sorted(grants, key=lambda g: (g.earned_on, g.expires_on, repr(g.grant_id)))
    left = {g.grant_id: g.minutes for g in order}
    ledger = CompLedger(on=on)
    for use in sorted(uses, key=lambda u: (u.used_on, repr(u.use_id))):
        need = use.minutes
        for g in order:
            if need == 0:
                break
            if g.earned_on > use.used_on or g.expires_on < use.used_on or left[g.grant_id] == 0:
                continue
            take = min(need, left[g.grant_id])
            left[g.grant_id] -= take
            need -= take
            ledger.allocations.append(CompAllocation(use.use_id, g.grant_id, take, use.used_on))
        if need:
            raise RuleInputError(
                f"{use.used_on} 補休 {use.minutes} 分鐘，可用補休不足 {need} 分鐘（{use.use_id!r}）。"
            )
    ledger.remaining = left
    paid = row["paid_when_unused"]
    for g in order:
        rest = left[g.grant_id]
        if rest == 0:
            continue
        if g.expires_on >= on:
            ledger.balance_minutes += rest
        amount = None
        if paid and g.pay is not None:
            amount = (Decimal(g.pay) * rest / g.minutes).quantize(CENT, rounding=ROUND_HALF_UP)
        lapse = CompLapse(
            g.grant_id, rest, g.expires_on, paid, amount,
            g.expires_on + timedelta(days=row["pay_within_days"]) if paid else None,
            row["citation"],
        )
        if g.expires_on < on:
            ledger.expired.append(lapse)
        elif g.expires_on <= on + timedelta(days=warn_days):
            ledger.expiring.append(lapse)
    return ledger


def holiday_overtime_day(holiday: date, observed: date | None = None) -> date:
    """The date to enter for overtime and comp time earned on a national holiday: the
    holiday's own date, even when it falls on a weekend and the day off is observed on
    another day (seed 003 Q.4: 勞動節 2022-05-01 was a Sunday; overtime is entered as 5/1,
    not the Monday 5/2; 勞動基準法第37條). `observed`, if given, is only checked to be a
    different day within a week of the holiday (a substitute day), never returned.
    """
    if not isinstance(holiday, date):
        raise RuleInputError(f"國定假日必須是 datetime.date，收到 {holiday!r}。")
    if observed is not None:
        if not isinstance(observed, date):
            raise RuleInputError(f"補假日必須是 datetime.date，收到 {observed!r}。")
        if abs((observed - holiday).days) > 7:
            raise RuleInputError(f"補假日 {observed} 與國定假日 {holiday} 相距超過一週，請確認。")
    return holiday
