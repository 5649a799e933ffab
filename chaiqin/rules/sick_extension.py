"""延長病假: the window it is counted in, the years it crosses, and a teacher's breaks.

Law: 公務人員請假規則第3條第1項第2款 (civil), 教師請假規則第3條 (teacher): granted once sick,
personal and annual leave are used up; 「其延長期間自第一次請延長病假之首日起算，二年內合併計算不得
超過一年。但銷假上班一年以上者，其延長病假得重行起算」. Used up, 留職停薪 applies (公務人員請假規則第5條;
教師請假規則第3條). Across two years each year's 事假 and 病假 (and 休假) are taken first (銓敘部
72年12月7日72台楷典三字第51593號函; for teachers across two school years, the published Q&A of
school personnel offices). A teacher back at work during extended sick leave who asks for it again
after the term starts has taken it without a break, and the winter or summer break between is
counted (not deducted). Figures in the extended_sick rows of rules/data/leave_<regime>.toml.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable

from chaiqin.dates import format_roc

from . import leave as _leave
from . import plans as _plans
from .errors import RuleInputError

__all__ = ["ExtensionWindow", "extended_sick_window", "extended_sick_year_crossing", "extended_sick_bridged_days"]

Spell = tuple[date, date]  # first and last day of one extended sick leave (inclusive)


@dataclass(frozen=True)
class ExtensionWindow:
    """The two years a spell of extended sick leave counts in: [start, end], and why it starts there."""

    start: date
    end: date
    max_days: int
    restarted: bool
    citation: str


def _check_spells(spells: Iterable[Spell]) -> list[Spell]:
    found = []
    for first, last in spells:
        if not isinstance(first, date) or not isinstance(last, date) or last < first:
            raise RuleInputError(f"延長病假期間不正確：{first!r} 至 {last!r}。")
        found.append((first, last))
    return sorted(found)


def extended_sick_window(regime: str, spells: Iterable[Spell], start: date) -> ExtensionWindow:
    """The window of the extended sick leave that begins on `start`, given the earlier `spells`.

    The window runs two years (extension_window_months) from the first day of extended sick leave; a spell
    beginning after the window, or after a year or more back at work since the last spell ended
    (restart_after_months_back), opens a new window from its own first day. E.g. first spell
    2025-03-02: the window is 2025-03-02 to 2027-03-01; back at work from 2025-09-01, a spell
    beginning 2026-09-01 starts again (window 2026-09-01 to 2028-08-31); one beginning 2026-08-31 does not.
    """
    _leave._check_on(start)
    row = _leave._row(regime, "extended_sick", start)
    months, back = int(row["extension_window_months"]), int(row["restart_after_months_back"])
    window_start: date | None = None
    last_end: date | None = None
    restarted = False
    for first, last in [s for s in _check_spells(spells) if s[0] < start] + [(start, start)]:
        if window_start is None:
            window_start = first
        elif first > _leave.add_months(window_start, months) - timedelta(days=1) or (
                last_end is not None and first >= _leave.add_months(last_end + timedelta(days=1), back)):
            window_start, restarted = first, True
        last_end = last if last_end is None else max(last_end, last)
    assert window_start is not None
    return ExtensionWindow(window_start, _leave.add_months(window_start, months) - timedelta(days=1),
                           int(row["quota_days"]), restarted, row["citation"])


def extended_sick_year_crossing(regime: str, first: date, last: date) -> _leave.WindowCheck:
    """ok if [first, last] lies in one year of sick leave (calendar year; school year for teachers),
    else the sentence saying the next year's 事假 and 病假 come first and where to end this request,
    with the reading it follows (crossing_citation)."""
    row = _leave._row(regime, "extended_sick", first)
    citation = f"{row['citation']}；{row['crossing_citation']}"
    if last < first:
        raise RuleInputError("延長病假迄日早於起日。")
    kind = _leave.quota_period(regime, "sick", on=first)
    _, end = _plans.period_bounds(kind, first)
    if last <= end:
        return _leave.WindowCheck(True, "", citation)
    year = "學年度" if kind == "school_year" else "年度"
    also = "（兼任行政職務者並扣除休假）" if kind == "school_year" else ""
    return _leave.WindowCheck(False, f"延長病假跨越{year}時，應先扣除新{year}之事假、病假{also}：請將本次延長病假申請至"
            f" {format_roc(end)}，新{year}先請病假、事假，用畢後再申請延長病假。", citation)


def extended_sick_bridged_days(regime: str, last_end: date, start: date, breaks: Iterable[Spell],
                               school_days_between: int) -> int:
    """Days of a teacher's winter or summer break counted as extended sick leave when it is asked for
    again after the term starts: the previous spell ended `last_end`, the new one begins `start`, and
    no school day lay between the end and the break (`school_days_between` = school days from
    last_end to the break's first day). 0 for other regimes, or when no break lies between.
    E.g. extended sick leave to 2026-01-20, winter break 2026-01-21 to 2026-02-10, asked again from
    2026-02-11: the 21 days of the break count."""
    row = _leave._row(regime, "extended_sick", start)
    if not row.get("bridges_breaks") or school_days_between > 0:
        return 0
    total = 0
    for b0, b1 in _check_spells(breaks):
        if b0 > last_end and b1 < start:
            total += (b1 - b0).days + 1
    return total
