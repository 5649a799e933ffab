"""Durations as people read them on the forms: integer minutes shown as 「2日4時」 (DESIGN.md:
a leave day is the regime's day of 8 hours)."""

from __future__ import annotations

from decimal import Decimal

from chaiqin.rules import DAY_MINUTES  # a leave day of 8 hours, a fact of the law


def format_minutes(minutes: int) -> str:
    """`2日4時`, `3時30分`, `0時` — days of 8 hours, as the seed forms write them."""
    sign = "-" if minutes < 0 else ""
    minutes = abs(minutes)
    days, rest = divmod(minutes, DAY_MINUTES)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days}日")
    if hours or not parts:
        parts.append(f"{hours}時")
    if mins:
        parts.append(f"{mins}分")
    return sign + "".join(parts)


def format_hours(minutes: int) -> str:
    """`13時`, `3時30分` — hours and minutes, as overtime is written (no days of 8 hours)."""
    sign = "-" if minutes < 0 else ""
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours}時{mins:02d}分" if mins else f"{sign}{hours}時"


def days_of(minutes: int) -> Decimal:
    """Minutes as days of 8 hours (Decimal, exact)."""
    return Decimal(minutes) / Decimal(DAY_MINUTES)
