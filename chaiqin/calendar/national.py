"""The national calendar from the `holidays` package (TW), with the law's names.

Pure Python, no database. `national_year(year)` answers, for every date of a year that is not
an ordinary weekday or weekend, whether it is a day off and what it is called, in Chinese.
Cached per year (the package computes lunar dates, which is slow enough to matter for a
month view on every page).

What the package (0.108) gives for TW, and how it is used here:

- category PUBLIC: the national holidays that are days off, their observed days
  (「…（補假）」, Saturday → the Friday before, Sunday → the Monday after; the Lunar New
  Year block moves forward only) and bridge days (「放假日（2025-02-08 補班）」, i.e. 調整放假).
- `weekend_workdays`: the Saturdays worked to make up for bridge days (補行上班). The
  package keeps these across years (an entry for 2014-12-27 shows up in every year), so they
  are filtered by year.
- category WORKDAY: commemorative days that are *not* days off (婦女節, 植樹節, 教師節 before
  it became a holiday…). Their names are shown on the day but do not change whether it is a
  workday. (The package's WORKDAY category is not make-up workdays, despite its name.)
- categories GOVERNMENT, SCHOOL, OPTIONAL are not used: they hold days before 2001 and days
  off for some groups only (軍人節 for the armed forces).

What the package gets wrong against the law, corrected as data below (LAW_NAME_FIXES):
紀念日及節日實施條例 (立法院三讀 2025-05-09, in force on promulgation) makes 小年夜, the day
before 農曆除夕, a day off; the package adds it from 2026 but labels it 「農曆除夕」 like the day
after, and its observed day 「農曆除夕（補假）」. Only the names are corrected: which days are
off is right (tests/test_national_holidays_2026.py checks 2026 day by day against the DGPA's
115年 calendar, and the observance rules in 2025 and 2027).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta

import holidays
from holidays.constants import PUBLIC, WORKDAY

__all__ = ["NationalDay", "national_year", "LAW_NAME_FIXES"]

HOLIDAY = "holiday"
MAKEUP_WORKDAY = "makeup_workday"

NEW_YEARS_EVE = "農曆除夕"
OBSERVED_SUFFIX = "（補假）"

# Corrections of the package's labels, with the law that names the day. Keyed by the year
# the correction starts; applied by _apply_law_names().
LAW_NAME_FIXES = {
    "小年夜": {
        "from_year": 2026,
        "citation": "紀念日及節日實施條例（2025年）：農曆除夕前一日（小年夜）放假",
        "package_label": NEW_YEARS_EVE,
    },
}


@dataclass(frozen=True)
class NationalDay:
    """One date the national calendar says something about.

    kind: "holiday" (a day off: holiday, observed day or bridge day), "makeup_workday"
    (a Saturday worked, 補行上班) or "workday" (a commemorative day that is not a day off;
    the weekday/weekend rule still decides). `name` is in Chinese, names joined by "、".
    """

    date: date
    is_day_off: bool | None
    kind: str
    name: str


def _names(label: str) -> list[str]:
    return [part.strip() for part in label.split(";") if part.strip()]


def _apply_law_names(year: int, public: dict[date, list[str]]) -> None:
    """Rename the package's first 「農曆除夕」 of the year to 小年夜 (and its observed day)."""
    fix = LAW_NAME_FIXES["小年夜"]
    if year < fix["from_year"]:
        return
    eves = sorted(d for d, names in public.items() if NEW_YEARS_EVE in names)
    if len(eves) < 2 or eves[1] - eves[0] != timedelta(days=1):
        return
    little_eve = eves[0]
    public[little_eve] = ["小年夜" if n == NEW_YEARS_EVE else n for n in public[little_eve]]
    if little_eve.weekday() < 5:
        return
    # The Lunar New Year block's observed days follow in date order (the package assigns them
    # in sorted order), so 小年夜's observed day is the first 「農曆除夕（補假）」.
    observed_label = NEW_YEARS_EVE + OBSERVED_SUFFIX
    observed = sorted(d for d, names in public.items() if observed_label in names and d > little_eve)
    if observed:
        first = observed[0]
        public[first] = ["小年夜" + OBSERVED_SUFFIX if n == observed_label else n for n in public[first]]


@functools.lru_cache(maxsize=64)
def national_year(year: int) -> dict[date, NationalDay]:
    """Every date of `year` that is a national day off, a make-up workday or a named day.

    Dates not in the result are ordinary: Monday–Friday workdays, Saturday and Sunday off.
    Cached per year; the returned dict must not be changed by callers.
    """
    public_set = holidays.country_holidays("TW", years=year, categories=(PUBLIC,), language="zh_TW")
    public = {d: _names(label) for d, label in public_set.items() if d.year == year}
    _apply_law_names(year, public)
    workday_set = holidays.country_holidays("TW", years=year, categories=(WORKDAY,), language="zh_TW")
    commemorative = {d: _names(label) for d, label in workday_set.items() if d.year == year}

    days: dict[date, NationalDay] = {}
    for d, names in public.items():
        extra = [n for n in commemorative.get(d, []) if n not in names]
        days[d] = NationalDay(d, True, HOLIDAY, "、".join(names + extra))
    for d in public_set.weekend_workdays:
        if d.year == year and d not in days:
            days[d] = NationalDay(d, False, MAKEUP_WORKDAY, "補行上班")
    for d, names in commemorative.items():
        if d not in days:
            # Not a day off: is_day_off None means "the weekday rule decides".
            days[d] = NationalDay(d, None, "workday", "、".join(names))
    return days
