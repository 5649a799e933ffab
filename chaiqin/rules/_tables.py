"""Loading the TOML tables under rules/data/ and picking the row version in force on a date.

Every row of every table carries `citation` and `in_force_from` (and `in_force_to` when a
later version replaced it, exclusive of that day's successor: `in_force_to` is the last day
the row applies). A computation about a day uses the row in force on that day.
"""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Iterable

from .errors import RuleInputError

DATA_DIR = Path(__file__).parent / "data"


@cache
def load_table(name: str) -> dict[str, Any]:
    """Parse `rules/data/<name>.toml` once per process; the result must not be mutated."""
    path = DATA_DIR / f"{name}.toml"
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def in_force(row: dict[str, Any], on: date) -> bool:
    """True if `row` applies on `on` (in_force_from <= on <= in_force_to)."""
    start = _as_date(row.get("in_force_from"))
    end = _as_date(row.get("in_force_to"))
    if start is not None and on < start:
        return False
    if end is not None and on > end:
        return False
    return True


def rows_in_force(rows: Iterable[dict[str, Any]], on: date, *, what: str) -> list[dict[str, Any]]:
    """The rows in force on `on`; RuleInputError (naming `what`) if none is."""
    if not isinstance(on, date):
        raise RuleInputError(f"{what}：日期必須是 datetime.date，收到 {on!r}。")
    found = [row for row in rows if in_force(row, on)]
    if not found:
        raise RuleInputError(f"{what}：{on.isoformat()} 不在任何規定版本的施行期間內。")
    return found
