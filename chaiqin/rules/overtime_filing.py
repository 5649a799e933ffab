"""Filing overtime and the working-time figures of a school day, as data (rules/data/overtime.toml).

Sources (seeds in shared/seeds/):

- Seed 002, 加班申請三部曲 Step 3: the claim is filed within 3 days after the overtime day
  (加班日後 3 日內必須補送/提出申請單), unless the personnel office reopens it
  (`overtime_claim_deadline`).
- Seed 003 Q.8: a prior-approval request spans at most a month (一次申請的期間不宜超過一個月,
  `overtime_request_last_day`).
- Seed 002: beyond the normal caps in the civil service's exceptional situations, report to the
  supervising authority within 1 month of the event (需於事由發生之日起1個月內報主管機關備查,
  `exceptional_report_due`).
- Seed 002 (the dormitory counsellor's Q&A): shift workers rest at least 11 consecutive hours
  at a change of shifts (`overtime_filing_figures().shift_rest_hours`; the check itself is
  `check_hours`' `rest_under_11h`).
- Seed 003 Q.10-11: a form of 4 hours or more inside a session covers it as a half day.
- Seed 002: full-time teachers do not punch but are on campus in core hours, 日間部 07:30-16:30,
  進修部 14:00-22:00 (`teacher_core_hours`; an agency may set its own).

The 2-hour margin after which a punch is "far outside the schedule" is agency practice
(issue 5), kept here so that no app writes a figure of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from ._tables import load_table, rows_in_force
from .errors import RuleInputError
from .leave import add_months

__all__ = [
    "OvertimeFilingFigures",
    "CoreHours",
    "overtime_filing_figures",
    "overtime_default_compensation",
    "overtime_claim_deadline",
    "overtime_request_last_day",
    "exceptional_report_due",
    "teacher_core_hours",
    "TEACHER_DIVISIONS",
]

#: The divisions a full-time teacher may belong to (seed 002): day (日間部) and evening (進修部).
TEACHER_DIVISIONS = ("day", "evening")


@dataclass(frozen=True)
class OvertimeFilingFigures:
    """The figures in force on a day, each with its citation."""

    claim_window_days: int
    claim_citation: str
    request_max_months: int
    max_slot_minutes: int
    sign_in_early_minutes: int
    request_citation: str
    report_within_months: int
    report_citation: str
    shift_rest_hours: int
    shift_rest_citation: str
    off_schedule_minutes: int
    off_schedule_citation: str
    half_day_minutes: int
    half_day_citation: str


@dataclass(frozen=True)
class CoreHours:
    """A teacher division's core hours on campus (seed 002)."""

    division: str
    name: str
    start: time
    end: time
    citation: str

    @property
    def label(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


def _row(table: str, on: date, what: str) -> dict:
    return rows_in_force(load_table("overtime")[table], on, what=what)[-1]


def overtime_filing_figures(on: date | None = None) -> OvertimeFilingFigures:
    """Every figure of rules/data/overtime.toml in force on `on` (default today)."""
    on = on or date.today()
    claim = _row("claim", on, "加班補償申請期限")
    request = _row("request", on, "加班申請期間")
    report = _row("exceptional_report", on, "例外加班報備")
    rest = _row("shift_rest", on, "輪班休息間隔")
    off = _row("off_schedule", on, "出勤異常提示")
    half = _row("half_day", on, "半日差假")
    return OvertimeFilingFigures(
        claim["window_days"], claim["citation"], request["max_months"], request["max_slot_hours"] * 60,
        request["sign_in_early_minutes"], request["citation"], report["within_months"], report["citation"],
        rest["min_hours"], rest["citation"], off["margin_minutes"], off["citation"],
        int(half["min_hours"] * 60), half["citation"],
    )


def overtime_claim_deadline(day: date, *, reopened_until: date | None = None) -> date:
    """The last day the overtime of `day` may be claimed: `day` + 3 days (seed 002: 加班日後3日內),
    or the personnel office's `reopened_until` when later.

    >>> overtime_claim_deadline(date(2026, 3, 3))
    datetime.date(2026, 3, 6)
    """
    if not isinstance(day, date):
        raise RuleInputError(f"加班日必須是日期，收到 {day!r}。")
    deadline = day + timedelta(days=overtime_filing_figures(day).claim_window_days)
    if reopened_until is not None and reopened_until > deadline:
        return reopened_until
    return deadline


def overtime_request_last_day(first: date) -> date:
    """The last overtime day one request starting on `first` may cover: a month less a day
    (seed 003 Q.8: 一次申請的期間不宜超過一個月). 2026-03-05 → 2026-04-04; 2026-01-31 → 2026-02-27."""
    if not isinstance(first, date):
        raise RuleInputError(f"加班日必須是日期，收到 {first!r}。")
    return add_months(first, overtime_filing_figures(first).request_max_months) - timedelta(days=1)


def exceptional_report_due(event_day: date) -> date:
    """The day by which overtime beyond the normal caps in an exceptional situation is reported
    to the supervising authority: a month after the event (seed 002: 事由發生之日起1個月內)."""
    if not isinstance(event_day, date):
        raise RuleInputError(f"事由發生日必須是日期，收到 {event_day!r}。")
    return add_months(event_day, overtime_filing_figures(event_day).report_within_months)


def teacher_core_hours(division: str = "day", on: date | None = None) -> CoreHours:
    """The default core hours of full-time teachers of `division` ("day" 日間部 07:30-16:30,
    "evening" 進修部 14:00-22:00; seed 002). RuleInputError for another division."""
    if division not in TEACHER_DIVISIONS:
        raise RuleInputError(f"未知的學制「{division}」：應為 day（日間部）或 evening（進修部）。")
    on = on or date.today()
    rows = [r for r in rows_in_force(load_table("overtime")["core_hours"], on, what="教師核心上班時段")
            if r["division"] == division]
    row = rows[-1]
    return CoreHours(division, row["name"], time.fromisoformat(row["start"]), time.fromisoformat(row["end"]),
                     row["citation"])


def overtime_default_compensation(regime: str, on: date | None = None) -> tuple[str, str]:
    """(compensation, citation) the overtime claim form proposes first for `regime`: 補休
    ("comp_time") for civil servants and teachers (公務人員保障法第23條), 加班費 ("pay") under
    the LSA, where comp time is only the worker's own choice (勞動基準法第32條之1).

    >>> overtime_default_compensation("labor", date(2026, 3, 3))[0]
    'pay'
    """
    on = on or date.today()
    rows = [r for r in load_table("overtime")["default_compensation"] if r["regime"] == regime]
    if not rows:
        raise RuleInputError(f"未知的人員類別「{regime}」。")
    row = rows_in_force(rows, on, what="加班補償預設")[-1]
    return row["compensation"], row["citation"]
