"""What a day off is called in each regime: 例假日 for the civil servants' and teachers' 週休二日
(公務人員週休二日實施辦法); 例假日 and 休息日 for LSA workers (勞動基準法第36條第1項); 國定假日
for the holidays (紀念日及節日實施條例; 勞動基準法第37條). Never 「休假日」, which reads as
annual leave (休假)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ._tables import load_table, rows_in_force
from .errors import RuleInputError
from .regimes import check_regime

__all__ = ["DayOffName", "day_off_name"]


@dataclass(frozen=True)
class DayOffName:
    word: str
    citation: str


# The tables never change in a running process, and a county's month of day statuses asks about
# the same few (regime, day, kind) hundreds of thousands of times: the answer is remembered.
@lru_cache(maxsize=4096)
def day_off_name(regime: str, day: date, kind: str) -> DayOffName:
    """The word for `day`, a day off of `kind` ("weekend" or "holiday", as the office calendar
    says), for a person of `regime`. A weekday off that is not a holiday (e.g. a bridge day) is
    named as a holiday; a weekend day is Saturday or Sunday. RuleInputError for another kind."""
    check_regime(regime)
    if not isinstance(day, date):
        raise RuleInputError(f"day 必須是 datetime.date，收到 {day!r}。")
    table = load_table("day_off_names")
    base = table["regime_alias"].get(regime, regime)
    if kind == "weekend" and day.weekday() in (5, 6):
        rows = [r for r in table["weekend"] if r["regime"] == base and r["weekday"] == day.weekday()]
    elif kind in ("holiday", "weekend"):
        rows = [r for r in table["holiday"] if r["regime"] == base]
    else:
        raise RuleInputError(f"不是放假日的種類：{kind!r}。")
    row = rows_in_force(rows, day, what=f"放假日名稱（{base}）")[0]
    return DayOffName(word=row["word"], citation=row["citation"])
