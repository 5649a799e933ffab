"""Days off of a worker under the Labor Standards Act: which days of a roster period are 例假 and
休息日, and whether a roster gives enough of them (勞動基準法第36條第1項、第2項第3款, 第30條之1).

- Weekly (第36條第1項): 「勞工每七日中應有二日之休息，其中一日為例假，一日為休息日」: in each
  7-day period one 例假 and at least one 休息日.
  The 例假 is not moved inside the 7 days (only industries the Ministry designates may do so,
  第36條第4項, not modelled here): seven days in a row without a day off break it.
- Four-week flexible schedule (第30條之1第1項, 經工會或勞資會議同意; 第36條第2項第3款):
  「勞工每二週內至少應有二日之例假，每四週內之例假及休息日至少應有八日」: in each 28-day period
  at least 2 例假 in each of its two 14-day halves and at least 8 例假 and 休息日 together.

The figures are the `days_off` rows of rules/data/hours.toml (the same rows check_hours counts
worked days against). `default_day_kind` is the weekly default when no roster is entered: the
agency's office calendar gives the workdays; of the other days the Sunday is the 例假 and the rest
休息日 (the employer designates the 例假; Sunday is the common designation and the one the
system assumes until a roster says otherwise), a national holiday stays a holiday (第37條).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from chaiqin.dates import format_roc

from ._tables import load_table
from .errors import RuleInputError
from .hours_caps import _first

__all__ = ["DaysOffRule", "days_off_rule", "days_off_roster_problems", "default_day_kind", "SCHEDULE_NAMES",
           "days_in_a_row_violation", "SEVEN_IN_A_ROW_CITATION"]

SCHEDULE_NAMES = {"weekly": "每七日（一例一休）", "four_week": "四週變形工時"}


@dataclass(frozen=True)
class DaysOffRule:
    schedule: str
    cycle_days: int
    regular_days_off: int
    rest_days: int
    half_cycle_days: int | None
    half_cycle_regular_days_off: int | None
    citation: str


def days_off_rule(schedule: str, on: date) -> DaysOffRule:
    """The days-off figures of `schedule` ("weekly" or "four_week") in force on `on`."""
    if schedule not in SCHEDULE_NAMES:
        raise RuleInputError(f"未知的排班制度「{schedule}」：只接受 weekly（每七日）或 four_week（四週變形工時）。")
    row = _first([r for r in load_table("hours")["days_off"] if r["schedule"] == schedule], on)
    if row is None:
        raise RuleInputError(f"{format_roc(on)} 沒有施行中的例假與休息日規定。")
    return DaysOffRule(schedule, row["cycle_days"], row["regular_days_off"], row["rest_days"],
                       row.get("half_cycle_days"), row.get("half_cycle_regular_days_off"), row["citation"])


def days_off_roster_problems(schedule: str, period_start: date, regular_days_off: list[date],
                             rest_days: list[date]) -> list[str]:
    """What is wrong with a roster period starting on `period_start` (Chinese sentences; empty
    when it keeps 勞動基準法第36條): every day inside the period, no day both 例假 and 休息日,
    enough 例假 (each 14-day half of a four-week period at least 2) and enough days off in all."""
    rule = days_off_rule(schedule, period_start)
    last = period_start + timedelta(days=rule.cycle_days - 1)
    off, rest = sorted(set(regular_days_off)), sorted(set(rest_days))
    problems = []
    outside = [d for d in off + rest if not period_start <= d <= last]
    if outside:
        problems.append(f"{'、'.join(format_roc(d) for d in outside)} 不在本期（{format_roc(period_start)} 起 {rule.cycle_days} 日）內。")
    both = sorted(set(off) & set(rest))
    if both:
        problems.append(f"{'、'.join(format_roc(d) for d in both)} 不能同時是例假與休息日。")
    total = rule.regular_days_off + rule.rest_days
    if rule.half_cycle_days:
        for h in range(rule.cycle_days // rule.half_cycle_days):
            a = period_start + timedelta(days=h * rule.half_cycle_days)
            b = a + timedelta(days=rule.half_cycle_days - 1)
            n = sum(1 for d in off if a <= d <= b)
            if n < rule.half_cycle_regular_days_off:
                problems.append(f"{format_roc(a)} 起二週內只有 {n} 日例假，至少應有 {rule.half_cycle_regular_days_off} 日"
                                f"（{rule.citation}）。")
        if len(set(off) | set(rest)) < total:
            problems.append(f"四週內例假及休息日共 {len(set(off) | set(rest))} 日，至少應有 {total} 日（{rule.citation}）。")
    else:
        if len(off) != rule.regular_days_off:
            problems.append(f"每七日應有 {rule.regular_days_off} 日例假，排定 {len(off)} 日（{rule.citation}）。")
        if len(rest) < rule.rest_days:
            problems.append(f"每七日應有 {rule.rest_days} 日休息日，排定 {len(rest)} 日（{rule.citation}）。")
    return problems


def default_day_kind(day: date, *, is_workday: bool, is_holiday: bool) -> str:
    """The day kind of `day` for a weekly worker without a roster: a workday of the office
    calendar, a national holiday (勞動基準法第37條), the Sunday as 例假, other days off 休息日
    (第36條第1項)."""
    if is_holiday:
        return "holiday"
    if is_workday:
        return "workday"
    return "regular_day_off" if day.weekday() == 6 else "rest_day"


#: Outside §36 IV's designated industries the 例假 cannot be moved within the 7 days: no more than
#: six days of work in a row (勞動部 reading of 第36條第1項; §36 IV since 2018-03-01 for the designated).
SEVEN_IN_A_ROW_CITATION = "勞動基準法第36條第1項（例假非經中央主管機關指定之行業不得於七日週期內調整，第36條第4項）"


def days_in_a_row_violation(worked: set[date], on: date) -> tuple[date, date] | None:
    """The first run of days worked as long as the weekly cycle (7, rules/data/hours.toml in
    force on `on`) in `worked`: (first day, the day that completes it), or None. Every day of work
    counts, a 休息日 worked included: only a day without work breaks the run (勞動基準法第36條第1項)."""
    length = days_off_rule("weekly", on).cycle_days
    run_start, prev = None, None
    for day in sorted(worked):
        if prev is None or day != prev + timedelta(days=1):
            run_start = day
        prev = day
        if (day - run_start).days + 1 >= length:
            return run_start, day
    return None
