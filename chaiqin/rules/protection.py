"""Parental protections: lactation time (哺集乳時間) and the hours of a parent of a child under 3.

性別平等工作法第18條: a child under 2 gives 60 minutes a day of lactation time besides the
rest breaks, 30 more on a day with 1 hour or more of overtime, counted as working time.
第19條第1項: a parent of a child under 3 (employer of 30 or more) may reduce working time by
1 hour a day (unpaid) or adjust working hours; 第21條第1項: the employer may not refuse.
Night work of pregnant or nursing civil servants (22:00–06:00): 銓敘部函釋 (seed 004 item 15).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ._tables import load_table, rows_in_force
from .errors import RuleInputError
from .leave import add_months

__all__ = [
    "ProtectionFigures", "protection_figures", "lactation_minutes", "lactation_applies", "childcare_applies",
    "Forgiven", "protected_time_forgiven",
]


@dataclass(frozen=True)
class ProtectionFigures:
    lactation_child_months: int
    lactation_daily_minutes: int
    lactation_overtime_threshold_minutes: int
    lactation_overtime_extra_minutes: int
    lactation_citation: str
    childcare_child_months: int
    childcare_reduce_minutes: int
    childcare_min_employees: int
    childcare_citation: str
    no_refusal_citation: str
    night_start: str
    night_end: str
    night_citation: str


def protection_figures(on: date | None = None) -> ProtectionFigures:
    """The figures of 性別平等工作法第18條, 第19條, 第21條 and the night-work 函釋 in force on `on`."""
    on = on or date.today()
    table = load_table("protection")
    lac = rows_in_force(table["lactation"], on, what="哺（集）乳時間")[-1]
    care = rows_in_force(table["childcare"], on, what="育兒減少或調整工作時間")[-1]
    night = rows_in_force(table["night_work"], on, what="妊娠或哺乳期間夜間工作")[-1]
    return ProtectionFigures(
        lac["child_months"], lac["daily_minutes"], lac["overtime_threshold_minutes"], lac["overtime_extra_minutes"],
        lac["citation"], care["child_months"], care["reduce_minutes"], care["min_employees"], care["citation"],
        care["no_refusal_citation"], night["start"], night["end"], night["citation"],
    )


def lactation_minutes(*, overtime_minutes: int, on: date | None = None) -> int:
    """Lactation minutes of one day: 60, plus 30 when that day's overtime is 1 hour or more (性別平等工作法第18條)."""
    if overtime_minutes < 0:
        raise RuleInputError(f"加班分鐘數不可為負數：{overtime_minutes}。")
    f = protection_figures(on)
    extra = f.lactation_overtime_extra_minutes if overtime_minutes >= f.lactation_overtime_threshold_minutes else 0
    return f.lactation_daily_minutes + extra


def _under(child_birth: date, on: date, months: int) -> bool:
    if child_birth > on:
        raise RuleInputError(f"子女出生日 {child_birth.isoformat()} 晚於 {on.isoformat()}。")
    return on < add_months(child_birth, months)


def lactation_applies(child_birth: date, on: date) -> bool:
    """True while the child is under 2 on `on` (性別平等工作法第18條第1項)."""
    return _under(child_birth, on, protection_figures(on).lactation_child_months)


def childcare_applies(child_birth: date, on: date) -> bool:
    """True while the child is under 3 on `on` (性別平等工作法第19條第1項)."""
    return _under(child_birth, on, protection_figures(on).childcare_child_months)


@dataclass(frozen=True)
class Forgiven:
    """What is left of a day's lateness and early leave after its protected time, in minutes."""

    late_minutes: int
    early_minutes: int
    citation: str


def protected_time_forgiven(*, late_minutes: int, early_minutes: int, allowance_minutes: int, on: date) -> Forgiven:
    """Lateness and early leave left after `allowance_minutes` of lactation time or childcare
    reduction (working time by 性別平等工作法第18條第3項, 第19條) are taken off them, in the
    order of `rules/data/protection.toml` [[protected_time]]: early leave first, then lateness.

    60 minutes against 20 late and 50 early: 0 early left, 10 late left.
    """
    if min(late_minutes, early_minutes, allowance_minutes) < 0:
        raise RuleInputError("遲到、早退及哺（集）乳或減少工作時間之分鐘數不可為負數。")
    row = rows_in_force(load_table("protection")["protected_time"], on, what="哺（集）乳及減少工作時間之抵充")[-1]
    left = {"late": late_minutes, "early_leave": early_minutes}
    allowance = allowance_minutes
    for code in row["forgives"]:
        taken = min(left[code], allowance)
        left[code] -= taken
        allowance -= taken
    return Forgiven(left["late"], left["early_leave"], row["citation"])
