"""Reading other apps' records (leave ledger, punches, overtime) without depending on them.

Those apps are built alongside this one; their models may not exist yet, or may not have
their tables. Every reader here returns None when the source is not there, and callers
show 「尚無資料，請人工確認」 instead of guessing. Nothing here writes to another app.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.db import DatabaseError, connection
from django.db.models import QuerySet

from chaiqin.dates import TAIPEI

NO_DATA = "尚無資料，請人工確認"


#: Tables seen to exist: a table is not dropped under a running site, so each is looked up in the
#: catalogue once per process, not on every page (a missing one is looked up again: it may be migrated).
_tables_seen: set[str] = set()


def model_if_ready(label: str):
    """The model `app_label.ModelName` if it is installed and its table exists, else None."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    table = model._meta.db_table
    if table not in _tables_seen:
        try:
            tables = connection.introspection.table_names()
        except DatabaseError:  # pragma: no cover
            return None
        if table not in tables:
            return None
        _tables_seen.update(tables)
    return model


def _field_names(model) -> set[str]:
    return {f.name for f in model._meta.get_fields()}


def aware(day: date, at: time = time(0)) -> datetime:
    return datetime.combine(day, at, tzinfo=TAIPEI)


@dataclass(frozen=True)
class Worked:
    """A period someone worked, from another app's record, for the night-work check."""

    person_id: int
    start: datetime
    end: datetime
    source: str  # Chinese: 加班、刷卡、排班
    minutes: int | None = None  # counted minutes where the source says (overtime claims)


def ids_or_subquery(person_ids):
    """A queryset of ids stays a subquery (an agency's thousands of ids never travel as parameters);
    any other iterable becomes a list."""
    return person_ids if isinstance(person_ids, QuerySet) else list(person_ids)


def overtime_periods(person_ids, start: date, end: date) -> list[Worked] | None:
    """Overtime of `person_ids` touching [start, end] from the overtime app's slots (one person,
    one day: signed-in/out times when present, else the planned times), leaving out requests
    rejected, withdrawn or never sent; None while that app has no OvertimeSlot table."""
    model = model_if_ready("overtime.OvertimeSlot")
    if model is None or not {"person", "start", "end", "request"} <= _field_names(model):
        return None
    qs = (model.objects.filter(person_id__in=ids_or_subquery(person_ids), start__lt=aware(end + timedelta(days=1)),
                               end__gt=aware(start))
          .exclude(request__case__isnull=True)
          .exclude(request__case__status__in=["rejected", "withdrawn", "cancelled"]))
    out = []
    for person_id, start_at, end_at, signed_in, signed_out, counted in qs.values_list(
            "person_id", "start", "end", "signed_in_at", "signed_out_at", "minutes").order_by():
        s, e = signed_in or start_at, signed_out or end_at
        if e <= s:
            s, e = start_at, end_at
        out.append(Worked(person_id, s, e, "加班", counted if counted is not None else int((e - s).total_seconds() // 60)))
    return out


def punch_periods(person_ids, start: date, end: date) -> list[Worked] | None:
    """Periods between the first and last punch of each day (clock-ins at night show up as
    a punch between 22:00 and 06:00), or None without the attendance app's Punch table."""
    model = model_if_ready("attendance.Punch")
    if model is None or not {"person", "at"} <= _field_names(model):
        return None
    out: list[Worked] = []
    for p in model.objects.filter(person_id__in=ids_or_subquery(person_ids), at__gte=aware(start),
                                  at__lt=aware(end + timedelta(days=1))).order_by("at")[:20000]:
        out.append(Worked(p.person_id, p.at, p.at + timedelta(minutes=1), "刷卡"))
    return out


def annual_leave_taken_minutes(person, year_start: date, year_end: date) -> int | None:
    """Annual leave minutes `person` has used in the leave year [year_start, year_end], from
    the leave ledger (uses minus reversals), or None while the ledger does not exist."""
    model = model_if_ready("leave.BalanceEntry")
    if model is None:
        return None
    try:
        rows = model.objects.filter(person=person, account="annual", period_start__lte=year_end,
                                    period_end__gte=year_start, kind__in=["use", "reversal"])
        total = sum(r.minutes for r in rows)
    except DatabaseError:  # pragma: no cover - a half-migrated ledger
        return None
    return max(0, -total)


# Only these lapse when unused (休假改進措施 / 勞基法§38(4), §32-1); other quotas simply start again.
LAPSING_ACCOUNTS = ("annual", "comp_time")


def expiring_balances(person_ids, *, within_days: int, today: date) -> list[dict] | None:
    """Annual leave and comp time whose period ends within `within_days` with time left, or None.

    Each row: person_id, person__name, account, name (Chinese), left (minutes), left_text (2日4時), period_end.
    """
    model = model_if_ready("leave.BalanceEntry")
    if model is None:
        return None
    from django.db.models import Sum

    from chaiqin import rules
    from chaiqin.leave.ledger import format_minutes

    horizon = today + timedelta(days=within_days)
    rows = list(model.objects.filter(person_id__in=ids_or_subquery(person_ids), account__in=LAPSING_ACCOUNTS,
                                     period_end__gte=today, period_end__lte=horizon)
                .values("person_id", "person__name", "person__regime", "account", "period_end")
                .annotate(left=Sum("minutes")).filter(left__gt=0).order_by("period_end", "person__name")[:200])
    for row in rows:
        row["name"] = "補休" if row["account"] == "comp_time" else rules.leave_type(
            row["person__regime"], row["account"], on=today).name
        row["left_text"] = format_minutes(row["left"])
    return rows


def missing_punches(agency, day_from: date, day_to: date) -> list[dict] | None:
    """Missed-punch supplements filed in the period (attendance.MissedPunch), or None."""
    model = model_if_ready("attendance.MissedPunch")
    if model is None:
        return None
    qs = (model.objects.filter(person__agency=agency, at__gte=aware(day_from), at__lt=aware(day_to + timedelta(days=1)))
          .values("person__unit__name").order_by())
    from django.db.models import Count

    return list(qs.annotate(n=Count("id")).order_by("-n"))
