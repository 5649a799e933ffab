"""The travel-expense sheet of a trip (國內出差旅費報告表) as read for its page and its print:
the lines the traveller filled in, or one empty line per day of the trip before they have,
with the column totals and the total in words the receipt line needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from chaiqin.dates import TAIPEI

from .models import ExpenseLine, Trip

COLUMNS = (("plane_hsr", "飛機、高鐵"), ("bus_mrt", "汽車及捷運"), ("train", "火車"), ("ship", "船舶"),
           ("lodging", "住宿費"), ("miscellaneous", "雜費"))
_DIGITS = "零壹貳參肆伍陸柒捌玖"
_UNITS = ("", "拾", "佰", "仟")
_GROUPS = ("", "萬", "億")


@dataclass
class Sheet:
    lines: list[ExpenseLine]
    filled: bool
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.totals.values())

    @property
    def total_in_words(self) -> str:
        return amount_in_words(self.total)


def amount_in_words(amount: int) -> str:
    """An amount of NTD in the capital numerals of a receipt: 12,305 → 「壹萬貳仟參佰零伍元整」."""
    if amount <= 0:
        return "零元整"
    groups = []
    n = amount
    while n:
        groups.append(n % 10000)
        n //= 10000
    out = ""
    zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero = bool(out)
            continue
        digits = f"{group:04d}"
        for position, digit in enumerate(digits):
            if digit == "0":
                zero = bool(out)
                continue
            if zero:
                out += "零"
                zero = False
            out += _DIGITS[int(digit)] + _UNITS[3 - position]
        out += _GROUPS[index]
    return out + "元整"


def trip_days(trip: Trip) -> list:
    first = trip.start.astimezone(TAIPEI).date()
    last = (trip.end.astimezone(TAIPEI) - timedelta(microseconds=1)).date()
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def sheet_of(trip: Trip) -> Sheet:
    """The sheet of `trip`; one query."""
    lines = list(trip.expense_lines.all())
    filled = bool(lines)
    if not filled:
        lines = [ExpenseLine(trip=trip, order=i + 1, day=day, route=trip.place, work=trip.reason)
                 for i, day in enumerate(trip_days(trip))]
    totals = {code: sum(getattr(line, code) for line in lines) for code, _ in COLUMNS}
    return Sheet(lines, filled, totals)
