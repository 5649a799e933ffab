"""Time a person need not spend at work on a day and that still counts as work time.

Other apps register providers (compliance: lactation time, 性別平等工作法第18條第3項
「視為工作時間」; the 1-hour daily reduction for a child under 3, §19). The daily status
forgives lateness and early leave up to the day's allowance instead of calling them 遲到 or
早退, and says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Callable, Iterable


@dataclass(frozen=True)
class Allowance:
    """`minutes` forgiven from lateness and early leave (lactation time); or the day's own
    schedule: `start`/`end` replacing the office hours (調整工作時間) and `start_later`/`end_earlier`
    minutes moving them (每天減少工作時間一小時, 性別平等工作法第19條)."""

    minutes: int
    label: str  # e.g. 「哺（集）乳時間」
    start: time | None = None
    end: time | None = None
    start_later: int = 0
    end_earlier: int = 0

    @property
    def moves_schedule(self) -> bool:
        return bool(self.start or self.end or self.start_later or self.end_earlier)


Provider = Callable[[list[int], date, date], dict[tuple[int, date], list[Allowance]]]
_PROVIDERS: dict[str, Provider] = {}


def register_provider(name: str, provider: Provider) -> None:
    _PROVIDERS[name] = provider


def allowances_for(person_ids: Iterable[int], start: date, end: date) -> dict[tuple[int, date], list[Allowance]]:
    """{(person_id, day): [Allowance…]} from every provider (one or two queries each)."""
    ids = list(person_ids)
    found: dict[tuple[int, date], list[Allowance]] = {}
    for provider in _PROVIDERS.values():
        for key, items in provider(ids, start, end).items():
            found.setdefault(key, []).extend(items)
    return found
