"""The figures of the parental protections this app enforces, each with its article.

`chaiqin.rules` (RULES_API.md) has no lactation or child-under-3 function yet; until it has,
the figures live here, in ONE place, cited, and nothing else in the app writes them.
Moving them into `rules/` (rules/data/protection.toml) is a mechanical change: the names
below are what the services call.

- 性別平等工作法第18條: child under 2, 60 minutes a day of lactation time besides the rest
  breaks; overtime of 1 hour or more beyond the normal day: 30 minutes more; counted as
  working time (勞動部112年1月19日勞動條4字第1120147501號令: any day worked, including rest
  days and holidays).
- 性別平等工作法第19條第1項: child under 3, reduce working time by 1 hour a day (unpaid) or
  adjust working hours; 第21條第1項: the employer may not refuse a request under 第14條至第20條.
- 銓敘部101年12月4日部法一字第10136445961號、107年9月17日部法一字第10746346761號函釋: no work
  between 22:00 and 06:00 for pregnant or nursing women (the night window itself is in
  rules/data/hours.toml and checked by `rules.check_hours`).
"""

from __future__ import annotations

from datetime import date

LACTATION_CHILD_MONTHS = 24
LACTATION_DAILY_MINUTES = 60
LACTATION_OVERTIME_THRESHOLD_MINUTES = 60
LACTATION_OVERTIME_EXTRA_MINUTES = 30
LACTATION_CITATION = "性別平等工作法第18條"

CHILDCARE_CHILD_MONTHS = 36
CHILDCARE_REDUCE_MINUTES = 60
CHILDCARE_CITATION = "性別平等工作法第19條第1項"
NO_REFUSAL_CITATION = "性別平等工作法第21條第1項"

NIGHT_CITATION = "銓敘部101年12月4日部法一字第10136445961號及107年9月17日部法一字第10746346761號函釋"


def months_later(day: date, months: int) -> date:
    """`day` plus `months` calendar months (the 29th–31st fall back to the month's last day)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def lactation_minutes(*, overtime_minutes: int) -> int:
    """Lactation minutes of one day: 60, plus 30 when that day's overtime is 1 hour or more (§18)."""
    extra = LACTATION_OVERTIME_EXTRA_MINUTES if overtime_minutes >= LACTATION_OVERTIME_THRESHOLD_MINUTES else 0
    return LACTATION_DAILY_MINUTES + extra
