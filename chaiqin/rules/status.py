"""留職停薪 stops the clock: no leave or punches during it; seniority and the leave year afterwards.

Law (rules/data/unpaid_leave.toml): 公務人員留職停薪辦法 and 公務人員請假規則第7條、第8條 (civil),
教育人員留職停薪辦法 and 教師請假規則第8條 (teacher), 勞動基準法第38條第1項 with the Ministry of
Labor's reading that the time on 留職停薪 is not service for 特別休假 (labor). During 留職停薪 the
duty to work is suspended, so there is nothing leave could excuse and nothing to clock.

A span is (start, end) of inclusive days; end None runs on (the return date is not known yet).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Iterable, Optional

from ._tables import load_table, rows_in_force
from .errors import RuleInputError
from .annual import _half_day_up
from .regimes import REGIMES, check_regime

__all__ = [
    "UnpaidLeaveRule", "unpaid_leave_rule", "on_unpaid_leave", "unpaid_leave_days_before",
    "seniority_after_unpaid_leave", "return_year_annual_days",
]

Span = tuple[date, Optional[date]]


@dataclass(frozen=True)
class UnpaidLeaveRule:
    """What 留職停薪 does in one regime.

    citation: the act under which leave and punches stop during it; seniority_citation: the
    article and reading for seniority and the leave year afterwards; seniority_excludes: the days
    on it are not service for annual leave; prorate_return_year: the annual leave of a leave year
    it touches is given by the months in service.
    """

    regime: str
    citation: str
    seniority_citation: str
    seniority_excludes: bool
    prorate_return_year: bool


def unpaid_leave_rule(regime: str, on: date) -> UnpaidLeaveRule:
    """The 留職停薪 row of `regime` in force on `on`."""
    check_regime(regime)
    row = rows_in_force(load_table("unpaid_leave")[regime], on, what=f"{REGIMES[regime]}留職停薪")[0]
    return UnpaidLeaveRule(regime=regime, citation=row["citation"], seniority_citation=row["seniority_citation"],
                           seniority_excludes=bool(row["seniority_excludes"]),
                           prorate_return_year=bool(row["prorate_return_year"]))


def _spans(spans: Iterable[Span]) -> list[Span]:
    found = []
    for start, end in spans:
        if not isinstance(start, date) or (end is not None and not isinstance(end, date)):
            raise RuleInputError(f"留職停薪期間必須是日期，收到 {start!r} 至 {end!r}。")
        if end is not None and end < start:
            raise RuleInputError(f"留職停薪迄日 {end.isoformat()} 早於起日 {start.isoformat()}。")
        found.append((start, end))
    return sorted(found)


def on_unpaid_leave(spans: Iterable[Span], day: date) -> bool:
    """True if `day` lies inside one of `spans`."""
    return any(start <= day and (end is None or day <= end) for start, end in _spans(spans))


def unpaid_leave_days_before(spans: Iterable[Span], before: date) -> int:
    """Calendar days of `spans` that lie before `before` (an open span counts up to the day before)."""
    total = 0
    for start, end in _spans(spans):
        last = before - timedelta(days=1) if end is None else min(end, before - timedelta(days=1))
        if last >= start:
            total += (last - start).days + 1
    return total


def seniority_after_unpaid_leave(regime: str, hired: date, spans: Iterable[Span], on: date) -> date:
    """The day seniority counts from on `on`: `hired` moved later by the days spent on 留職停薪 before
    `on` where the regime does not count them (service before and after is joined).

    E.g. a worker hired 2016-03-01 on 留職停薪 from 2022-03-01 to 2023-02-28 (365 days) counts from
    2017-03-01: on 2026-03-02 that is 9 complete years, 15 days (勞動基準法第38條第1項), not 10 and 16.
    """
    rule = unpaid_leave_rule(regime, on)
    if not rule.seniority_excludes:
        return hired
    return hired + timedelta(days=unpaid_leave_days_before(spans, on))


def _months_in_service(spans: list[Span], first: date, last: date) -> int:
    months = 0
    day = first.replace(day=1)
    while day <= last:
        nxt = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        lo, hi = max(day, first), min(nxt - timedelta(days=1), last)
        away = unpaid_leave_days_before([(max(s, lo), e if e is None else min(e, hi)) for s, e in spans
                                         if s <= hi and (e is None or e >= lo)], hi + timedelta(days=1))
        if away < (hi - lo).days + 1:
            months += 1
        day = nxt
    return months


def return_year_annual_days(regime: str, days: Decimal, spans: Iterable[Span], *, year_start: date,
                            year_end: date) -> Decimal:
    """The annual leave of the leave year [year_start, year_end] when 留職停薪 touches it.

    Civil servants and teachers (公務人員請假規則第8條; 教師請假規則第8條): `days` × the months of the
    year with a day in service / 12, rounded up to the half day as the year of taking up service is
    (未滿半日以半日計，超過半日未滿一日以一日計); a year wholly on 留職停薪 gives nothing. E.g. 14 days, back on
    2026-07-01 after 留職停薪 since 2025: 14 × 6/12 = 7 days. Workers: `days` unchanged (their
    seniority already leaves the time out, seniority_after_unpaid_leave).
    """
    if year_end < year_start:
        raise RuleInputError("休假年度迄日早於起日。")
    spans = _spans(spans)
    rule = unpaid_leave_rule(regime, year_start)
    touching = [s for s in spans if s[0] <= year_end and (s[1] is None or s[1] >= year_start)]
    if not touching or not rule.prorate_return_year:
        return days
    months = _months_in_service(touching, year_start, year_end)
    if months == 0:
        return Decimal(0)
    return _half_day_up(Fraction(Decimal(days)) * months / 12)
