"""差勤統計: per person, for a period, the days and hours of each leave type, lateness and early
leave (count and minutes), 曠職, missed punches, overtime hours (paid and comp time), and comp
time earned, used and expired; grouped per unit and agency; and the records behind a figure.

Sources, read once per period: approved leave requests counted in the period they start
(their minutes less what was cancelled), the day statuses of chaiqin.attendance (lateness,
early leave, 曠職, missed punches), claimed overtime slots by the day worked, and the comp-time
rows of the leave ledger. Reads only.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q, Sum

from chaiqin import clock, rules
from chaiqin.attendance import selectors as attendance
from chaiqin.dates import TAIPEI, format_roc
from chaiqin.id_lists import among
from chaiqin.leave.models import BalanceEntry, LeaveRequest
from chaiqin.overtime.models import OvertimeSlot

from .charts import chart_with_table


@dataclass
class Period:
    first: date
    last: date
    label: str


def month_period(year: int, month: int) -> Period:
    return Period(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]),
                  f"民國{year - 1911}年{month}月")


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), f"民國{year - 1911}年")


def school_year_period(start_year: int) -> Period:
    """The school year from 1 August `start_year` to 31 July the year after (教師請假規則)."""
    return Period(date(start_year, 8, 1), date(start_year + 1, 7, 31), f"{start_year - 1911}學年度")


def range_period(first: date, last: date) -> Period:
    return Period(first, last, f"{format_roc(first)}～{format_roc(last)}")


def appraisal_period(regime: str, year: int) -> Period:
    """The 考績 year of `year` for a regime: the calendar year (公務人員考績法第3條; workers by the
    agency's yearly review), for teachers the school year ending in July of `year` (公立高級中等
    以下學校教師成績考核辦法第2條: 學年度終了)."""
    return school_year_period(year - 1) if regime == rules.TEACHER else year_period(year)


@dataclass
class PersonFigures:
    person: object
    leave_minutes: dict = field(default_factory=lambda: defaultdict(int))  # leave code → minutes
    late_count: int = 0
    late_minutes: int = 0
    early_leave_count: int = 0
    early_leave_minutes: int = 0
    absent_minutes: int = 0
    missed_punch_count: int = 0
    overtime_minutes: int = 0
    overtime_paid_minutes: int = 0
    overtime_comp_minutes: int = 0
    comp_time_earned_minutes: int = 0
    comp_time_used_minutes: int = 0
    comp_time_expired_minutes: int = 0

    def as_api(self) -> dict:
        p = self.person
        return {"person_id": p.pk, "employee_no": p.employee_no, "name": p.name, "unit_name": p.unit.name,
                "leave_minutes": dict(self.leave_minutes), "late_count": self.late_count,
                "late_minutes": self.late_minutes, "early_leave_count": self.early_leave_count,
                "early_leave_minutes": self.early_leave_minutes, "absent_minutes": self.absent_minutes,
                "missed_punch_count": self.missed_punch_count, "overtime_minutes": self.overtime_minutes,
                "overtime_paid_minutes": self.overtime_paid_minutes,
                "overtime_comp_minutes": self.overtime_comp_minutes,
                "comp_time_earned_minutes": self.comp_time_earned_minutes,
                "comp_time_used_minutes": self.comp_time_used_minutes,
                "comp_time_expired_minutes": self.comp_time_expired_minutes}


NUMERIC = ("late_count", "late_minutes", "early_leave_count", "early_leave_minutes", "absent_minutes",
           "missed_punch_count", "overtime_minutes", "overtime_paid_minutes", "overtime_comp_minutes",
           "comp_time_earned_minutes", "comp_time_used_minutes", "comp_time_expired_minutes")


def _bounds(period: Period) -> tuple[datetime, datetime]:
    return (datetime.combine(period.first, time(), tzinfo=TAIPEI),
            datetime.combine(period.last + timedelta(days=1), time(), tzinfo=TAIPEI))


def attendance_summary(people, period: Period, *, with_days: bool = True) -> list[PersonFigures]:
    """The figures of every person of `people` (a queryset) over `period`, in unit order.

    with_days=False leaves out what needs the day-by-day attendance (lateness, early leave,
    曠職, missed punches), the slow part for a county."""
    # prefetched, not joined: a county's 10,000 people share a few hundred units and agencies,
    # each built once rather than once per person
    people = list(people.prefetch_related("unit", "agency").order_by("agency_id", "unit__sort_order", "unit_id",
                                                                     "employee_no"))
    figures = {p.pk: PersonFigures(p) for p in people}
    ids = list(figures)
    lo, hi = _bounds(period)
    for i in range(0, len(ids), attendance.BATCH):
        chunk = ids[i:i + attendance.BATCH]
        leaves = (LeaveRequest.objects.filter(among("person_id", chunk), start__gte=lo, start__lt=hi, case__status="approved")
                  .values("person_id", "leave_code").annotate(m=Sum("minutes"), c=Sum("cancelled_minutes")))
        for row in leaves:
            f = figures[row["person_id"]]
            f.leave_minutes[row["leave_code"]] += int(row["m"] or 0) - int(row["c"] or 0)
            if row["leave_code"] == "comp_time":
                f.comp_time_used_minutes += int(row["m"] or 0) - int(row["c"] or 0)
        slots = (OvertimeSlot.objects.filter(among("person_id", chunk), day__range=(period.first, period.last),
                                             claimed_at__isnull=False)
                 .values_list("person_id", "compensation", "minutes", "pay_minutes"))
        for pid, comp, minutes, pay_minutes in slots.iterator(chunk_size=10000):
            f = figures[pid]
            minutes = minutes or 0
            f.overtime_minutes += minutes
            if comp == "pay":
                paid = minutes if pay_minutes is None else pay_minutes
                f.overtime_paid_minutes += paid
                f.overtime_comp_minutes += minutes - paid
            elif comp == "comp_time":
                f.overtime_comp_minutes += minutes
        # comp time earned in the period, and expired in it (on its expiry day, else the day it was booked)
        ledger = BalanceEntry.objects.filter(among("person_id", chunk), account="comp_time").filter(
            Q(kind=BalanceEntry.Kind.GRANT, earned_on__range=(period.first, period.last))
            | Q(kind=BalanceEntry.Kind.EXPIRY, expires_on__range=(period.first, period.last))
            | Q(kind=BalanceEntry.Kind.EXPIRY, expires_on__isnull=True, created_at__gte=lo, created_at__lt=hi))
        for pid, kind, minutes in ledger.values_list("person_id", "kind", "minutes").iterator(chunk_size=10000):
            f = figures[pid]
            if kind == BalanceEntry.Kind.GRANT:
                f.comp_time_earned_minutes += minutes
            else:
                f.comp_time_expired_minutes += abs(minutes)
    if with_days:
        _add_days(people, figures, period)
    return list(figures.values())


def _add_days(people, figures: dict, period: Period) -> None:
    """Lateness, early leave, 曠職 and missed punches from the day statuses (chaiqin.attendance)."""
    last = min(period.last, clock.today())
    if last < period.first:
        return
    day_minutes = {}
    for pid, days in attendance.daily_statuses(people, period.first, last).items():
        f = figures[pid]
        agency = f.person.agency
        if agency.pk not in day_minutes:
            day_minutes[agency.pk] = _minutes_between(agency.office_start, agency.office_end) \
                - _minutes_between(agency.lunch_start, agency.lunch_end)
        for d in days:
            if "late" in d.codes:
                f.late_count += 1
                f.late_minutes += d.late_minutes
            if "early_leave" in d.codes:
                f.early_leave_count += 1
                f.early_leave_minutes += d.early_minutes
            if "absent" in d.codes:
                f.absent_minutes += day_minutes[agency.pk]
            if "missing_punch" in d.codes:
                f.missed_punch_count += 1


def _minutes_between(a, b) -> int:
    a = a if isinstance(a, time) else time.fromisoformat(str(a))
    b = b if isinstance(b, time) else time.fromisoformat(str(b))
    return (b.hour * 60 + b.minute) - (a.hour * 60 + a.minute)


@dataclass
class GroupFigures:
    """Sums over people: a unit, or the agency."""

    name: str
    people: int = 0
    leave_minutes: dict = field(default_factory=lambda: defaultdict(int))
    sums: dict = field(default_factory=lambda: defaultdict(int))

    def add(self, f: PersonFigures) -> None:
        self.people += 1
        for code, m in f.leave_minutes.items():
            self.leave_minutes[code] += m
        for name in NUMERIC:
            self.sums[name] += getattr(f, name)


def by_unit(rows: list[PersonFigures]) -> tuple[list[GroupFigures], GroupFigures]:
    """Per-unit sums in the order the rows come, and the total."""
    units: dict[int, GroupFigures] = {}
    total = GroupFigures("總計")
    for f in rows:
        units.setdefault(f.person.unit_id, GroupFigures(f.person.unit.name)).add(f)
        total.add(f)
    return list(units.values()), total


def leave_codes(rows) -> list[tuple[str, str]]:
    """The leave codes that occur in `rows`, with their Chinese names, in the rules' order."""
    seen = {code for f in rows for code, m in f.leave_minutes.items() if m}
    names = {}
    for regime in rules.REGIMES:
        for t in rules.leave_types(regime):
            names.setdefault(t.code, t.name)
    return sorted(((c, names.get(c, c)) for c in seen), key=lambda cn: (list(names).index(cn[0])
                                                                        if cn[0] in names else 999, cn[0]))


def person_records(person, period: Period) -> dict:
    """The records behind a person's figures (drill-down): approved leave, problem days, overtime
    slots and comp-time ledger rows of the period."""
    lo, hi = _bounds(period)
    last = min(period.last, clock.today())
    days = attendance.daily_statuses([person], period.first, last).get(person.pk, []) if last >= period.first else []
    return {
        "leaves": list(LeaveRequest.objects.filter(person=person, start__gte=lo, start__lt=hi, case__status="approved")
                       .order_by("start")),
        "problem_days": [d for d in days if d.problem],
        "overtime": list(OvertimeSlot.objects.filter(person=person, day__range=(period.first, period.last),
                                                     claimed_at__isnull=False).order_by("day")),
        "comp_time": list(BalanceEntry.objects.filter(person=person, account="comp_time",
                                                      kind__in=(BalanceEntry.Kind.GRANT, BalanceEntry.Kind.EXPIRY))
                          .order_by("created_at")),
    }


def dashboard_charts(people, today: date) -> list[dict]:
    """The 差勤統計 charts of the personnel office's dashboard: for the month of `today` (leave by
    type, lateness and overtime per unit, from the day statuses up to yesterday or today) and for
    the calendar year so far (leave by type and overtime per unit, without the day-by-day
    attendance, which would read a year of days of everyone). [{period, charts: [SafeString]}]."""
    out = []
    for period, with_days in ((month_period(today.year, today.month), True), (year_period(today.year), False)):
        rows = attendance_summary(people, period, with_days=with_days)
        units, total = by_unit(rows)
        charts = [chart_with_table([(name, total.leave_minutes.get(code, 0) / 60) for code, name in leave_codes(rows)],
                                   unit="時", title=f"各假別請假時數（{period.label}）")]
        if with_days:
            charts.append(chart_with_table([(u.name, u.sums["late_count"]) for u in units], unit="次",
                                           title=f"各單位遲到次數（{period.label}）"))
        charts.append(chart_with_table([(u.name, u.sums["overtime_minutes"] / 60) for u in units], unit="時",
                                       title=f"各單位加班時數（{period.label}）"))
        out.append({"period": period, "charts": charts})
    return out
