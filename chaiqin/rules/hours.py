"""Working-hour caps, rest and days off (公務員服務法第12條, 公務員服勤實施辦法,
勞動基準法第30條之1、第32條、第34條、第36條、第40條、第49條).

`check_hours` is vectorised: the shifts are turned into numpy arrays once, then grouped
by person and day on a dense person × day grid. `hours_loop.check_hours_loop` is the plain
per-shift version it is tested against.

Semantics (where RULES_API.md is silent, chosen and documented here):

- Work blocks. A person's shifts that touch or overlap form one work block, so cutting a
  shift in two at any minute changes nothing. Overlapping time is counted once: the part of
  a shift already covered by an earlier-starting shift of the same person is dropped (the
  earlier shift's kind wins), and the shift's break is deducted from what is left.
- Days. A block belongs to the workday its first shift started on (`workday_of`, 公務員
  服勤實施辦法第6條, seed 002: overtime until 01:00 is "全部算在前一天"); all of its hours
  count on that day, and in that day's month and quarter.
- Daily cap: regular + overtime of a day over 12 h (`daily_over_12h`), or over 14 h under
  `exception=True` (`daily_over_14h`). Under `exception=True` a 4th consecutive calendar day
  reaching 14 h is `long_days_over_3_consecutive` (reported once per run, on its 4th day).
- Overtime that counts toward the monthly / 3-month caps: civil and teacher — every
  "overtime" shift, whatever the day. Labor — "overtime" shifts on workdays, every hour on
  a 休息日 whatever the kind (§36(3)), and holiday hours beyond 8 a day (holiday work up to
  8 h is paid double and not counted, §39 practice); work on a 例假 is not counted (it is a
  violation of its own, §40). The violation's day is the first day the running total passes
  the cap; one per month or period. Civil quarters are calendar quarters; the labor 3-month
  periods start at `quarter_start_month` (the agreed month; January by default).
- Rest: less than 11 h between the end of one workday's last block and the start of the
  next workday's first block (`rest_under_11h`, on the later workday). Gaps between blocks
  of the same workday (a dinner break before evening overtime) are not the daily rest.
  Applied to every person, not only at a change of shifts: the engine cannot tell shift
  work from overtime. `min_rest_hours=8` for the §34(3) exceptions, 0 to switch it off.
- Days off (labor only, §36(1)): in every fixed 7-day cycle from `cycle_start` (default:
  Monday weeks) there must be one day without work (例假) and one more day without work or
  worked only as a 休息日. Days with no shift are days off. `schedule="four_week"` (§30-1,
  seed 003 Q.3): in every 28 days 4 例假 + 4 休息日, and at least 2 days without work in each
  aligned half of 14 days. Reported once per cycle (and per half) on the day it becomes
  impossible to satisfy. Work on a `regular_day_off` is itself `seven_day_rule` (§40) unless
  `disaster=True`.
- Night work: a `protected` shift touching 22:00–06:00 (breaks ignored), once per day.
- Caps come from rules/data/hours.toml by date (the version in force on the 1st of each
  month), per regime and mode, optionally with an `agency`'s overrides or explicit `caps`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import chain
from typing import Iterable

import numpy as np

from .errors import RuleInputError
from .hours_caps import (
    DAY_KINDS,
    HOLIDAY_FREE_SECONDS,
    KINDS,
    MAX_SHIFT_SECONDS,
    Caps,
    Shift,
    Violation,
    EXCEPTION_SITUATIONS,
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
    hours_caps,
    hours_regime,
    naive_taipei,
    person_order,
    settings_for,
    situation_caps,
    sort_violations,
    validate_shift,
    workday_of,
)
from .hours_loop import DEFAULT_ANCHOR, check_hours_loop
from .regimes import LABOR

__all__ = ["Shift", "Violation", "Caps", "workday_of", "check_hours", "hours_caps", "check_hours_loop",
           "situation_caps", "EXCEPTION_SITUATIONS"]

DAY = 86400
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_EPOCH = datetime(1970, 1, 1)
#: Persons × days per chunk of the dense grid: bounds memory whatever the input's span.
CHUNK_CELLS = 6_000_000


def check_hours(
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
    """Every hours rule broken by `shifts`, sorted by person, day and code.

    公務員服務法第12條 (12 h a day, 60 h a month; exception 14 h, 80 h, 240 h a quarter, at
    most 3 days of 14 h in a row), 勞動基準法第32條 (12 h, 46 h; agreement 54 h, 138 h in 3
    months), 第34條 (11 h rest), 第36條 and 第30條之1 (days off), 第40條 (例假 work), 第49條
    (night work of protected women). See the module docstring for the counting rules.

    Keywords beyond RULES_API.md: `agency` (overrides in hours.toml, e.g.
    "presidential_office"), `caps` (explicit rules.Caps for every month), `schedule`
    ("weekly" or "four_week"), `cycle_start` (a day that starts a days-off cycle),
    `quarter_start_month`, `min_rest_hours`, `disaster` (例假 work allowed, §40).

    Raises RuleInputError (Chinese) for an unknown regime, kind or day kind, an end not after
    its start, a shift over 24 hours, a negative or too long break, or a date before the
    rules were in force. The order of `shifts` never changes the result.
    """
    check_options(regime, exception=exception, agreement=agreement, agency=agency, caps=caps,
                  schedule=schedule, quarter_start_month=quarter_start_month,
                  min_rest_hours=min_rest_hours)
    if cycle_start is not None and (not isinstance(cycle_start, date) or isinstance(cycle_start, datetime)):
        raise RuleInputError(f"cycle_start 必須是 datetime.date，收到 {cycle_start!r}。")
    shifts = list(shifts)
    if not shifts:
        return []
    persons, pid, s, e, brk, ot, dk, prot = _columns(shifts)
    order = _sort_order(pid, s, e, brk, ot, dk, prot)
    pid, s, e, brk, ot, dk, prot = (a[order] for a in (pid, s, e, brk, ot, dk, prot))

    base = hours_regime(regime)
    opts = dict(exception=exception, agreement=agreement, agency=agency, caps=caps,
                min_rest_hours=min_rest_hours, schedule=schedule)
    grid = _Grid(regime, base, s, cycle_start or DEFAULT_ANCHOR, quarter_start_month, opts)

    out: list[Violation] = []
    n_people = len(persons)
    per_chunk = max(1, CHUNK_CELLS // grid.n_days)
    bounds = np.searchsorted(pid, np.arange(0, n_people + per_chunk, per_chunk))
    for k in range(len(bounds) - 1):
        lo, hi = bounds[k], bounds[k + 1]
        if lo == hi:
            continue
        p0 = k * per_chunk
        grid.run(out, persons, p0, min(per_chunk, n_people - p0), pid[lo:hi] - p0,
                 s[lo:hi], e[lo:hi], brk[lo:hi], ot[lo:hi], dk[lo:hi], prot[lo:hi], disaster)
    rank = {p: i for i, p in enumerate(persons)}
    return sort_violations(out, rank)


def _columns(shifts: list) -> tuple:
    """Shifts to arrays: (persons in canonical order, person index, start and end in seconds
    since 1970-01-01 Taipei wall time, break seconds, is-overtime, day-kind code, protected).

    One pass over the shift objects (itertools.chain then slicing: the objects are scattered
    in memory, so each pass costs cache misses). Validation is vectorised; the first bad
    shift is re-checked by `validate_shift`, which raises the Chinese error naming it.
    """
    n = len(shifts)
    flat = list(chain.from_iterable(shifts))
    if len(flat) != 7 * n:  # plain tuples of 4 to 6 fields: fill the defaults
        shifts[:] = [sh if isinstance(sh, Shift) else Shift(*sh) for sh in shifts]
        flat = list(chain.from_iterable(shifts))
    person_col, start_col, end_col, kind_col, brk_col, dk_col, prot_col = (flat[i::7] for i in range(7))
    del flat
    if not set(kind_col) <= set(KINDS) or not set(dk_col) <= set(DAY_KINDS) \
            or not set(map(type, brk_col)) <= {int}:
        for sh in shifts:
            validate_shift(sh)
    try:
        s = _seconds(start_col, n)
        e = _seconds(end_col, n)
    except RuleInputError:
        for sh in shifts:
            validate_shift(sh)
        raise
    brk = np.fromiter(brk_col, dtype=np.int64, count=n) * 60
    length = e - s
    bad = (length <= 0) | (length > MAX_SHIFT_SECONDS) | (brk < 0) | (brk > length)
    if bad.any():
        validate_shift(shifts[int(np.argmax(bad))])
        raise AssertionError("validate_shift should have raised")  # pragma: no cover
    kinds = np.array(kind_col, dtype=object)
    ot = kinds == "overtime"
    day_kinds = np.array(dk_col, dtype=object)
    dk = np.zeros(n, dtype=np.int8)
    for code, name in enumerate(DAY_KINDS[1:], start=1):
        dk[day_kinds == name] = code
    prot = np.fromiter(map(bool, prot_col), dtype=bool, count=n)
    persons = person_order(list(dict.fromkeys(person_col)))
    index = {p: i for i, p in enumerate(persons)}
    pid = np.fromiter(map(index.__getitem__, person_col), dtype=np.int64, count=n)
    return persons, pid, s, e, brk, ot, dk, prot


def _seconds(col: list, n: int) -> np.ndarray:
    """Datetimes to whole seconds since 1970-01-01 of Taipei wall time (aware ones converted).

    Shift times repeat (every day starts at 08:00), so each distinct value is converted once
    and mapped back; numpy's own datetime conversion is several times slower.
    """
    index = dict.fromkeys(col)
    keys = list(index)
    for i, key in enumerate(keys):
        index[key] = i
    try:
        values = np.fromiter(map(timedelta.total_seconds, map(_EPOCH.__rsub__, keys)),
                             dtype=np.float64, count=len(keys))
    except TypeError:  # aware datetimes, or not datetimes at all
        values = np.array([(naive_taipei(k, "班次時間") - _EPOCH).total_seconds() for k in keys])
    values = np.floor(values).astype(np.int64)
    return values[np.fromiter(map(index.__getitem__, col), dtype=np.int64, count=n)]


def _sort_order(pid, s, e, brk, ot, dk, prot) -> np.ndarray:
    """The order (person, start, end, kind, break, day kind, protected) — the one the
    reference loop sorts by — without a 7-key lexsort: argsort (person, start) and break
    the rare ties (same person, same start) with a lexsort of those shifts only."""
    lo = int(s.min())
    span = int(s.max()) - lo + 1
    if (int(pid.max()) + 1) * span >= 2**62:
        return np.lexsort((prot, dk, brk, ot, e, s, pid))
    key = pid * span + (s - lo)
    order = np.argsort(key)
    sk = key[order]
    tie = sk[1:] == sk[:-1]
    if tie.any():
        pos = np.flatnonzero(np.concatenate(([False], tie)) | np.concatenate((tie, [False])))
        sub = order[pos]
        order[pos] = sub[np.lexsort((prot[sub], dk[sub], brk[sub], ot[sub], e[sub], key[sub]))]
    return order


def _first_in_segments(flag: np.ndarray, seg_start: np.ndarray) -> np.ndarray:
    """Cells where `flag` is true for the first time within its segment of columns
    (months, quarters, cycles); `seg_start[c]` is the first column of c's segment."""
    c = np.cumsum(flag, axis=1, dtype=np.int32)
    before = np.where(seg_start > 0, seg_start - 1, 0)
    base = np.where(seg_start > 0, c[:, before], 0)
    return flag & (c - base == 1)


class _Grid:
    """The dense person × day grid and the per-day rule settings (one lookup per month)."""

    def __init__(self, regime, base, s, anchor, quarter_start_month, opts):
        self.base = base
        first = int(s.min() // DAY)
        last = int(s.max() // DAY)
        anchor_day = anchor.toordinal() - EPOCH_ORDINAL
        settings_first = settings_for(regime, _to_date(first).replace(day=1), **opts)
        self.days_off = settings_first.days_off if base == LABOR else None
        cycle = self.days_off["cycle_days"] if self.days_off else 7
        self.d0 = first - (first - anchor_day) % cycle
        self.n_days = -(-(last + 1 - self.d0) // cycle) * cycle
        self.cycle = cycle
        self.dates = [_to_date(self.d0 + i) for i in range(self.n_days)]
        months = np.array([d.year * 12 + d.month - 1 for d in self.dates])
        self.month_key = months
        self.month_start = _segment_starts(months)
        periods = (months - (quarter_start_month - 1)) // 3
        self.period_start = _segment_starts(periods)
        self.period_first = [date(int(p * 3 + quarter_start_month - 1) // 12,
                                  int(p * 3 + quarter_start_month - 1) % 12 + 1, 1) for p in periods]
        self.settings = []
        cache = {}
        for d, m in zip(self.dates, months):
            if m not in cache:
                try:
                    cache[m] = settings_for(regime, d.replace(day=1), **opts)
                except RuleInputError:
                    cache[m] = None  # no rule version that month: only an error if work falls there
            self.settings.append(cache[m])
        self.regime_cache = cache

        def col(fn, missing=np.inf):
            return np.array([fn(st) if st is not None else missing for st in self.settings], dtype=float)

        self.daily_cap = col(lambda st: st.caps.daily_max_hours * 3600)
        self.long_sec = col(lambda st: st.caps.long_day_hours * 3600 if st.caps.long_day_hours else np.inf)
        self.long_max = col(lambda st: st.caps.long_day_max_consecutive or np.inf)
        self.month_cap = col(lambda st: st.caps.monthly_overtime_hours * 3600)
        self.period_cap = col(lambda st: (st.caps.quarterly_overtime_hours * 3600
                                          if st.caps.quarterly_overtime_hours is not None else np.inf))
        self.rest_min = col(lambda st: st.min_rest_seconds if st.min_rest_seconds is not None else -np.inf)
        self.night_start = col(lambda st: st.night[0] if st.night else np.nan, np.nan)
        self.night_end = col(lambda st: st.night[1] if st.night else np.nan, np.nan)
        self.regime = regime
        self.opts = opts

    def _require(self, cols: np.ndarray) -> None:
        """RuleInputError if work falls on a day with no rule version in force."""
        for c in np.unique(cols):
            if self.settings[c] is None:
                settings_for(self.regime, self.dates[c].replace(day=1), **self.opts)  # raises

    def run(self, out, persons, p0, n_people, lp, s, e, brk, ot, dk, prot, disaster):
        n_days = self.n_days
        tmin = self.d0 * DAY
        span = (n_days + 2) * DAY
        ks = lp * span + (s - tmin)
        ke = lp * span + (e - tmin)
        # Running maximum of ends: the persons are kept apart by the `span` offset, so a
        # previous person's ends are always below this person's starts.
        cummax = np.maximum.accumulate(ke)
        prev_end = np.empty_like(ke)
        prev_end[0] = -1
        prev_end[1:] = cummax[:-1]
        new = ks > prev_end
        eff = np.maximum(ks, prev_end)
        worked = np.maximum(np.maximum(ke - eff, 0) - brk, 0).astype(np.float64)
        first = np.flatnonzero(new)
        block = np.cumsum(new) - 1
        b_person = lp[first]
        b_start = ks[first]
        b_end = np.maximum.reduceat(ke, first)
        b_col = (b_start - b_person * span) // DAY
        self._require(b_col)
        col = b_col[block]
        cell = lp * n_days + col
        size = n_people * n_days

        def grid(weights=None):
            return np.bincount(cell, weights, minlength=size).reshape(n_people, n_days)

        total = grid(worked)
        count = grid()
        hard = grid((dk != 1).astype(np.float64)) > 0
        worked_day = count > 0
        if self.base == LABOR:
            counted = worked * ((ot & (dk == 0)) | (dk == 1))
            holiday = grid(worked * (dk == 3))
            ot_day = grid(counted) + np.maximum(holiday - HOLIDAY_FREE_SECONDS, 0)
        else:
            ot_day = grid(worked * ot)

        def emit(mask, code, make):
            rows, cols = np.nonzero(mask)
            for r, c in zip(rows.tolist(), cols.tolist()):
                detail, citation = make(r, c)
                out.append(Violation(persons[p0 + r], code, self.dates[c], detail, citation))

        st = self.settings
        over = total > self.daily_cap
        rows, cols = np.nonzero(over)
        for r, c in zip(rows.tolist(), cols.tolist()):
            caps = st[c].caps
            code = "daily_over_14h" if caps.daily_max_hours >= 14 else "daily_over_12h"
            out.append(Violation(persons[p0 + r], code, self.dates[c],
                                 detail_daily(self.dates[c], total[r, c], caps.daily_max_hours), caps.citation))

        if np.isfinite(self.long_sec).any():
            long_day = total >= self.long_sec
            run = np.cumsum(long_day, axis=1, dtype=np.int32)
            run = run - np.maximum.accumulate(np.where(long_day, 0, run), axis=1)
            emit(run == self.long_max + 1, "long_days_over_3_consecutive",
                 lambda r, c: (detail_long_days(self.dates[c], int(run[r, c]), st[c].caps.long_day_hours),
                               st[c].caps.citation))

        for seg, cap, code in ((self.month_start, self.month_cap, "monthly_ot_over_cap"),
                               (self.period_start, self.period_cap, "quarterly_ot_over_cap")):
            if not np.isfinite(cap).any():
                continue
            cum = np.cumsum(ot_day, axis=1)
            before = np.where(seg > 0, seg - 1, 0)
            within = cum - np.where(seg > 0, cum[:, before], 0)
            first_over = _first_in_segments(within > cap, seg)
            if code == "monthly_ot_over_cap":
                make = lambda r, c: (detail_monthly(self.dates[c], within[r, c], st[c].caps.monthly_overtime_hours),
                                     st[c].caps.citation)
            else:
                make = lambda r, c: (detail_quarterly(self.dates[c], self.period_first[c], within[r, c],
                                                      st[c].caps.quarterly_overtime_hours), st[c].caps.citation)
            emit(first_over, code, make)

        # Rest between consecutive blocks of the same person.
        same = b_person[1:] == b_person[:-1]
        gap = b_start[1:] - b_end[:-1]
        next_col = b_col[1:]
        # Only between workdays: a dinner break between the regular day and the evening's
        # overtime is not the daily rest the rule protects.
        short = same & (next_col != b_col[:-1]) & (gap < self.rest_min[next_col])
        for i in np.flatnonzero(short).tolist():
            c = int(next_col[i])
            out.append(Violation(persons[p0 + int(b_person[i + 1])], "rest_under_11h", self.dates[c],
                                 detail_rest(self.dates[c], int(gap[i]), st[c].min_rest_seconds),
                                 st[c].rest_citation))

        # Protected persons at night: does [start, end) meet a night window of any day?
        if prot.any():
            idx = np.flatnonzero(prot)
            ws = self.night_start[col[idx]]
            we = self.night_end[col[idx]]
            we = np.where(we <= ws, we + DAY, we)
            sm = (s[idx] % DAY).astype(np.float64)
            end = sm + (e[idx] - s[idx])
            touch = np.zeros(len(idx), dtype=bool)
            for k in (-1, 0, 1):
                touch |= (sm < we + k * DAY) & (end > ws + k * DAY)
            night = np.zeros(size, dtype=bool)
            night[cell[idx[touch]]] = True
            emit(night.reshape(n_people, n_days), "night_work_protected",
                 lambda r, c: (detail_night(self.dates[c]), st[c].night_citation))

        if self.base == LABOR:
            if not disaster:
                rdo = grid((dk == 2).astype(np.float64)) > 0
                emit(rdo & np.array([x.regular_day_off_citation is not None for x in st]),
                     "seven_day_rule",
                     lambda r, c: (detail_regular_day_off(self.dates[c]), st[c].regular_day_off_citation))
            rule = self.days_off
            if rule is not None:
                self._days_off(emit, rule, worked_day, hard & worked_day, n_people)

    def _days_off(self, emit, rule, worked_day, hard, n_people):
        """勞動基準法第36條第1項 / 第30條之1: count worked days per fixed cycle."""
        length = rule["cycle_days"]
        off = rule["regular_days_off"]
        rest = rule["rest_days"]
        n_cycles = self.n_days // length
        w = np.cumsum(worked_day.reshape(n_people, n_cycles, length), axis=2)
        h = np.cumsum(hard.reshape(n_people, n_cycles, length), axis=2)
        broken = (w > length - off) | (h > length - off - rest)
        first = broken & (np.cumsum(broken, axis=2) == 1)
        emit(first.reshape(n_people, self.n_days), "seven_day_rule",
             lambda r, c: (detail_seven_day(self.dates[c - c % length], length, off, rest), rule["citation"]))
        half = rule.get("half_cycle_days")
        if half:
            half_off = rule["half_cycle_regular_days_off"]
            w2 = np.cumsum(worked_day.reshape(n_people, self.n_days // half, half), axis=2)
            hit = (w2 == half - half_off + 1).reshape(n_people, self.n_days) & worked_day
            emit(hit, "seven_day_rule",
                 lambda r, c: (detail_half_cycle(self.dates[c - c % half], half, half_off), rule["citation"]))


def _segment_starts(keys: np.ndarray) -> np.ndarray:
    """For each column, the first column with the same key in its run of equal keys."""
    change = np.ones(len(keys), dtype=bool)
    change[1:] = keys[1:] != keys[:-1]
    starts = np.flatnonzero(change)
    return starts[np.cumsum(change) - 1]


def _to_date(day: int) -> date:
    return date.fromordinal(day + EPOCH_ORDINAL)
