"""Reads of attendance: a person's punches, and the daily status of every person and
workday, computed (never stored) from punches, the office calendar, leave / trip / WFH
periods and the agency's office hours.

Statuses of a day (codes → Chinese in STATUS_LABELS):
- off: not a workday (weekend, holiday, whole-day closure → "closure");
- leave / trip / wfh (or another form's label): both half-day sessions covered by a form;
- exempt: a full-time teacher (no punching, seed 002), not on leave: shown with the core
  hours of their division (「免簽到退（核心時段 07:30–16:30）」; AttendanceProfile.division,
  the agency's CoreHours or rules.teacher_core_hours). Their leave and trip forms are read
  against the core hours split in two halves, each covered by a form of a half day;
- on_time, late, early_leave (both may apply), missing_punch (one punch only: a forgotten
  clock-out never blocks the next day, it shows here to be supplemented), absent (曠職: no
  punch and no form on a past workday), working / not_yet (today, still in progress),
  not_ended (today after the schedule's end without both punches: a day is judged only once it
  has ended, so today is never 曠職 or 未刷卡).

Office hours (org.Agency): start with `flex_minutes` of flexible start; the day is two
sessions, morning [office_start, lunch_start] and afternoon [lunch_end, office_end]. A form
of at least 4 hours inside a session covers it as a half day; no flexible start on a day
with a form (seed 003 Q.10). After a morning half day, arrival is due at lunch_start when
the morning is longer than 4 hours (the school's 4.5 h morning, whose extra half hour is
moved to the breaks, seed 003 Q.10: 請於12:30前打卡上班), else at lunch_end; before an
afternoon half day, leaving is allowed at lunch_start (Q.11: 最快可於12:30時進行刷退).

Punches far outside the schedule (more than the margin of rules.overtime_filing_figures,
2 hours of agency practice, before the start or after the end, or any punch on a day off) without an overtime request that day are flagged
`unapproved_extra` for the supervisor: arriving early or leaving late is not overtime.
"""

from __future__ import annotations

import calendar as pycalendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Iterable, Sequence

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from chaiqin import clock, rules
from chaiqin.calendar import selectors as office_calendar
from chaiqin.dates import TAIPEI
from chaiqin.id_lists import among
from chaiqin.org import access
from chaiqin.org.models import Agency, Person
from chaiqin.org.selectors import unpaid_leave_spans
from chaiqin.workflow import occupancy

from .allowances import Allowance, allowances_for
from .local_times import punches_by_day
from .models import AllowedNetwork, AttendanceProfile, CoreHours, Device, MissedPunch, Punch
from .services import punches_required

STATUS_LABELS = {
    "off": "放假日",  # the regime's own word when known (DayStatus.off_label)
    "closure": "停止上班",
    "leave": "請假",
    "trip": "公差",
    "wfh": "居家辦公",
    "busy": "差假",
    "exempt": "免簽到退",
    "unpaid_leave": "留職停薪",
    "on_time": "正常",
    "late": "遲到",
    "early_leave": "早退",
    "missing_punch": "未刷卡",
    "absent": "曠職",
    "working": "上班中",
    "not_yet": "尚未簽到",
    "not_ended": "當日尚未結束",
    "upcoming": "尚未到來",
}
PROBLEM_CODES = {"late", "early_leave", "missing_punch", "absent"}


ON_TIME = ("on_time",)


# slots: a county's month holds some 300,000 of these
@dataclass(slots=True)
class DayStatus:
    person_id: int
    day: date
    codes: tuple[str, ...]
    first: datetime | None = None  # naive Asia/Taipei
    last: datetime | None = None
    punches: int = 0
    late_minutes: int = 0
    early_minutes: int = 0
    due_in: datetime | None = None
    due_out: datetime | None = None
    busy_label: str = ""
    flags: tuple[str, ...] = ()
    core_label: str = ""
    allowance_label: str = ""  # e.g. 「哺（集）乳時間 60 分鐘」 forgiving lateness or early leave
    off_label: str = ""  # the regime's word for a day off (rules.day_off_name): 例假日, 休息日, 國定假日

    @property
    def label(self) -> str:
        if self.busy_label and self.codes and self.codes[0] in ("leave", "trip", "wfh", "busy"):
            return self.busy_label
        if self.codes == ("exempt",) and self.core_label:
            return f"免簽到退（核心時段 {self.core_label}）"
        text = "、".join(self.off_label if c == "off" and self.off_label else STATUS_LABELS[c] for c in self.codes)
        return f"{text}（{self.allowance_label}）" if self.allowance_label else text

    @property
    def problem(self) -> bool:
        return bool(PROBLEM_CODES.intersection(self.codes))

    @property
    def unapproved_extra(self) -> bool:
        return "unapproved_extra" in self.flags


@dataclass(frozen=True)
class Hours:
    start: time
    end: time
    lunch_start: time
    lunch_end: time
    flex: int
    #: A form this long inside a session covers it as a half day (seed 003 Q.10-11).
    half_day: timedelta = timedelta(hours=4)
    #: How far outside the schedule a punch is flagged for the supervisor (agency practice).
    margin: timedelta = timedelta(hours=2)

    @classmethod
    def of(cls, agency: Agency, on: date | None = None) -> "Hours":
        """The office hours of `agency` with the figures of rules.overtime_filing in force on `on`."""
        def t(v):
            return v if isinstance(v, time) else time.fromisoformat(str(v))
        figures = rules.overtime_filing_figures(on or clock.today())
        return cls(t(agency.office_start), t(agency.office_end), t(agency.lunch_start), t(agency.lunch_end),
                   int(agency.flex_minutes), timedelta(minutes=figures.half_day_minutes),
                   timedelta(minutes=figures.off_schedule_minutes))


def _local(at: datetime) -> datetime:
    return at.astimezone(TAIPEI).replace(tzinfo=None) if at.tzinfo else at


@lru_cache(maxsize=4096)
def _frame(day: date, hours: Hours) -> tuple:
    """(start, end, lunch start, lunch end, earliest and latest unflagged punch, the flexible
    start as a timedelta) of `day` under `hours`, naive Taipei: the same for everyone of an
    agency, so the batch builds each once per agency and day and passes it to compute_day,
    which runs once per person and day."""
    start, end = datetime.combine(day, hours.start), datetime.combine(day, hours.end)
    flex = timedelta(minutes=hours.flex)
    return (start, end, datetime.combine(day, hours.lunch_start), datetime.combine(day, hours.lunch_end),
            start - hours.margin, end + flex + hours.margin, flex)


def _overlap(a0, a1, b0, b1) -> timedelta:
    return max(timedelta(0), min(a1, b1) - max(a0, b0))


def compute_day(
    *, person_id: int, day: date, info, hours: Hours, punches: Sequence[datetime],
    busy: Sequence[tuple[datetime, datetime, str, str]], punching: bool, now: datetime,
    overtime: bool = False, core: tuple[time, time] | None = None, allowances: tuple[Allowance, ...] = (),
    unpaid_leave: bool = False, regime: str = "", frame: tuple | None = None,
) -> DayStatus:
    """The status of one person on one day (pure: everything is passed in; naive Taipei times).

    `busy` holds (start, end, kind, label) of leave, trips and WFH overlapping the day;
    `overtime` whether an overtime request covers the day (suppresses the off-schedule flag);
    `core` the core hours of a person who does not punch (a full-time teacher, seed 002);
    `unpaid_leave` the person is on 留職停薪 (nothing is expected of them that day);
    `regime` names a day off in the regime's words (rules.day_off_name), else 「放假日」;
    `frame` is `_frame(day, hours)` when the caller has it already (the batch, once per agency
    and day). This runs once per person and day of a county's report: it avoids work that
    does not change the answer (no busy periods: no session to cover; no allowance: nothing
    to forgive).
    """
    count = len(punches)
    if count > 1:
        punches = sorted(punches)
    if unpaid_leave:
        # 留職停薪 stops the clock: no punches are expected and no absence is flagged
        return DayStatus(person_id, day, ("unpaid_leave",), None, None, count)
    first = punches[0] if count else None
    last = punches[-1] if count > 1 else None
    start, end, l0, l1, earliest, latest, flex = frame or _frame(day, hours)
    if allowances:
        start, end = _own_schedule(day, start, end, allowances)
        earliest, latest = start - hours.margin, end + flex + hours.margin
    flags: tuple[str, ...] = ()
    if count and not overtime:
        if not info.is_workday or first < earliest or punches[-1] > latest:
            flags = ("unapproved_extra",)

    if not info.is_workday:
        if info.kind == "closure":
            return DayStatus(person_id, day, ("closure",), first, last, count, flags=flags)
        off = rules.day_off_name(regime, day, info.kind).word if regime and info.kind in ("weekend", "holiday") else ""
        return DayStatus(person_id, day, ("off",), first, last, count, flags=flags, off_label=off)

    covered = [False, False]
    if busy or info.closure_part or not punching:
        sessions = [[start, l0], [l1, end]]
        core_label = ""
        if not punching and core is not None:
            c0, c1 = datetime.combine(day, core[0]), datetime.combine(day, core[1])
            middle = c0 + (c1 - c0) / 2
            sessions = [[c0, middle], [middle, c1]]
            core_label = f"{core[0]:%H:%M}–{core[1]:%H:%M}"
        if info.closure_part == "morning":
            sessions[0] = None
        elif info.closure_part == "afternoon":
            sessions[1] = None
        covered = [s is None for s in sessions]
        label_minutes: dict[tuple[str, str], timedelta] = defaultdict(timedelta)
        for b0, b1, kind, label in busy:
            for i, s in enumerate(sessions):
                if s is None:
                    continue
                inside = _overlap(s[0], s[1], b0, b1)
                label_minutes[(kind, label)] += inside
                if inside >= min(s[1] - s[0], hours.half_day):
                    covered[i] = True
        if covered[0] and covered[1]:
            if label_minutes:
                kind, label = max(label_minutes, key=label_minutes.get)
                code = kind if kind in ("leave", "trip", "wfh") else "busy"
                return DayStatus(person_id, day, (code,), first, last, count, busy_label=label, flags=flags)
            return DayStatus(person_id, day, ("closure",), first, last, count, flags=flags)
        if not punching:
            return DayStatus(person_id, day, ("exempt",), first, last, count, flags=flags, core_label=core_label)
    now_day = now.date()
    if day > now_day and not count:
        # A day that has not come is nobody's absence yet.
        return DayStatus(person_id, day, ("upcoming",), first, last, count, flags=flags)

    # When must the person arrive and when may they leave?
    flexible = not busy and not covered[0] and not covered[1]
    if covered[0]:
        due_in = l0 if (l0 - start) > hours.half_day else l1
    else:
        due_in = start
    due_out = l0 if covered[1] else end
    for b0, b1, _kind, _label in busy:  # a form of a few hours at either end moves the edge
        if b0 <= due_in < b1:
            due_in = b1
        if b0 < due_out <= b1:
            due_out = b0
    # A day is judged once it has ended: until midnight the person may still punch, file a
    # missed-punch form or ask for leave, so today is never 曠職 or 未刷卡 yet.
    today = day == now_day
    if not count:
        code = "absent" if not today else "not_yet" if now < due_out else "not_ended"
        return DayStatus(person_id, day, (code,), due_in=due_in, due_out=due_out, flags=flags)
    if flexible:
        latest_in = due_in + flex
        if first <= due_in:
            due_out = end
        elif first <= latest_in:
            due_out = first + (end - start)
        else:
            due_out = end + flex
        due_in = latest_in
    in_progress = today and now < due_out
    if last is None and not in_progress:
        # One punch: the other is missing (a forgotten clock-out or clock-in), to supplement.
        return DayStatus(person_id, day, ("not_ended" if today else "missing_punch",), first, last, count,
                         due_in=due_in, due_out=due_out, flags=flags)
    codes: list[str] = []
    late = early = 0
    if first > due_in:
        late = int((first - due_in).total_seconds() // 60)
        codes.append("late")
    if last is None:
        codes.append("working")
    elif last < due_out:
        early = int((due_out - last).total_seconds() // 60) + (1 if (due_out - last).seconds % 60 else 0)
        codes.append("early_leave")
    allowance_label = ""
    if allowances:
        # An approved change of hours (性別平等工作法第19條) is the day's schedule: say so on the status.
        allowance_label = "、".join(_schedule_label(a) for a in allowances if a.moves_schedule)
        allowed = sum(a.minutes for a in allowances)
        if allowed and (late or early):
            left = rules.protected_time_forgiven(late_minutes=late, early_minutes=early,
                                                 allowance_minutes=allowed, on=day)
            early, late = left.early_minutes, left.late_minutes
            allowance_label = "、".join(_schedule_label(a) if a.moves_schedule else f"{a.label} {a.minutes} 分鐘"
                                        for a in allowances)
            codes = [c for c in codes if (c != "early_leave" or early) and (c != "late" or late)]
    return DayStatus(person_id, day, tuple(codes) if codes else ON_TIME, first, last, count, late, early,
                     due_in, due_out, flags=flags, allowance_label=allowance_label)


def _own_schedule(day: date, start: datetime, end: datetime, allowances) -> tuple[datetime, datetime]:
    """The office hours of `day` as the person's approved arrangement changes them."""
    for a in allowances:
        if a.start:
            start = datetime.combine(day, a.start)
        if a.end:
            end = datetime.combine(day, a.end)
        start += timedelta(minutes=a.start_later)
        end -= timedelta(minutes=a.end_earlier)
    return start, end


def _schedule_label(a) -> str:
    if a.start or a.end:
        return f"{a.label} {a.start:%H:%M}–{a.end:%H:%M}"
    if a.start_later:
        return f"{a.label}：上班延後 {a.start_later} 分鐘"
    return f"{a.label}：下班提前 {a.end_earlier} 分鐘"


_CLOSED = ("rejected", "withdrawn", "cancelled")
#: People per batch of reads: each table is read once per batch, the ids as one parameter
#: (id_lists.among), so a county of 10,000 people is one batch whatever its agencies and the
#: queries do not grow with it; the bound keeps one batch's punches in memory at a time.
BATCH = 50_000


def _busy_for(people: list[Person], start: datetime, end: datetime) -> dict[int, list[tuple[datetime, datetime, str, str]]]:
    """Leave, trip and WFH periods of each of `people` overlapping [start, end) (naive Taipei):
    {person_id: [(start, end, kind, label)…]}, from workflow.occupancy's providers, each asked once
    for everyone (every form app registers a provider for many people)."""
    aware0, aware1 = start.replace(tzinfo=TAIPEI), end.replace(tzinfo=TAIPEI)
    return {pid: [(_local(b.start), _local(b.end), b.kind, b.label) for b in rows
                  if getattr(b, "status", "") not in _CLOSED]
            for pid, rows in occupancy.busy_of(people, aware0, aware1).items()}


def _overtime_days(person_ids: list[int], start: date, end: date) -> set[tuple[int, date]]:
    try:
        from chaiqin.overtime.selectors import overtime_days
    except ImportError:
        return set()
    return overtime_days(person_ids, start, end)


def daily_statuses(people: Iterable[Person], start: date, end: date, *, now: datetime | None = None,
                   with_busy: bool = True) -> dict[int, list[DayStatus]]:
    """Every day from `start` to `end` of every person in `people`: {person_id: [DayStatus…]}.

    The batch form: whatever the number of people, every source is read in bulk and each day is
    computed in memory by `compute_day`. Queries: the agencies, their calendars and core hours
    (once for all agencies), overtime days and work-time allowances, and per BATCH people the
    punches, the teachers' divisions and (with_busy) one query per occupancy provider (leave,
    trips and overseas, WFH). One person (`person_month`) goes through the same path.
    """
    people = list(people)
    now = _local(now or clock.now())
    result: dict[int, list[DayStatus]] = {}
    if not people or end < start:
        return {p.pk: [] for p in people}
    t0 = datetime.combine(start, time())
    t1 = datetime.combine(end + timedelta(days=1), time())
    ids = [p.pk for p in people]
    # overtime days and allowances per person, so that each day asks a small dict
    overtime_of: dict[int, set[date]] = defaultdict(set)
    for pid, day in _overtime_days(ids, start, end):
        overtime_of[pid].add(day)
    allowed_of: dict[int, dict[date, tuple[Allowance, ...]]] = defaultdict(dict)
    for (pid, day), items in allowances_for(ids, start, end).items():
        allowed_of[pid][day] = tuple(items)
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in={p.agency_id for p in people})}
    calendars = office_calendar.days_between_for(list(agencies), start, end)
    hours = {pk: Hours.of(a, start) for pk, a in agencies.items()}
    cores = core_hours_for(list(agencies.values()), start)
    # each day with its bounds and office-hours frame, built once per agency rather than once per person
    frames = {pk: [(info, info.date, datetime.combine(info.date, time()),
                    datetime.combine(info.date, time()) + timedelta(days=1), _frame(info.date, hours[pk]))
                   for info in days] for pk, days in calendars.items()}
    no_days: dict = {}
    for i in range(0, len(people), BATCH):
        chunk = people[i:i + BATCH]
        chunk_ids = [p.pk for p in chunk]
        stamps = punches_by_day(chunk_ids, start, end)
        busy_of = _busy_for(chunk, t0, t1) if with_busy else {}
        away = unpaid_leave_spans(chunk)  # 留職停薪 by its dated periods: nothing expected on those days
        exempt = [p.pk for p in chunk if not punches_required(p)]
        divisions = dict(AttendanceProfile.objects.filter(among("person_id", exempt)).values_list("person_id", "division")) \
            if exempt else {}
        for person in chunk:
            pid = person.pk
            busy = busy_of.get(pid)
            punching = punches_required(person)
            core = None if punching else cores[person.agency_id][divisions.get(pid, AttendanceProfile.Division.DAY)]
            mine = stamps.get(pid, no_days)
            spans = away[pid]
            agency_hours = hours[person.agency_id]
            overtime = overtime_of.get(pid, no_days)
            allowed = allowed_of.get(pid, no_days)
            regime = person.regime
            result[pid] = [
                compute_day(person_id=pid, day=day, info=info, hours=agency_hours, punches=mine.get(day, ()),
                            busy=[b for b in busy if b[0] < d1 and b[1] > d0] if busy else (),
                            punching=punching, now=now, overtime=day in overtime, core=core,
                            allowances=allowed.get(day, ()),
                            unpaid_leave=bool(spans) and rules.on_unpaid_leave(spans, day),
                            regime=regime, frame=frame)
                for info, day, d0, d1, frame in frames[person.agency_id]]
    return result


def core_hours_of(agency: Agency, on: date | None = None) -> dict[str, tuple[time, time]]:
    """{division: (start, end)} of full-time teachers' core hours at `agency`: its own CoreHours
    rows, else the defaults of rules.teacher_core_hours (seed 002: 日間部 07:30-16:30, 進修部
    14:00-22:00). One query."""
    return core_hours_for([agency], on)[agency.pk]


def core_hours_for(agencies: list[Agency], on: date | None = None) -> dict[int, dict[str, tuple[time, time]]]:
    """`core_hours_of` of several agencies: {agency id: {division: (start, end)}}. One query."""
    defaults = {d: (c.start, c.end) for d in rules.TEACHER_DIVISIONS
                for c in [rules.teacher_core_hours(d, on or clock.today())]}
    found = {a.pk: dict(defaults) for a in agencies}
    for row in CoreHours.objects.filter(agency_id__in=list(found)):
        found[row.agency_id][row.division] = (row.start, row.end)
    return found


def person_core_hours(person: Person) -> tuple[str, str]:
    """(division name, "07:30–16:30") of a teacher's core hours (seed 002)."""
    profile = AttendanceProfile.objects.filter(person=person).first()
    division = profile.division if profile else AttendanceProfile.Division.DAY
    c0, c1 = core_hours_of(person.agency)[division]
    return AttendanceProfile.Division(division).label, f"{c0:%H:%M}–{c1:%H:%M}"


def person_month(person: Person, year: int, month: int) -> list[DayStatus]:
    first = date(year, month, 1)
    last = date(year, month, pycalendar.monthrange(year, month)[1])
    return daily_statuses([person], first, last)[person.pk]


def punches_of(person: Person, start: date, end: date):
    return Punch.objects.filter(
        person=person,
        at__gte=datetime.combine(start, time(), tzinfo=TAIPEI),
        at__lt=datetime.combine(end + timedelta(days=1), time(), tzinfo=TAIPEI),
    ).order_by("at")


def flagged_for(viewer: Person, start: date, end: date) -> list[tuple[Person, DayStatus]]:
    """Days of the people `viewer` may see with punches far outside the schedule and no overtime request."""
    people = access.visible_people(viewer).exclude(pk=viewer.pk).filter(status=Person.Status.ACTIVE)
    statuses = daily_statuses(people.select_related("agency"), start, end, with_busy=False)
    by_id = {p.pk: p for p in people}
    return [(by_id[pid], s) for pid, days in statuses.items() for s in days if s.unapproved_extra]


def missed_punch_get_for(user, form_id: int) -> MissedPunch:
    """The form if `user` may see its applicant (or decides it); else 404."""
    viewer = access.person_of(user)
    form = MissedPunch.objects.select_related("person", "case").filter(pk=form_id).first()
    if form is None:
        raise Http404("查無此補登單。")
    if form.person_id == viewer.pk or access.can_see_person(viewer, form.person):
        return form
    if form.case_id and form.case.steps.filter(decider=viewer).exists():
        return form
    raise Http404("查無此補登單。")


def _personnel_of(user) -> Person:
    viewer = access.person_of(user)
    if not access.roles_of(viewer) & {"personnel", "sysadmin"}:
        raise Http404("查無此頁。")
    return viewer


def device_get_for(user, device_id: int):
    """A card reader of the viewer's agency, for its personnel office; else 404."""
    viewer = _personnel_of(user)
    device = Device.objects.filter(pk=device_id, agency_id=viewer.agency_id).first()
    if device is None:
        raise Http404("查無此刷卡機。")
    return device


def network_get_for(user, network_id: int):
    """An allowed network of the viewer's agency, for its personnel office; else 404."""
    viewer = _personnel_of(user)
    network = AllowedNetwork.objects.filter(pk=network_id, agency_id=viewer.agency_id).first()
    if network is None:
        raise Http404("查無此網段。")
    return network


def settings_of(agency: Agency) -> dict:
    """What the personnel settings page shows: readers, networks, core hours, flagged people."""
    return {
        "devices": list(Device.objects.filter(agency=agency).order_by("-active", "name")),
        "networks": list(AllowedNetwork.objects.filter(agency=agency).order_by("cidr")),
        "core": [(AttendanceProfile.Division(d).label, d, c0, c1) for d, (c0, c1) in core_hours_of(agency).items()],
        "core_defaults": [rules.teacher_core_hours(d, clock.today()) for d in rules.TEACHER_DIVISIONS],
        "profiles": list(AttendanceProfile.objects.filter(person__agency=agency)
                         .filter(Q(shift_work=True) | Q(division=AttendanceProfile.Division.EVENING))
                         .select_related("person").order_by("person__employee_no")[:200]),
    }



def punch_times(person_ids: QuerySet | list[int], start: date, end: date, *, limit: int = 20000) -> list[tuple[int, datetime]]:
    """(person id, time) of every punch of `person_ids` on the days [start, end] (Taipei), in
    time order, at most `limit`. One query; read by compliance's night-work check."""
    since = datetime.combine(start, time.min, tzinfo=TAIPEI)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=TAIPEI)
    return list(Punch.objects.filter(person_id__in=person_ids, at__gte=since, at__lt=until)
                .order_by("at").values_list("person_id", "at")[:limit])


def missed_punches_by_unit(agency: Agency, start: date, end: date) -> list[dict]:
    """Missed-punch supplements of `agency` for times in the days [start, end], counted per unit,
    most first: [{"person__unit__name", "n"}]. One query; read by the personnel dashboard."""
    since = datetime.combine(start, time.min, tzinfo=TAIPEI)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=TAIPEI)
    return list(MissedPunch.objects.filter(person__agency=agency, at__gte=since, at__lt=until)
                .values("person__unit__name").order_by().annotate(n=Count("id")).order_by("-n"))
