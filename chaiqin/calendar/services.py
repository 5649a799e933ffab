"""Writes to the office calendar: importing the DGPA calendar, setting a day, closures.

Each function is the one entry point for its change, keyword-only, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction

from chaiqin.errors import ChaiqinError

from .dgpa import RowError, classify, parse_dgpa_csv
from .models import CalendarDay, Closure

__all__ = ["ImportReport", "dgpa_calendar_import", "calendar_day_set", "closure_declare", "closure_withdraw"]


@dataclass
class ImportReport:
    """What an import did, or why it did nothing.

    `ok` is False when any row was refused; then `errors` lists every problem (with row
    numbers) and nothing was written. `years` are the years the file covers.
    """

    encoding: str = ""
    years: list[int] = field(default_factory=list)
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """One line in Chinese for the command line and the admin."""
        if not self.ok:
            return f"匯入失敗：{len(self.errors)}項錯誤，未匯入任何資料。"
        years = "、".join(f"{y - 1911}年" for y in self.years)
        return (f"已匯入民國{years}辦公日曆 {self.rows} 天（{self.encoding}）："
                f"新增 {self.created}、更新 {self.updated}、未變動 {self.unchanged}。")


def _read(source: bytes | str | Path) -> bytes:
    if isinstance(source, bytes):
        return source
    return Path(source).read_bytes()


def dgpa_calendar_import(*, source: bytes | str | Path) -> ImportReport:
    """Import a DGPA office calendar CSV (file contents or a path) as nationwide CalendarDays.

    All or nothing: every row is checked first and, if any is wrong, nothing is written and
    the report lists the errors row by row. Re-importing the same file changes nothing
    (one row per date, updated in place). A nationwide manual row for a date in the file is
    replaced by the DGPA's. Two queries plus the bulk writes, whatever the file's length.
    Raises OSError if `source` is a path that cannot be read.
    """
    parsed = parse_dgpa_csv(_read(source))
    report = ImportReport(encoding=parsed.encoding, errors=list(parsed.errors))
    if not report.ok:
        return report
    rows = parsed.rows
    report.rows = len(rows)
    report.years = sorted({row.date.year for row in rows})
    first, last = min(row.date for row in rows), max(row.date for row in rows)

    with transaction.atomic():
        existing = {
            day.date: day
            for day in CalendarDay.objects.select_for_update().filter(agency__isnull=True, date__range=(first, last))
        }
        to_create, to_update = [], []
        for row in rows:
            values = {
                "is_day_off": row.is_day_off,
                "kind": classify(row.date, row.is_day_off, row.note),
                "name": row.note[:60],
                "source": CalendarDay.Source.DGPA,
            }
            current = existing.get(row.date)
            if current is None:
                to_create.append(CalendarDay(date=row.date, year=row.date.year, agency=None, **values))
            elif any(getattr(current, key) != value for key, value in values.items()):
                for key, value in values.items():
                    setattr(current, key, value)
                to_update.append(current)
            else:
                report.unchanged += 1
        CalendarDay.objects.bulk_create(to_create, batch_size=500)
        CalendarDay.objects.bulk_update(to_update, ["is_day_off", "kind", "name", "source"], batch_size=500)
        report.created, report.updated = len(to_create), len(to_update)
    return report


@transaction.atomic
def calendar_day_set(
    *, day: date, kind: str, name: str = "", agency=None, source: str = CalendarDay.Source.MANUAL
) -> CalendarDay:
    """Set what one date is (nationwide when `agency` is None, else for that agency only).

    `kind` is a CalendarDay.Kind; whether the day is off follows from it. Replaces any
    existing row for the same date and scope.
    """
    kind = CalendarDay.Kind(kind)
    is_day_off = kind in CalendarDay.DAY_OFF_KINDS
    row, _ = CalendarDay.objects.update_or_create(
        date=day, agency=agency,
        defaults={"is_day_off": is_day_off, "kind": kind, "name": name, "source": source, "year": day.year},
    )
    return row


@transaction.atomic
def closure_declare(
    *, agency, day: date, part: str = Closure.Part.WHOLE, reason: str = "颱風", declared_by: str, created_by=None
) -> Closure:
    """Record that `agency` does not work on `day` (or half of it) by a local government's
    declaration (天然災害停止上班). A second declaration for the same day replaces the first
    (a morning closure extended to the whole day). Raises ChaiqinError when `declared_by` is
    empty: a closure must say who declared it.

    A closure is not absence, lateness or personal leave; see models.Closure.
    """
    part = Closure.Part(part)
    declared_by = declared_by.strip()
    if not declared_by:
        raise ChaiqinError("請填寫宣布停止上班的機關，如「基隆市政府宣布」。", field="declared_by",
                           citation="天然災害停止上班及上課作業辦法")
    closure, _ = Closure.objects.update_or_create(
        agency=agency, date=day,
        defaults={"part": part, "reason": reason.strip() or "颱風", "declared_by": declared_by, "created_by": created_by},
    )
    return closure


@transaction.atomic
def closure_withdraw(*, agency, day: date) -> bool:
    """Remove `agency`'s closure on `day` (entered by mistake). Returns whether one existed."""
    deleted, _ = Closure.objects.filter(agency=agency, date=day).delete()
    return bool(deleted)
