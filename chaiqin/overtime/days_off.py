"""Reads of a worker's days off (例假、休息日): the day kind of each day from their own roster or
the office calendar, and the days-off rules a planned overtime would break (勞動基準法第36條,
第30條之1, 第40條). Writes are in days_off_services.py.

A worker's schedule, day by day: inside a DaysOffRoster period the days it lists as 例假 or 休息日
are those, a national holiday stays a holiday (第37條) and every other day is a workday; outside
any roster the office calendar's workdays are workdays and of the other days Sunday is the 例假
(rules.default_day_kind). Civil servants and teachers have no 例假 in this sense: their day kinds
stay the office calendar's (services.day_kind_of).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.http import Http404

from chaiqin import rules
from chaiqin.calendar import selectors as office_calendar
from chaiqin.calendar.national import national_year
from chaiqin.dates import TAIPEI, format_roc
from chaiqin.org import access
from chaiqin.org.models import Person

from .models import LIVE, DaysOffRoster, FlexibleScheduleAgreement, OvertimeSlot

DEFAULT_WEEK_START = date(2018, 1, 1)  # a Monday: without a roster the 7-day periods run Monday to Sunday
LONGEST_PERIOD = 28


@dataclass(frozen=True)
class Period:
    schedule: str
    start: date
    end: date
    roster: DaysOffRoster | None


def rosters_between(person: Person, lo: date, hi: date) -> list[DaysOffRoster]:
    """The person's roster periods touching [lo, hi], in order (one query)."""
    return list(DaysOffRoster.objects.filter(person=person, period_start__lte=hi, period_end__gte=lo)
                .order_by("period_start"))


def _holidays(agency, lo: date, hi: date) -> set[date]:
    found = {i.date for i in office_calendar.days_between(agency, lo, hi) if i.kind == "holiday"}
    for year in range(lo.year, hi.year + 1):
        found |= {d for d, n in national_year(year).items() if n.kind == "holiday" and lo <= d <= hi}
    return found


def day_kinds(person: Person, lo: date, hi: date, *, rosters: list[DaysOffRoster] | None = None) -> dict[date, str]:
    """{day: "workday" | "rest_day" | "regular_day_off" | "holiday"} of a worker from `lo` to `hi`."""
    rosters = rosters_between(person, lo, hi) if rosters is None else rosters
    infos = {i.date: i for i in office_calendar.days_between(person.agency, lo, hi)}
    holidays = _holidays(person.agency, lo, hi)
    out: dict[date, str] = {}
    for day, info in infos.items():
        out[day] = rules.default_day_kind(day, is_workday=info.is_workday, is_holiday=day in holidays)
    for r in rosters:
        off, rest = set(r.regular_days_off), set(r.rest_days)
        day = max(r.period_start, lo)
        while day <= min(r.period_end, hi):
            iso = day.isoformat()
            out[day] = ("regular_day_off" if iso in off else "rest_day" if iso in rest
                        else "holiday" if day in holidays else "workday")
            day += timedelta(days=1)
    return out


def day_kind(person: Person, day: date) -> str:
    """The day kind of `day` for `person`: their own schedule for a worker, the office calendar otherwise."""
    if person.regime != rules.LABOR:
        # not at the top: overtime.services imports this module at its top
        from .services import day_kind_of

        return day_kind_of(person.agency, day)
    return day_kinds(person, day, day)[day]


def periods_for(person: Person, days: list[date]) -> list[Period]:
    """The roster periods holding `days`: the person's DaysOffRoster, else the Monday-to-Sunday week."""
    rosters = rosters_between(person, min(days), max(days))
    found: dict[date, Period] = {}
    for day in days:
        r = next((r for r in rosters if r.period_start <= day <= r.period_end), None)
        if r is not None:
            found.setdefault(r.period_start, Period(r.schedule, r.period_start, r.period_end, r))
            continue
        start = day - timedelta(days=(day - DEFAULT_WEEK_START).days % 7)
        found.setdefault(start, Period("weekly", start, start + timedelta(days=6), None))
    return [found[k] for k in sorted(found)]


def _naive(at: datetime) -> datetime:
    return at.astimezone(TAIPEI).replace(tzinfo=None)


def days_off_violations(person: Person, planned: list[tuple[datetime, datetime, str]], *,
                        exclude_request: int | None = None) -> list[rules.Violation]:
    """The days-off rules `planned` overtime (naive start, end, day kind) of a worker would break,
    with the worker's scheduled workdays and live overtime of each roster period touched:
    work on a 例假 (勞動基準法第40條: only for 天災、事變或突發事件), and a period without its days off
    (第36條第1項 each 7 days 1 例假 + 1 休息日; 第30條之1、第36條第2項第3款 four weeks 2 例假 every two
    weeks and 8 days off). Empty for civil servants and teachers."""
    if person.regime != rules.LABOR or not planned:
        return []
    days = sorted({rules.workday_of(s) for s, _e, _k in planned})
    out: list[rules.Violation] = []
    for period in periods_for(person, days):
        kinds = day_kinds(person, period.start, period.end,
                          rosters=[period.roster] if period.roster else [])
        mine = [(s, e, k) for s, e, k in planned if period.start <= rules.workday_of(s) <= period.end]
        shifts = [rules.Shift(person.pk, s, e, "overtime", day_kind=kinds.get(rules.workday_of(s), k)) for s, e, k in mine]
        existing = OvertimeSlot.objects.filter(person=person, day__range=(period.start, period.end),
                                               request__case__status__in=LIVE)
        if exclude_request:
            existing = existing.exclude(request_id=exclude_request)
        for slot in existing.only("start", "end", "day", "day_kind"):
            shifts.append(rules.Shift(person.pk, _naive(slot.start), _naive(slot.end), "overtime",
                                      day_kind=kinds.get(slot.day, slot.day_kind)))
        # not at the top: overtime.services imports this module at its top
        from .services import _regular_shift

        shifts += [_regular_shift(person, d) for d, k in sorted(kinds.items()) if k == "workday"]
        found = rules.check_hours(rules.LABOR, shifts, schedule=period.schedule, cycle_start=period.start,
                                  min_rest_hours=0)
        out += [v for v in found if v.code == "seven_day_rule"]
    run = _run_violation(person, days, planned, exclude_request)
    if run is not None:
        out.append(run)
    return sorted(out, key=lambda v: v.day)


def _run_violation(person: Person, days: list[date], planned, exclude_request) -> rules.Violation | None:
    """Seven days of work in a row around the planned days (rules.days_in_a_row_violation), from
    the scheduled workdays and the live and planned overtime; four-week periods are left to their
    own rule (第36條第2項第3款 asks 2 例假 every two weeks, not one in every seven days)."""
    reach = rules.days_off_rule("weekly", days[0]).cycle_days - 1
    lo, hi = days[0] - timedelta(days=reach), days[-1] + timedelta(days=reach)
    rosters = rosters_between(person, lo, hi)
    kinds = day_kinds(person, lo, hi, rosters=rosters)
    worked = {d for d, k in kinds.items() if k == "workday"}
    worked |= set(days)
    existing = OvertimeSlot.objects.filter(person=person, day__range=(lo, hi), request__case__status__in=LIVE)
    if exclude_request:
        existing = existing.exclude(request_id=exclude_request)
    worked |= set(existing.values_list("day", flat=True))
    flexible = {d for r in rosters if r.schedule == DaysOffRoster.Schedule.FOUR_WEEK
                for d in kinds if r.period_start <= d <= r.period_end}
    run = rules.days_in_a_row_violation(worked - flexible, days[0])
    if run is None or not any(run[0] <= d <= run[1] for d in days):
        return None
    first, last = run
    return rules.Violation(person.pk, "seven_day_rule", last,
                           f"{format_roc(first)} 至 {format_roc(last)} 連續工作 {(last - first).days + 1} 日，"
                           "其間沒有例假或休息日（每七日中應有一日例假）。", rules.SEVEN_IN_A_ROW_CITATION)


# --- for pages -----------------------------------------------------------------------------

def agreements_of(agency) -> list[FlexibleScheduleAgreement]:
    return list(FlexibleScheduleAgreement.objects.filter(agency=agency).order_by("-in_force_from"))


def agreement_in_force(agency, on: date) -> FlexibleScheduleAgreement | None:
    """The agency's four-week agreement in force on `on`, or None."""
    return (FlexibleScheduleAgreement.objects.filter(agency=agency, in_force_from__lte=on)
            .filter(Q(in_force_to__isnull=True) | Q(in_force_to__gte=on)).order_by("-in_force_from").first())


def rosters_of_agency(agency, *, since: date, limit: int = 200) -> list[DaysOffRoster]:
    return list(DaysOffRoster.objects.filter(person__agency=agency, period_end__gte=since)
                .select_related("person").order_by("period_start", "person__employee_no")[:limit])


def roster_get_for(user, roster_id: int) -> DaysOffRoster:
    """A roster the viewer may see (the worker, or anyone who sees them); else 404."""
    viewer = access.person_of(user)
    roster = DaysOffRoster.objects.select_related("person__agency").filter(pk=roster_id).first()
    if roster is None or not (roster.person_id == viewer.pk or access.can_see_person(viewer, roster.person)):
        raise Http404("查無此排班。")
    return roster


@dataclass(frozen=True)
class ScheduleDay:
    day: date
    kind: str

    @property
    def label(self) -> str:
        return {"workday": "工作日", "rest_day": "休息日", "regular_day_off": "例假", "holiday": "國定假日"}[self.kind]


def my_schedule(person: Person, start: date, days: int = 28) -> list[ScheduleDay]:
    """The worker's next `days` days with their kinds, as shown to them."""
    kinds = day_kinds(person, start, start + timedelta(days=days - 1))
    return [ScheduleDay(d, k) for d, k in sorted(kinds.items())]
