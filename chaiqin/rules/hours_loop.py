"""The plain per-shift implementation of check_hours: the reference the vectorised one is
tested against, and the baseline that bench/rules_bench.py compares speed with.

It walks the shifts one by one with dicts and datetimes, the way one would write it
without numpy. It must give exactly the same violations as `hours.check_hours`; the
semantics are documented there.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Hashable, Iterable

from .hours_caps import (
    DAY_KINDS,
    HOLIDAY_FREE_SECONDS,
    Caps,
    Shift,
    Violation,
    check_options,
    detail_daily,
    detail_half_cycle,
    detail_long_days,
    detail_monthly,
    detail_night,
    detail_quarterly,
    detail_regular_day_off,
    detail_rest,
    detail_seven_day,
    hours_regime,
    month_first,
    period_start,
    person_order,
    settings_for,
    sort_violations,
    validate_shift,
)
from .regimes import LABOR

SECOND = timedelta(seconds=1)
DEFAULT_ANCHOR = date(2018, 1, 1)  # a Monday: weekly cycles run Monday to Sunday


def check_hours_loop(
    regime: str,
    shifts: Iterable[Shift],
    *,
    exception: bool = False,
    agreement: bool = False,
    agency: str | None = None,
    caps: Caps | None = None,
    schedule: str = "weekly",
    cycle_start: date | None = None,
    quarter_start_month: int = 1,
    min_rest_hours: float | None = None,
    disaster: bool = False,
) -> list[Violation]:
    """Same contract as `hours.check_hours` (公務員服務法第12條, 勞動基準法第32條、第34條、
    第36條、第40條、第49條), computed one shift at a time."""
    check_options(regime, exception=exception, agreement=agreement, agency=agency, caps=caps,
                  schedule=schedule, quarter_start_month=quarter_start_month,
                  min_rest_hours=min_rest_hours)
    base = hours_regime(regime)
    anchor = cycle_start if cycle_start is not None else DEFAULT_ANCHOR

    def settings(day: date):
        return settings_for(regime, month_first(day), exception=exception, agreement=agreement,
                            agency=agency, caps=caps, min_rest_hours=min_rest_hours,
                            schedule=schedule)

    by_person: dict[Hashable, list] = defaultdict(list)
    for sh in shifts:
        if not isinstance(sh, Shift):
            sh = Shift(*sh)
        start, end = validate_shift(sh)
        by_person[sh.person].append(
            (start, end, sh.kind == "overtime", sh.break_minutes * 60,
             DAY_KINDS.index(sh.day_kind), bool(sh.protected))
        )

    out: list[Violation] = []
    # The days-off rule is the one in force on the first day of the input (all persons).
    first_day = min((r[0] for rows in by_person.values() for r in rows), default=datetime.min).date()
    for person, rows in by_person.items():
        rows.sort()
        total: dict[date, int] = defaultdict(int)
        civil_ot: dict[date, int] = defaultdict(int)
        labor_ot: dict[date, int] = defaultdict(int)
        holiday: dict[date, int] = defaultdict(int)
        hard: set[date] = set()       # worked, and not only on a 休息日
        worked: set[date] = set()
        rdo: set[date] = set()        # worked on a 例假
        night: set[date] = set()

        block_day: date | None = None
        block_end: datetime | None = None
        for start, end, is_ot, brk, dk, protected in rows:
            if block_end is None or start > block_end:
                if block_end is not None and start.date() != block_day:
                    gap = (start - block_end) // SECOND
                    st = settings(start.date())
                    if st.min_rest_seconds is not None and gap < st.min_rest_seconds:
                        out.append(Violation(person, "rest_under_11h", start.date(),
                                             detail_rest(start.date(), gap, st.min_rest_seconds),
                                             st.rest_citation))
                block_day = start.date()
                block_end = end
                eff_start = start
            else:
                eff_start = max(start, block_end)
                block_end = max(block_end, end)
            secs = max(0, max(0, (end - eff_start) // SECOND) - brk)
            day = block_day
            total[day] += secs
            worked.add(day)
            if dk != 1:
                hard.add(day)
            if is_ot:
                civil_ot[day] += secs
                if dk == 0:
                    labor_ot[day] += secs
            if dk == 1:
                labor_ot[day] += secs
            elif dk == 2:
                rdo.add(day)
            elif dk == 3:
                holiday[day] += secs
            if protected and _touches_night(start, end, settings(day).night):
                night.add(day)

        for day, secs in holiday.items():
            labor_ot[day] += max(0, secs - HOLIDAY_FREE_SECONDS)
        ot = labor_ot if base == LABOR else civil_ot

        days = sorted(worked)
        # Daily caps and runs of long days.
        run = 0
        prev: date | None = None
        for day in days:
            st = settings(day)
            c = st.caps
            code = "daily_over_14h" if c.daily_max_hours >= 14 else "daily_over_12h"
            if total[day] > c.daily_max_hours * 3600:
                out.append(Violation(person, code, day, detail_daily(day, total[day], c.daily_max_hours),
                                     c.citation))
            if c.long_day_hours is not None and total[day] >= c.long_day_hours * 3600:
                run = run + 1 if prev is not None and (day - prev).days == 1 and run else 1
                if run == c.long_day_max_consecutive + 1:
                    out.append(Violation(person, "long_days_over_3_consecutive", day,
                                         detail_long_days(day, run, c.long_day_hours), c.citation))
            else:
                run = 0
            prev = day

        # Monthly and 3-month overtime: the first day the running total passes the cap.
        for key_of, cap_of, code in (
            (month_first, lambda c: c.monthly_overtime_hours, "monthly_ot_over_cap"),
            (lambda d: period_start(d, quarter_start_month), lambda c: c.quarterly_overtime_hours,
             "quarterly_ot_over_cap"),
        ):
            cum: dict[date, int] = defaultdict(int)
            done: set[date] = set()
            for day in days:
                key = key_of(day)
                cum[key] += ot.get(day, 0)
                c = settings(day).caps
                cap = cap_of(c)
                if cap is None or key in done or cum[key] <= cap * 3600:
                    continue
                done.add(key)
                text = (detail_monthly(day, cum[key], cap) if code == "monthly_ot_over_cap"
                        else detail_quarterly(day, key, cum[key], cap))
                out.append(Violation(person, code, day, text, c.citation))

        for day in sorted(night):
            out.append(Violation(person, "night_work_protected", day, detail_night(day),
                                 settings(day).night_citation))

        if base == LABOR:
            if not disaster:
                for day in sorted(rdo):
                    cit = settings(day).regular_day_off_citation
                    if cit:
                        out.append(Violation(person, "seven_day_rule", day, detail_regular_day_off(day), cit))
            out.extend(_cycles(person, days, hard, anchor, settings(first_day).days_off))

    rank = {p: i for i, p in enumerate(person_order(list(by_person)))}
    return sort_violations(out, rank)


def _touches_night(start: datetime, end: datetime, window: tuple[int, int] | None) -> bool:
    """Does [start, end) meet any night window (e.g. 22:00–06:00 of any night)?"""
    if window is None:
        return False
    ws, we = window
    day = start.date() - timedelta(days=1)
    while day <= end.date():
        base = datetime(day.year, day.month, day.day)
        w_start = base + timedelta(seconds=ws)
        w_end = base + timedelta(days=1 if we <= ws else 0, seconds=we)
        if start < w_end and end > w_start:
            return True
        day += timedelta(days=1)
    return False


def _cycles(person, days, hard, anchor, rule) -> list[Violation]:
    """勞動基準法第36條 / 第30條之1: per fixed cycle from `anchor`, enough days without work."""
    out: list[Violation] = []
    if not days or rule is None:
        return out
    length = rule["cycle_days"]
    off = rule["regular_days_off"]
    rest = rule["rest_days"]
    half = rule.get("half_cycle_days")
    half_off = rule.get("half_cycle_regular_days_off")
    cycles: dict[int, list[date]] = defaultdict(list)
    for day in days:
        cycles[(day - anchor).days // length].append(day)
    for index, in_cycle in cycles.items():
        start = anchor + timedelta(days=index * length)
        n_worked = n_hard = 0
        for day in in_cycle:
            n_worked += 1
            n_hard += day in hard
            # Every 例假 must be a day without work; every 休息日 a day without work or
            # worked as a 休息日 (勞動基準法第36條第3項 allows rest-day work).
            if n_worked > length - off or n_hard > length - off - rest:
                out.append(Violation(person, "seven_day_rule", day,
                                     detail_seven_day(start, length, off, rest), rule["citation"]))
                break
        if half:
            halves: dict[int, int] = defaultdict(int)
            for day in in_cycle:
                h = (day - start).days // half
                halves[h] += 1
                if halves[h] == half - half_off + 1:
                    out.append(Violation(person, "seven_day_rule", day,
                                         detail_half_cycle(start + timedelta(days=h * half), half, half_off),
                                         rule["citation"]))
    return out
