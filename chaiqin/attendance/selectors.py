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
  punch and no form on a past workday), working / not_yet (today, still in progress).

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
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Iterable

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from chaiqin import clock, rules
from chaiqin.calendar import selectors as office_calendar
from chaiqin.dates import TAIPEI
from chaiqin.org import access
from chaiqin.org.models import Agency, Person
from chaiqin.workflow import occupancy
from chaiqin.workflow.models import Case

from .allowances import Allowance, allowances_for
from .models import AllowedNetwork, AttendanceProfile, CoreHours, Device, MissedPunch, Punch
from .services import punches_required

STATUS_LABELS = {
    "off": "休假日",
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
    "upcoming": "尚未到來",
}
PROBLEM_CODES = {"late", "early_leave", "missing_punch", "absent"}


@dataclass
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
    flags: tuple[str, ...] = field(default_factory=tuple)
    core_label: str = ""
    allowance_label: str = ""  # e.g. 「哺（集）乳時間 60 分鐘」 forgiving lateness or early leave

    @property
    def label(self) -> str:
        if self.busy_label and self.codes and self.codes[0] in ("leave", "trip", "wfh", "busy"):
            return self.busy_label
        if self.codes == ("exempt",) and self.core_label:
            return f"免簽到退（核心時段 {self.core_label}）"
        text = "、".join(STATUS_LABELS[c] for c in self.codes)
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


def _overlap(a0, a1, b0, b1) -> timedelta:
    return max(timedelta(0), min(a1, b1) - max(a0, b0))


def compute_day(
    *, person_id: int, day: date, info, hours: Hours, punches: list[datetime],
    busy: list[tuple[datetime, datetime, str, str]], punching: bool, now: datetime,
    overtime: bool = False, core: tuple[time, time] | None = None, allowances: tuple[Allowance, ...] = (),
    unpaid_leave: bool = False,
) -> DayStatus:
    """The status of one person on one day (pure: everything is passed in; naive Taipei times).

    `busy` holds (start, end, kind, label) of leave, trips and WFH overlapping the day;
    `overtime` whether an overtime request covers the day (suppresses the off-schedule flag);
    `core` the core hours of a person who does not punch (a full-time teacher, seed 002);
    `unpaid_leave` the person is on 留職停薪 (nothing is expected of them that day).
    """
    punches = sorted(punches)
    if unpaid_leave:
        # 留職停薪 stops the clock: no punches are expected and no absence is flagged
        return DayStatus(codes=("unpaid_leave",), person_id=person_id, day=day, first=None, last=None,
                         punches=len(punches))
    first = punches[0] if punches else None
    last = punches[-1] if len(punches) > 1 else None
    base = dict(person_id=person_id, day=day, first=first, last=last, punches=len(punches))
    at = lambda t: datetime.combine(day, t)  # noqa: E731
    start, end, l0, l1 = at(hours.start), at(hours.end), at(hours.lunch_start), at(hours.lunch_end)
    margin = hours.margin
    flags: tuple[str, ...] = ()
    if punches and not overtime:
        if not info.is_workday or punches[0] < start - margin or \
                punches[-1] > end + timedelta(minutes=hours.flex) + margin:
            flags = ("unapproved_extra",)

    if not info.is_workday:
        return DayStatus(codes=("closure" if info.kind == "closure" else "off",), flags=flags, **base)

    sessions = [[start, l0], [l1, end]]
    core_label = ""
    if not punching and core is not None:
        c0, c1 = at(core[0]), at(core[1])
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
    if all(covered):
        if label_minutes:
            kind, label = max(label_minutes, key=label_minutes.get)
            code = kind if kind in ("leave", "trip", "wfh") else "busy"
            return DayStatus(codes=(code,), busy_label=label, flags=flags, **base)
        return DayStatus(codes=("closure",), flags=flags, **base)
    if not punching:
        return DayStatus(codes=("exempt",), flags=flags, core_label=core_label, **base)
    if day > now.date() and not punches:
        # A day that has not come is nobody's absence yet.
        return DayStatus(codes=("upcoming",), flags=flags, **base)

    # When must the person arrive and when may they leave?
    flexible = not busy and not any(covered)
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
    codes: list[str] = []
    late = early = 0
    if not punches:
        if day == now.date() and now < due_out:
            codes.append("not_yet")
        else:
            codes.append("absent")
        return DayStatus(codes=tuple(codes), due_in=due_in, due_out=due_out, flags=flags, **base)
    if flexible:
        latest_in = due_in + timedelta(minutes=hours.flex)
        if first <= due_in:
            due_out = end
        elif first <= latest_in:
            due_out = first + (end - start)
        else:
            due_out = end + timedelta(minutes=hours.flex)
        due_in = latest_in
    in_progress = day == now.date() and now < due_out
    if last is None and not in_progress:
        # One punch: the other is missing (a forgotten clock-out or clock-in), to supplement.
        return DayStatus(codes=("missing_punch",), due_in=due_in, due_out=due_out, flags=flags, **base)
    if first > due_in:
        late = int((first - due_in).total_seconds() // 60)
        codes.append("late")
    if last is None:
        codes.append("working")
    elif last < due_out:
        early = int((due_out - last).total_seconds() // 60) + (1 if (due_out - last).seconds % 60 else 0)
        codes.append("early_leave")
    allowance_label = ""
    allowed = sum(a.minutes for a in allowances)
    if allowed and (late or early):
        left = rules.protected_time_forgiven(late_minutes=late, early_minutes=early, allowance_minutes=allowed,
                                             on=day)
        early, late = left.early_minutes, left.late_minutes
        allowance_label = "、".join(f"{a.label} {a.minutes} 分鐘" for a in allowances)
        codes = [c for c in codes if (c != "early_leave" or early) and (c != "late" or late)]
    if not codes:
        codes.append("on_time")
    return DayStatus(codes=tuple(codes), late_minutes=late, early_minutes=early, due_in=due_in,
                     due_out=due_out, flags=flags, allowance_label=allowance_label, **base)


def _busy_of(person: Person, start: datetime, end: datetime) -> list[tuple[datetime, datetime, str, str]]:
    """Leave, trip and WFH periods of `person` overlapping [start, end) (naive Taipei).

    Reads workflow.occupancy (every form app registers a provider there). If the leave app
    registered no provider yet, its selector `leave_periods` is read directly; if neither
    exists, no periods (every day then shows from punches alone).
    """
    aware0, aware1 = start.replace(tzinfo=TAIPEI), end.replace(tzinfo=TAIPEI)
    found = []
    for b in occupancy.busy_between(person, aware0, aware1):
        if getattr(b, "status", "") in ("rejected", "withdrawn", "cancelled"):
            continue
        found.append((_local(b.start), _local(b.end), b.kind, b.label))
    if "leave" not in occupancy._PROVIDERS:
        try:
            from chaiqin.leave.selectors import leave_periods
        except ImportError:
            return found
        for p in leave_periods(person, aware0, aware1):
            s, e = (getattr(p, "start", None), getattr(p, "end", None)) if not isinstance(p, tuple) else p[:2]
            if s is not None and e is not None:
                found.append((_local(s), _local(e), "leave", getattr(p, "label", "") or "請假"))
    return found


def _overtime_days(person_ids: list[int], start: date, end: date) -> set[tuple[int, date]]:
    try:
        from chaiqin.overtime.selectors import overtime_days
    except ImportError:
        return set()
    return overtime_days(person_ids, start, end)


def daily_statuses(people: Iterable[Person], start: date, end: date, *, now: datetime | None = None,
                   with_busy: bool = True) -> dict[int, list[DayStatus]]:
    """Every day from `start` to `end` of every person in `people`: {person_id: [DayStatus…]}.

    Queries: one calendar read per agency, punches in chunks of 2,000 people, overtime days
    once, and (with_busy) the occupancy providers once per person who has a live case of a
    registered kind (pending, returned or approved) — a form filed by someone else for this
    person (e.g. a trip listing colleagues) is only seen if that person applied for a case too.
    """
    people = list(people)
    now = _local(now or clock.now())
    result: dict[int, list[DayStatus]] = {}
    by_agency: dict[int, list[Person]] = defaultdict(list)
    for p in people:
        by_agency[p.agency_id].append(p)
    t0 = datetime.combine(start, time())
    t1 = datetime.combine(end + timedelta(days=1), time())
    ot = _overtime_days([p.pk for p in people], start, end)
    allowed = allowances_for([p.pk for p in people], start, end)
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in=by_agency)}
    any_provider = bool(occupancy._PROVIDERS)
    for agency_id, members in by_agency.items():
        agency = agencies[agency_id]
        days = office_calendar.days_between(agency, start, end)
        hours = Hours.of(agency, start)
        cores = core_hours_of(agency, start)
        for i in range(0, len(members), 2000):
            chunk = members[i:i + 2000]
            stamps: dict[int, dict[date, list[datetime]]] = defaultdict(lambda: defaultdict(list))
            rows = Punch.objects.filter(person_id__in=[p.pk for p in chunk], at__gte=t0.replace(tzinfo=TAIPEI),
                                        at__lt=t1.replace(tzinfo=TAIPEI)).values_list("person_id", "at")
            for pid, at in rows.iterator(chunk_size=20000):
                local = _local(at)
                stamps[pid][local.date()].append(local)
            # Only people with a live case of a kind that occupies time can be on leave, a trip
            # or WFH: ask the providers (one query each per person) for those alone.
            with_forms: set[int] = set()
            if with_busy and any_provider:
                with_forms = set(Case.objects.filter(
                    applicant_id__in=[p.pk for p in chunk], kind__in=list(occupancy._PROVIDERS),
                    status__in=(Case.Status.PENDING, Case.Status.RETURNED, Case.Status.APPROVED),
                ).values_list("applicant_id", flat=True))
            exempt = [p.pk for p in chunk if not punches_required(p)]
            divisions = dict(AttendanceProfile.objects.filter(person_id__in=exempt).values_list("person_id", "division")) \
                if exempt else {}
            for person in chunk:
                busy = _busy_of(person, t0, t1) if person.pk in with_forms else []
                punching = punches_required(person)
                core = None if punching else cores[divisions.get(person.pk, AttendanceProfile.Division.DAY)]
                mine = stamps.get(person.pk, {})
                out = []
                for info in days:
                    d0 = datetime.combine(info.date, time())
                    d1 = d0 + timedelta(days=1)
                    day_busy = [b for b in busy if b[0] < d1 and b[1] > d0]
                    out.append(compute_day(person_id=person.pk, day=info.date, info=info, hours=hours,
                                           punches=mine.get(info.date, []), busy=day_busy, punching=punching,
                                           now=now, overtime=(person.pk, info.date) in ot, core=core,
                                           allowances=tuple(allowed.get((person.pk, info.date), ())),
                                           unpaid_leave=person.status == Person.Status.UNPAID_LEAVE))
                result[person.pk] = out
    return result


def core_hours_of(agency: Agency, on: date | None = None) -> dict[str, tuple[time, time]]:
    """{division: (start, end)} of full-time teachers' core hours at `agency`: its own CoreHours
    rows, else the defaults of rules.teacher_core_hours (seed 002: 日間部 07:30-16:30, 進修部
    14:00-22:00). One query."""
    found = {d: (c.start, c.end) for d in rules.TEACHER_DIVISIONS
             for c in [rules.teacher_core_hours(d, on or clock.today())]}
    for row in CoreHours.objects.filter(agency=agency):
        found[row.division] = (row.start, row.end)
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
    from .models import AllowedNetwork, Device

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
