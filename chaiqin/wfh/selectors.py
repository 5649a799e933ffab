"""Reads of work from home: caps per week, planned days, logs to review, the unit head's week,
the personnel office's overview, and the `*_get_for(user, id)` permission helpers.

Every list here is bounded by a person and a date range or by the viewer's scope (one
week for the roll-ups); each docstring names its queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from chaiqin import rules
from chaiqin.attendance.models import Punch
from chaiqin.calendar import selectors as office_calendar
from chaiqin.id_lists import among
from chaiqin.org import access
from chaiqin.org.models import Agency, Person, RoleAssignment
from chaiqin.workflow.occupancy import Busy

from .models import WfhApplication, WfhDay, WfhLog, WfhOvertime, WfhWeekReport

AGENCY_ROLES = {RoleAssignment.Role.PERSONNEL, RoleAssignment.Role.AGENCY_HEAD, RoleAssignment.Role.SYSADMIN}


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeekCap:
    """The WFH cap of the calendar week starting `week_start` for one application."""

    week_start: date
    gestation_weeks: int
    days: int
    standard_days: int
    citation: str
    flexible: bool = False
    reason: str = ""

    @property
    def label(self) -> str:
        return f"懷孕{self.gestation_weeks}週，每週至多{self.days}日" + ("（機關彈性排定）" if self.flexible else "")


def week_cap(application: WfhApplication, day: date) -> WeekCap | None:
    """The cap of the week holding `day` for `application`; None if the week is outside its period.

    居家辦公作業規範第3點第1項 through rules.wfh_weekly_caps (a band reached mid-week applies
    from the next Monday), or the agency's flexible number (第3點第2項) when one is set.
    No query.
    """
    monday = monday_of(day)
    start = max(monday, application.start)
    end = min(monday + timedelta(days=6), application.last_day)
    if end < start:
        return None
    weeks = rules.wfh_weekly_caps(application.due_date, start, end, delivered_on=application.delivered_on)
    if not weeks:
        return None
    week = weeks[0]
    if application.flexible_days is not None:
        cap = rules.wfh_flexible_cap(week.gestation_weeks, application.flexible_days, reason=application.flexible_reason)
        return WeekCap(monday, week.gestation_weeks, cap.days, cap.standard_days, cap.citation, True, cap.reason)
    return WeekCap(monday, week.gestation_weeks, week.days, week.days, week.citation)


def week_caps(application: WfhApplication) -> list[WeekCap]:
    """Every week of the application's period with its cap (no query)."""
    result = []
    monday = monday_of(application.start)
    while monday <= application.last_day:
        cap = week_cap(application, monday if monday >= application.start else application.start)
        if cap is not None:
            result.append(cap)
        monday += timedelta(days=7)
    return result


def wfh_days(person: Person, start: date, end: date) -> list[date]:
    """The dates from `start` to `end` on which `person` is planned to work from home.

    Recalled, moved and cancelled days are not WFH days. One query.
    """
    return list(
        WfhDay.objects.filter(person=person, date__range=(start, end), status=WfhDay.Status.PLANNED)
        .order_by("date").values_list("date", flat=True)
    )


def planned_days(person: Person, start: date, end: date) -> QuerySet[WfhDay]:
    return WfhDay.objects.filter(person=person, date__range=(start, end), status=WfhDay.Status.PLANNED).order_by("date")


def office_period(agency, day: date) -> tuple[datetime, datetime]:
    """The agency's office hours on `day`, as aware datetimes (Asia/Taipei)."""
    tz = timezone.get_current_timezone()
    return (datetime.combine(day, agency.office_start, tzinfo=tz), datetime.combine(day, agency.office_end, tzinfo=tz))


def busy(person: Person, start: datetime, end: datetime) -> list[Busy]:
    """The occupancy provider "wfh": planned WFH days overlapping [start, end), office hours each. One query."""
    tz = timezone.get_current_timezone()
    first, last = timezone.localtime(start, tz).date(), timezone.localtime(end, tz).date()
    rows = WfhDay.objects.filter(person=person, date__range=(first, last), status=WfhDay.Status.PLANNED)
    agency = person.agency
    found = []
    for day in rows:
        day_start, day_end = office_period(agency, day.date)
        found.append(Busy(kind="wfh", form_id=day.application_id, label="居家辦公", start=day_start, end=day_end,
                          status="approved"))
    return found


def busy_of(people, start: datetime, end: datetime) -> list[tuple[int, Busy]]:
    """`busy` for several people at once: (person id, Busy) pairs. One query (two when someone has WFH
    days and their agency was not loaded with them)."""
    tz = timezone.get_current_timezone()
    first, last = timezone.localtime(start, tz).date(), timezone.localtime(end, tz).date()
    rows = list(WfhDay.objects.filter(among("person_id", [p.pk for p in people]), date__range=(first, last),
                                      status=WfhDay.Status.PLANNED))
    if not rows:
        return []
    agencies = {p.agency_id: p.agency for p in people if "agency" in p._state.fields_cache}
    agency_of = {p.pk: p.agency_id for p in people}
    missing = {agency_of[d.person_id] for d in rows} - set(agencies)
    agencies.update(Agency.objects.in_bulk(missing) if missing else {})
    found = []
    for day in rows:
        day_start, day_end = office_period(agencies[agency_of[day.person_id]], day.date)
        found.append((day.person_id, Busy(kind="wfh", form_id=day.application_id, label="居家辦公", start=day_start,
                                          end=day_end, status="approved")))
    return found


def active_application(person: Person, day: date) -> WfhApplication | None:
    """The approved application of `person` whose period (cut at its ending) holds `day`. One query."""
    for application in WfhApplication.objects.filter(person=person, status=WfhApplication.Status.APPROVED,
                                                     start__lte=day, end__gte=day):
        if day <= application.last_day:
            return application
    return None


def is_agency_officer(person: Person) -> bool:
    """人事, 機關首長 or 系統管理者 of the person's agency (they may set flexible numbers and stop WFH)."""
    return RoleAssignment.objects.filter(person=person, role__in=AGENCY_ROLES).exists()


def may_manage(actor: Person, person: Person) -> bool:
    """A supervisor above `person`, their unit head, or the personnel office: may recall or move a day."""
    return actor.pk != person.pk and access.can_see_person(actor, person)


def reviewer_of(person: Person) -> Person | None:
    """Who reviews the daily log: the direct supervisor (第5點第3款第2目), else the unit head."""
    if person.supervisor_id:
        return person.supervisor
    head = person.unit.head
    return head if head is not None and head.pk != person.pk else None


def application_get_for(user, application_id: int) -> WfhApplication:
    """The application if `user` may see its applicant or decides it; else Http404."""
    viewer = access.person_of(user)
    try:
        application = WfhApplication.objects.select_related("person", "person__agency", "person__unit", "case").get(
            pk=application_id)
    except WfhApplication.DoesNotExist:
        raise Http404("查無此居家辦公申請，或您沒有檢視權限。") from None
    if application.person_id == viewer.pk or access.can_see_person(viewer, application.person):
        return application
    if application.case_id and application.case.steps.filter(Q(decider=viewer) | Q(acted_by=viewer)).exists():
        return application
    raise Http404("查無此居家辦公申請，或您沒有檢視權限。")


def day_get_for(user, day_id: int) -> WfhDay:
    viewer = access.person_of(user)
    try:
        day = WfhDay.objects.select_related("person", "application").get(pk=day_id)
    except WfhDay.DoesNotExist:
        raise Http404("查無此居家辦公日。") from None
    if not access.can_see_person(viewer, day.person):
        raise Http404("查無此居家辦公日。")
    return day


def log_get_for(user, log_id: int) -> WfhLog:
    viewer = access.person_of(user)
    try:
        log = WfhLog.objects.select_related("person", "person__unit", "person__agency", "reviewer").get(pk=log_id)
    except WfhLog.DoesNotExist:
        raise Http404("查無此工作日誌，或您沒有檢視權限。") from None
    if not access.can_see_person(viewer, log.person):
        raise Http404("查無此工作日誌，或您沒有檢視權限。")
    return log


def overtime_get_for(user, overtime_id: int) -> WfhOvertime:
    viewer = access.person_of(user)
    try:
        overtime = WfhOvertime.objects.select_related("person", "assigner", "case").get(pk=overtime_id)
    except WfhOvertime.DoesNotExist:
        raise Http404("查無此加班紀錄。") from None
    if overtime.assigner_id != viewer.pk and not access.can_see_person(viewer, overtime.person):
        raise Http404("查無此加班紀錄。")
    return overtime


def applications_of(person: Person) -> QuerySet[WfhApplication]:
    return WfhApplication.objects.filter(person=person).order_by("-created_at")


def logs_to_review(reviewer: Person) -> QuerySet[WfhLog]:
    """Logs waiting for `reviewer` as direct supervisor (or unit head of people without one). One query."""
    return (
        WfhLog.objects.filter(status=WfhLog.Status.SUBMITTED)
        .filter(Q(person__supervisor=reviewer) | Q(person__supervisor__isnull=True, person__unit__head=reviewer))
        .exclude(person=reviewer)
        .select_related("person").order_by("date", "person__employee_no")
    )


@dataclass
class PersonWeek:
    person: Person
    cap: WeekCap | None
    days: list[WfhDay] = field(default_factory=list)
    logs: list[WfhLog] = field(default_factory=list)
    report: WfhWeekReport | None = None


def person_week(person: Person, monday: date) -> PersonWeek:
    """One person's WFH week: cap, days (all statuses), logs with their items, the weekly report. Four queries."""
    sunday = monday + timedelta(days=6)
    application = active_application(person, monday) or next(
        (a for a in WfhApplication.objects.filter(person=person, status__in=[WfhApplication.Status.APPROVED,
                                                                             WfhApplication.Status.ENDED],
                                                  start__lte=sunday, end__gte=monday)), None)
    cap = week_cap(application, max(monday, application.start)) if application else None
    days = list(WfhDay.objects.filter(person=person, date__range=(monday, sunday)).order_by("date", "pk"))
    logs = list(WfhLog.objects.filter(person=person, date__range=(monday, sunday)).prefetch_related("items")
                .select_related("reviewer").order_by("date"))
    report = WfhWeekReport.objects.filter(person=person, week_start=monday).first()
    return PersonWeek(person, cap, days, logs, report)


def unit_week(head: Person, monday: date) -> list[PersonWeek]:
    """The weekly roll-up for a unit head: every person of the units they head with WFH that week.

    Queries: one for the people, four per person with WFH days that week.
    """
    sunday = monday + timedelta(days=6)
    people = (
        Person.objects.filter(unit__head=head, wfh_days__date__range=(monday, sunday)).exclude(pk=head.pk)
        .distinct().select_related("unit", "agency").order_by("employee_no")
    )
    return [person_week(p, monday) for p in people]


@dataclass
class OverviewRow:
    application: WfhApplication
    cap: WeekCap | None
    days: list[date]
    gestation_weeks: int | None


def overview(viewer: Person, monday: date) -> list[OverviewRow]:
    """For the personnel office: every pending or approved application in scope overlapping the week.

    Each row has the week's cap and planned days. Two queries plus the visibility query.
    """
    sunday = monday + timedelta(days=6)
    applications = list(
        WfhApplication.objects.filter(person__in=access.visible_people(viewer), status__in=WfhApplication.ACTIVE,
                                      start__lte=sunday, end__gte=monday)
        .select_related("person", "person__unit").order_by("person__unit__sort_order", "person__employee_no")
    )
    planned: dict[int, list[date]] = {}
    for person_id, day in WfhDay.objects.filter(
        person_id__in=[a.person_id for a in applications], date__range=(monday, sunday), status=WfhDay.Status.PLANNED
    ).values_list("person_id", "date").order_by("date"):
        planned.setdefault(person_id, []).append(day)
    rows = []
    for application in applications:
        try:
            cap = week_cap(application, max(monday, application.start))
        except rules.RuleInputError:
            cap = None
        rows.append(OverviewRow(application, cap, planned.get(application.person_id, []),
                                cap.gestation_weeks if cap else None))
    return rows


def week_workdays(person: Person, monday: date) -> list:
    """DayInfo of Monday to Sunday of the week for the person's agency (two queries)."""
    return office_calendar.days_between(person.agency, monday, monday + timedelta(days=6))


@dataclass
class MissingDay:
    """A planned WFH day that has ended without its daily work log or without its online punches
    (第5點第3款第2目: the log, sent daily to the direct supervisor and weekly to the unit head;
    第5點第4款第2目: online punching as the record of the hours worked)."""

    day: WfhDay
    missing_log: bool
    punches: int

    @property
    def missing_punch(self) -> bool:
        return self.punches < 2

    @property
    def problems(self) -> list[str]:
        found = ["未填工作日誌"] if self.missing_log else []
        if self.punches == 0:
            found.append("未線上打卡")
        elif self.punches == 1:
            found.append("上下班打卡不全")
        return found


MISSING_LOOKBACK_DAYS = 14


def missing_days(people: QuerySet[Person], *, now: datetime, days: int = MISSING_LOOKBACK_DAYS) -> list[MissingDay]:
    """Planned WFH days of `people` in the `days` days up to `now` that have ended (their agency's
    office end has passed) and lack a daily work log or a punch in and out. A day not yet ended is
    never listed: the person may still punch out and write the log. Oldest first.

    Three queries: the days (with person, unit and agency), their punches, nothing else (the log is
    joined)."""
    tz = timezone.get_current_timezone()
    today = timezone.localtime(now, tz).date()
    rows = list(
        WfhDay.objects.filter(person__in=people, status=WfhDay.Status.PLANNED,
                              date__range=(today - timedelta(days=days), today))
        .select_related("person", "person__agency", "person__unit", "person__supervisor", "person__unit__head", "log")
        .order_by("date", "person__employee_no")
    )
    rows = [d for d in rows if office_period(d.person.agency, d.date)[1] <= now]
    if not rows:
        return []
    first = datetime.combine(rows[0].date, datetime.min.time(), tzinfo=tz)
    last = datetime.combine(rows[-1].date + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    punched: dict[tuple[int, date], int] = {}
    for person_id, at in Punch.objects.filter(person_id__in={d.person_id for d in rows}, at__gte=first,
                                              at__lt=last).values_list("person_id", "at"):
        key = (person_id, timezone.localtime(at, tz).date())
        punched[key] = punched.get(key, 0) + 1
    found = []
    for day in rows:
        has_log = hasattr(day, "log")
        entry = MissingDay(day, not has_log, punched.get((day.person_id, day.date), 0))
        if entry.missing_log or entry.missing_punch:
            found.append(entry)
    return found


def supervised_people(viewer: Person) -> QuerySet[Person]:
    """The people whose WFH the viewer oversees: their direct reports and the people of the units
    they head (第5點第3款第2目: the direct supervisor reviews, the unit head receives the weekly report)."""
    return Person.objects.filter(Q(supervisor=viewer) | Q(unit__head=viewer)).exclude(pk=viewer.pk).distinct()


def missing_days_for(viewer: Person, *, now: datetime) -> list[MissingDay]:
    """`missing_days` of the people `viewer` oversees as direct supervisor or unit head."""
    return missing_days(supervised_people(viewer), now=now)
