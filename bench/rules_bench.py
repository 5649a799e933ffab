"""Benchmark of rules.check_hours (issue "The rules engine": 2.6 million shifts < 10 s, < 1.5 GB).

Run:  .venv/bin/python bench/rules_bench.py [--people 10000] [--sample 1000] [--seed 115]

Generates, deterministically from --seed, one year (2025) of shifts for --people persons
under the labor regime: about 215 regular weekday shifts (08:00–17:00, 60 min lunch),
35 weekday evening overtime shifts touching them (some late enough to break the 12-hour
day and the 11-hour rest) and 10 Saturday (休息日) shifts each: 260 shifts a person,
2,600,000 for 10,000 people. Then it times the vectorised check_hours on all of them, and
the plain per-shift loop (rules.check_hours_loop) on the first --sample persons only — it
would take minutes on everything — extrapolating its time linearly to the full set (it is
linear: one pass over the shifts plus per-person sorting). Both are run on the sample and
must agree. Peak memory is the process's maximum resident set (getrusage), generation
included. The last line is the summary the issue asks for.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chaiqin import rules  # noqa: E402

YEAR = 2025
REGULAR_PER_PERSON = 215
EVENING_OT_PER_PERSON = 35
SATURDAY_PER_PERSON = 10


def generate(people: int, seed: int) -> list[rules.Shift]:
    """260 shifts per person for YEAR, from a numpy RNG seeded with `seed`."""
    rng = np.random.default_rng(seed)
    days = [date(YEAR, 1, 1) + timedelta(days=i) for i in range(365)]
    weekdays = np.array([i for i, d in enumerate(days) if d.weekday() < 5])
    saturdays = np.array([i for i, d in enumerate(days) if d.weekday() == 5])
    base = [datetime(d.year, d.month, d.day) for d in days]
    cache: dict[tuple[int, int], datetime] = {}

    def at(day: int, minute: int) -> datetime:
        # Shared datetime objects: the input's memory is the shifts, not 5 million datetimes.
        key = (day, minute)
        value = cache.get(key)
        if value is None:
            value = cache[key] = base[day] + timedelta(minutes=minute)
        return value

    shifts: list[rules.Shift] = []
    append = shifts.append
    persons = list(range(people))
    for person in persons:
        regular = np.sort(rng.choice(weekdays, REGULAR_PER_PERSON, replace=False))
        evenings = rng.choice(regular, EVENING_OT_PER_PERSON, replace=False)
        # Evening overtime ends between 18:00 and 23:30; heavy for a few persons.
        heavy = rng.random() < 0.05
        ends = rng.integers(18 * 60, (23 if heavy else 21) * 60 + 31, EVENING_OT_PER_PERSON) // 15 * 15
        sats = rng.choice(saturdays, SATURDAY_PER_PERSON, replace=False)
        protected = bool(rng.random() < 0.02)
        for d in regular.tolist():
            append(rules.Shift(person, at(d, 8 * 60), at(d, 17 * 60), "regular", 60, "workday", protected))
        for d, end in zip(evenings.tolist(), ends.tolist()):
            append(rules.Shift(person, at(d, 17 * 60), at(d, end), "overtime", 0, "workday", protected))
        for d in sats.tolist():
            append(rules.Shift(person, at(d, 9 * 60), at(d, 13 * 60), "overtime", 0, "rest_day", protected))
    # Shuffle so the engine cannot rely on the input being grouped by person.
    order = rng.permutation(len(shifts))
    return [shifts[i] for i in order.tolist()]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=115)
    parser.add_argument("--regime", default="labor")
    args = parser.parse_args()

    t = time.perf_counter()
    shifts = generate(args.people, args.seed)
    print(f"generated {len(shifts)} shifts for {args.people} people in {time.perf_counter() - t:.1f} s "
          f"(seed {args.seed}, RSS {peak_mb():.0f} MB)")

    sample_people = min(args.sample, args.people)
    sample = [sh for sh in shifts if sh.person < sample_people]

    gc.collect()
    t = time.perf_counter()
    loop_result = rules.check_hours_loop(args.regime, sample)
    loop_time = time.perf_counter() - t
    t = time.perf_counter()
    vec_sample = rules.check_hours(args.regime, sample)
    vec_sample_time = time.perf_counter() - t
    if vec_sample != loop_result:
        raise SystemExit("the vectorised check_hours and the per-shift loop disagree on the sample")
    loop_rate = len(sample) / loop_time
    print(f"per-shift loop: {len(sample)} shifts ({sample_people} people) in {loop_time:.2f} s, "
          f"{loop_rate:,.0f} shifts/s, {len(loop_result)} violations; vectorised on the same sample "
          f"{vec_sample_time:.2f} s, identical result")
    del sample, loop_result, vec_sample

    gc.collect()
    t = time.perf_counter()
    result = rules.check_hours(args.regime, shifts)
    elapsed = time.perf_counter() - t
    rate = len(shifts) / elapsed
    loop_full = len(shifts) / loop_rate
    counts: dict[str, int] = {}
    for v in result:
        counts[v.code] = counts.get(v.code, 0) + 1
    print(f"vectorised: {len(shifts)} shifts in {elapsed:.2f} s, {rate:,.0f} shifts/s; "
          f"{len(result)} violations {dict(sorted(counts.items()))}")
    print(f"per-shift loop extrapolated to {len(shifts)} shifts: {loop_full:.1f} s (measured on "
          f"{sample_people} of {args.people} people, scaled linearly)")
    print(f"check_hours: {len(shifts)} shifts in {elapsed:.1f} s, {round(rate, -3):.0f} shifts/s, "
          f"peak {peak_mb():.0f} MB, {loop_full / elapsed:.1f}x the per-shift loop")


if __name__ == "__main__":
    main()
