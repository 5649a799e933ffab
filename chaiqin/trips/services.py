"""Every write of the trips app: file a trip or an outing, save and submit an overseas form,
its mainland form and return report, attachments, the school's break periods, reminders.

Each entry point is keyword-only and runs in one transaction: a refusal (ChaiqinError, in
Chinese, naming the rule) leaves nothing half-written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction

from chaiqin import clock, rowlocks, rules
from chaiqin.calendar import selectors as office_calendar
from chaiqin.dates import TAIPEI, format_roc, format_roc_datetime, school_year_of
from chaiqin.durations import format_minutes
from chaiqin.errors import ChaiqinError
from chaiqin.org import access
from chaiqin.org.models import Person, RoleAssignment
from chaiqin.workflow import occupancy, routing
from chaiqin.workflow import services as workflow
from chaiqin.workflow.models import Case, RouteRule

from . import expenses, policy
from .models import Attachment, BreakPeriod, ExpenseLine, MainlandForm, Overseas, OverseasLeave, ReturnReport, Trip
from .selectors import is_school_principal, return_reports_missing

MAX_LEAVE_LINES = 5
MAX_OUTING_MINUTES = 8 * 60  # 公出 is brief: longer absences are a 出差單


# --- time helpers ------------------------------------------------------------------------------

def _local(moment: datetime) -> datetime:
    return moment.astimezone(TAIPEI)


def work_minutes(agency, start: datetime, end: datetime) -> int:
    """Office minutes of `agency` (office hours less the lunch break, workdays only) inside [start, end)."""
    start, end = _local(start), _local(end)
    if end <= start:
        return 0
    total = 0
    for day in office_calendar.workdays_between(agency, start.date(), end.date()):
        for a, b in ((agency.office_start, agency.lunch_start), (agency.lunch_end, agency.office_end)):
            lo = max(start, datetime.combine(day, a, tzinfo=TAIPEI))
            hi = min(end, datetime.combine(day, b, tzinfo=TAIPEI))
            if hi > lo:
                total += int((hi - lo).total_seconds() // 60)
    return total


def day_off_dates(agency, start: datetime, end: datetime) -> list[date]:
    """The days off (weekends, holidays, closures) that [start, end) touches."""
    start, end = _local(start), _local(end)
    last = (end - timedelta(microseconds=1)).date()
    return [info.date for info in office_calendar.days_between(agency, start.date(), last) if not info.is_workday]


def day_off_minutes(agency, start: datetime, end: datetime) -> int:
    """Minutes of [start, end) that fall on days off: the most overtime a trip can open."""
    start, end = _local(start), _local(end)
    total = 0
    for day in day_off_dates(agency, start, end):
        lo = max(start, datetime.combine(day, time(0), tzinfo=TAIPEI))
        hi = min(end, datetime.combine(day + timedelta(days=1), time(0), tzinfo=TAIPEI))
        total += int((hi - lo).total_seconds() // 60)
    return total


def _check_period(start: datetime, end: datetime, what: str) -> None:
    if start is None or end is None:
        raise ChaiqinError(f"請填寫{what}的起訖時間。", field="start")
    if end <= start:
        raise ChaiqinError(
            f"{what}的結束時間（{format_roc_datetime(end)}）必須晚於開始時間（{format_roc_datetime(start)}）。",
            field="end",
        )


def _check_agent(person: Person, agent: Person | None) -> None:
    if agent is None:
        return
    if agent.pk == person.pk:
        raise ChaiqinError("代理人不能是申請人本人。", field="agent")
    if agent.agency_id != person.agency_id:
        raise ChaiqinError("代理人必須是同一機關學校的人員。", field="agent")


# --- attachments -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes
    purpose: str = Attachment.Purpose.OTHER


def _attach(*, owner: Trip | Overseas, upload: Upload) -> Attachment:
    content_type = policy.sniff(upload.data, upload.name)
    if upload.purpose not in Attachment.Purpose.values:
        raise ChaiqinError(f"未知的附件用途「{upload.purpose}」。", field="attachment")
    owner_field = "trip" if isinstance(owner, Trip) else "overseas"
    return Attachment.objects.create(
        **{owner_field: owner}, purpose=upload.purpose, name=upload.name[:200] or "附件", content_type=content_type,
        size=len(upload.data), data=upload.data, uploaded_at=clock.now(),
    )


@transaction.atomic
def attachment_add(*, actor: Person, owner: Trip | Overseas, upload: Upload) -> Attachment:
    """Add a checked file to the applicant's own form while it can still change."""
    if owner.person_id != actor.pk:
        raise ChaiqinError("只有申請人本人可以上傳附件。")
    if isinstance(owner, Overseas):
        _check_editable(owner)
    return _attach(owner=owner, upload=upload)


# --- the travel-expense sheet ---------------------------------------------------------------

@dataclass(frozen=True)
class ExpenseInput:
    """One line as typed on the sheet; amounts in whole NTD."""

    day: date
    route: str
    work: str = ""
    plane_hsr: int = 0
    bus_mrt: int = 0
    train: int = 0
    ship: int = 0
    lodging: int = 0
    miscellaneous: int = 0
    receipts: str = ""


@transaction.atomic
def trip_expenses_save(*, actor: Person, trip: Trip, lines: list[ExpenseInput]) -> list[ExpenseLine]:
    """Replace the lines of `trip`'s travel-expense sheet (國內出差旅費報告表) with `lines`.

    Refused (nothing saved): someone other than the traveller; a 公出 (no travel expenses); no
    line; a day outside the trip; a negative amount; 雜費 on a 研習出差, which pays transport and
    lodging only (公務出差、研習出差與公假之區別暨認定原則; 國內出差旅費報支要點第3點 splits the
    expenses into 交通費、住宿費、雜費)."""
    Trip.objects.select_for_update(of=("self",)).filter(pk=trip.pk).first()
    if trip.person_id != actor.pk:
        raise ChaiqinError("只有出差人本人可以填寫差旅費報告表。")
    kind = policy.trip_kind(trip.nature)
    if not kind.claim_sheet:
        raise ChaiqinError(f"{kind.name}不支給差旅費，沒有差旅費報告表。")
    if not lines:
        raise ChaiqinError("請至少填寫一列差旅費明細。", field="lines")
    days = set(expenses.trip_days(trip))
    for number, line in enumerate(lines, start=1):
        if line.day not in days:
            raise ChaiqinError(f"第{number}列的日期 {format_roc(line.day)} 不在出差期間內。", field="lines")
        if not line.route.strip():
            raise ChaiqinError(f"第{number}列請填寫起訖地點。", field="lines")
        amounts = [line.plane_hsr, line.bus_mrt, line.train, line.ship, line.lodging, line.miscellaneous]
        if any(a < 0 for a in amounts):
            raise ChaiqinError(f"第{number}列的金額不可為負數。", field="lines")
        if line.miscellaneous and not kind.miscellaneous:
            raise ChaiqinError(f"{kind.name}不支給雜費，交通費、住宿費仍按規定標準報支"
                               "（公務出差、研習出差與公假之區別暨認定原則）。", field="lines", code="no_miscellaneous")
    trip.expense_lines.all().delete()
    return ExpenseLine.objects.bulk_create([
        ExpenseLine(trip=trip, order=i, day=line.day, route=line.route.strip(), work=line.work.strip(),
                    plane_hsr=line.plane_hsr, bus_mrt=line.bus_mrt, train=line.train, ship=line.ship,
                    lodging=line.lodging, miscellaneous=line.miscellaneous, receipts=line.receipts.strip())
        for i, line in enumerate(sorted(lines, key=lambda x: x.day), start=1)])


# --- trips and outings -------------------------------------------------------------------------

def _outing_steps(person: Person) -> list[routing.PlannedStep]:
    steps = routing.plan_route(kind="outing", applicant=person)
    if RouteRule.objects.filter(agency_id=person.agency_id, kind="outing").exists():
        return steps
    # A brief outing is the direct supervisor's to approve unless the agency set a longer chain.
    return steps[:1]


def trip_check(*, person: Person, nature: str, place: str, reason: str, start: datetime, end: datetime,
               sign_mode: str, agent: Person | None, overtime_minutes: int, correcting: Trip | None = None):
    """Every check of a 出差單 or 公出, the one function that filing (trip_file) and correcting a
    returned one (trip_resubmit) run; returns the trip kind (policy.trip_kind).

    Refuses: an unknown kind, an end not after the start, a period that overlaps leave, WFH
    or another trip (the trip being corrected excepted), self-entered overtime when the trip
    touches no day off or exceeds the time spent on days off, an outing longer than a working
    day, and for a corrected trip a travel-expense line outside the new period."""
    kind = policy.trip_kind(nature)
    if nature not in Trip.Nature.values:
        raise ChaiqinError(f"「{kind.name}」不在出差單填寫，請改用{kind.form}。", citation=kind.citation, field="nature")
    if not place.strip() or not reason.strip():
        raise ChaiqinError("請填寫公差地點與公差事由。", field="place" if not place.strip() else "reason")
    _check_period(start, end, kind.name)
    if sign_mode not in Trip.SignMode.values:
        raise ChaiqinError("請勾選「系統簽到退」或「紙本簽到退」。", field="sign_mode")
    _check_agent(person, agent)
    if nature == Trip.Nature.OUTING and (end - start) > timedelta(minutes=MAX_OUTING_MINUTES):
        raise ChaiqinError("公出為短暫、非連續之因公外出，超過一個工作天請改填出差單。", citation=kind.citation, field="end")
    if overtime_minutes < 0:
        raise ChaiqinError("加班時數不可為負數。", field="overtime_minutes")
    if overtime_minutes:
        available = day_off_minutes(person.agency, start, end)
        if not available:
            raise ChaiqinError("出差期間沒有假日，不能自行填寫加班時數；假日出差才開啟此欄。",
                               field="overtime_minutes")
        if overtime_minutes > available:
            raise ChaiqinError(f"自行填寫的加班時數超過出差期間落在假日的時間（{format_minutes(available)}）。",
                               field="overtime_minutes")
    occupancy.refuse_overlap(person, start, end,
                             exclude=(correcting.workflow_kind, correcting.pk) if correcting else None)
    if correcting is not None:
        first, last = _local(start).date(), (_local(end) - timedelta(microseconds=1)).date()
        for line in correcting.expense_lines.all():
            if not first <= line.day <= last:
                raise ChaiqinError(f"差旅費報告表第{line.order}列的日期 {format_roc(line.day)} 不在修正後的出差期間內，"
                                   "請先修改差旅費報告表或出差期間。", field="start")
    return kind


def _trip_steps(trip: Trip) -> list[routing.PlannedStep]:
    if trip.workflow_kind == "outing":
        return _outing_steps(trip.person)
    return routing.plan_route(kind="trip", applicant=trip.person, agent=trip.agent)


def _trip_title(kind, trip: Trip) -> str:
    return f"{kind.name} {format_roc_datetime(trip.start)} 至 {format_roc_datetime(trip.end)} {trip.place}"[:200]


@transaction.atomic
def trip_file(
    *,
    person: Person,
    nature: str,
    place: str,
    reason: str,
    start: datetime,
    end: datetime,
    sign_mode: str = Trip.SignMode.SYSTEM,
    agent: Person | None = None,
    overtime_minutes: int = 0,
    attachment_note: str = "",
    uploads: tuple[Upload, ...] = (),
) -> Trip:
    """File a 出差單 (公務出差／研習出差) or a 公出 and send it for approval (checks: trip_check)."""
    rowlocks.lock_person_once(person.pk)  # one writer of a person's time at a time (chaiqin.rowlocks)
    kind = trip_check(person=person, nature=nature, place=place, reason=reason, start=start, end=end,
                      sign_mode=sign_mode, agent=agent, overtime_minutes=overtime_minutes)
    trip = Trip.objects.create(
        person=person, nature=nature, place=place.strip(), reason=reason.strip(), start=start, end=end,
        sign_mode=sign_mode, agent=agent, overtime_minutes=overtime_minutes, attachment_note=attachment_note.strip(),
        created_at=clock.now(),
    )
    for upload in uploads:
        _attach(owner=trip, upload=upload)
    case = workflow.case_open(form=trip, kind=trip.workflow_kind, applicant=person, title=_trip_title(kind, trip),
                              steps=_trip_steps(trip))
    trip.case = case
    trip.save(update_fields=["case"])
    return trip


TRIP_FIELDS = ("place", "reason", "start", "end", "sign_mode", "agent", "overtime_minutes", "attachment_note")


@transaction.atomic
def trip_resubmit(
    *,
    actor: Person,
    trip: Trip,
    place: str,
    reason: str,
    start: datetime,
    end: datetime,
    sign_mode: str = Trip.SignMode.SYSTEM,
    agent: Person | None = None,
    overtime_minutes: int = 0,
    attachment_note: str = "",
    uploads: tuple[Upload, ...] = (),
    remove_attachments: tuple[int, ...] = (),
) -> Trip:
    """Correct a returned 出差單 or 公出 (every field but its kind, which decides its form and
    chain) and send it again into the same case: the checks of filing (trip_check, the trip
    itself excepted from the overlap), a fresh chain of steps (workflow.case_resubmit, which
    records 修正後重送 beside the return in the trail). A refusal changes nothing."""
    rowlocks.lock_person_once(trip.person_id)
    trip = Trip.objects.select_for_update(of=("self",)).select_related("case", "person__agency").get(pk=trip.pk)
    workflow.check_correctable(case=trip.case, applicant_id=trip.person_id, actor=actor, label="出差單")
    kind = trip_check(person=trip.person, nature=trip.nature, place=place, reason=reason, start=start, end=end,
                      sign_mode=sign_mode, agent=agent, overtime_minutes=overtime_minutes, correcting=trip)
    values = dict(place=place.strip(), reason=reason.strip(), start=start, end=end, sign_mode=sign_mode, agent=agent,
                  overtime_minutes=overtime_minutes, attachment_note=attachment_note.strip())
    for name, value in values.items():
        setattr(trip, name, value)
    trip.save(update_fields=list(TRIP_FIELDS))
    if remove_attachments:
        trip.attachments.filter(pk__in=[int(i) for i in remove_attachments]).delete()
    for upload in uploads:
        _attach(owner=trip, upload=upload)
    title = _trip_title(kind, trip)
    Case.objects.filter(pk=trip.case_id).update(title=title)  # the inbox shows the corrected period
    workflow.case_resubmit(case=trip.case, actor=actor, steps=_trip_steps(trip), note=f"修正後重送：{title}"[:500])
    return trip


# --- school breaks -----------------------------------------------------------------------------

def _is_personnel(actor: Person, agency) -> bool:
    return access.holds_role(actor, agency, RoleAssignment.Role.PERSONNEL)


def _check_school_year(school_year: int) -> None:
    """A ROC school year the calendar can hold (民國1學年度 to 187學年度, i.e. up to 2099/2100)."""
    if not 1 <= school_year <= 187:
        raise ChaiqinError(f"學年度「{school_year}」超出範圍，請以民國紀年填寫（如 115）。", field="school_year")


@transaction.atomic
def break_period_set(*, actor: Person, school_year: int, kind: str, start: date, end: date) -> BreakPeriod:
    """The personnel office sets its school's winter or summer break for a school year."""
    if not _is_personnel(actor, actor.agency):
        raise ChaiqinError("只有人事室可以設定寒暑假期間。")
    _check_school_year(school_year)
    if kind not in BreakPeriod.Kind.values:
        raise ChaiqinError("請選擇寒假或暑假。", field="kind")
    if end < start:
        raise ChaiqinError("寒暑假的結束日不可早於開始日。", field="end")
    period, _ = BreakPeriod.objects.update_or_create(
        agency=actor.agency, school_year=school_year, kind=kind, defaults={"start": start, "end": end}
    )
    return period


# --- overseas ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class LeaveLine:
    leave_code: str
    start: datetime
    end: datetime


def _check_editable(overseas: Overseas) -> None:
    if overseas.case_id and overseas.case.status != Case.Status.RETURNED:
        raise ChaiqinError(f"此表單已送出（{overseas.case.get_status_display()}），不能再修改；如需變更請先撤回。")


def _validate_leave_lines(person: Person, start: datetime, end: datetime, lines: list[LeaveLine]) -> list[dict]:
    if len(lines) > MAX_LEAVE_LINES:
        raise ChaiqinError(f"出國申請單最多填寫五項請假類別，您填了{len(lines)}項。", field="leave_lines")
    checked = []
    for number, line in enumerate(lines, start=1):
        label = f"第{number}項請假類別"
        _check_period(line.start, line.end, label)
        if line.start < start or line.end > end:
            raise ChaiqinError(f"{label}的期間必須在預定出國期間之內。", field="leave_lines")
        try:
            leave_type = rules.leave_type(person.regime, line.leave_code, on=_local(line.start).date())
        except rules.RuleInputError as exc:
            raise ChaiqinError(f"{label}：{exc}", field="leave_lines") from None
        minutes = work_minutes(person.agency, line.start, line.end)
        if minutes == 0:
            raise ChaiqinError(f"{label}（{leave_type.name}）的期間沒有上班時間，不需請假。", field="leave_lines")
        checked.append({"line": line, "type": leave_type, "minutes": minutes})
    ordered = sorted(checked, key=lambda c: c["line"].start)
    for before, after in zip(ordered, ordered[1:]):
        if after["line"].start < before["line"].end:
            raise ChaiqinError(f"請假類別「{before['type'].name}」與「{after['type'].name}」的期間重疊。", field="leave_lines")
    return checked


def _check_form_for(person: Person, form: str) -> None:
    if form == Overseas.Form.BREAK_REPORT and person.post != Person.Post.TEACHER:
        raise ChaiqinError(
            "寒暑假出國報備單限未兼行政之教師填寫；行政人員及兼行政教職員工請填出國申請單。",
            field="form",
        )
    if form not in Overseas.Form.values:
        raise ChaiqinError("請選擇寒暑假出國報備單或出國申請單。", field="form")


def break_periods(agency, school_year: int) -> dict[str, tuple[date, date]]:
    """The school's breaks of a school year: what the personnel office set, else the defaults."""
    _check_school_year(school_year)
    periods = policy.default_breaks(school_year)
    for row in BreakPeriod.objects.filter(agency=agency, school_year=school_year):
        periods[row.kind] = (row.start, row.end)
    return periods


def _check_within_break(person: Person, start: datetime, end: datetime) -> None:
    first, last = _local(start).date(), _local(end).date()
    periods = break_periods(person.agency, school_year_of(first))
    for begin, finish in periods.values():
        if begin <= first and last <= finish:
            return
    shown = "、".join(
        f"{'寒假' if kind == 'winter' else '暑假'} {format_roc(b)} 至 {format_roc(f)}" for kind, (b, f) in periods.items()
    )
    raise ChaiqinError(
        f"寒暑假出國報備單只能報備寒暑假期間內的出國（本學年度{shown}）；"
        f"{format_roc(first)} 至 {format_roc(last)} 不在寒暑假內，請改填出國申請單並請假。",
        citation=policy.break_citation(), field="start",
    )


@transaction.atomic
def overseas_save(
    *,
    person: Person,
    form: str,
    start: datetime,
    end: datetime,
    reason: str,
    category: str = Overseas.Category.TOURISM,
    destination: str = Overseas.Destination.OTHER,
    country: str = "",
    has_classes: bool = False,
    agent: Person | None = None,
    agent_start: datetime | None = None,
    agent_end: datetime | None = None,
    agent_phone: str = "",
    attachment_note: str = "",
    leave_lines: list[LeaveLine] = (),
    uploads: tuple[Upload, ...] = (),
    overseas: Overseas | None = None,
) -> Overseas:
    """Save (create or correct) an overseas form as a draft; `overseas_submit` sends it.

    Checks what can be checked on the form alone: who may use it, the period, the agent, the
    break window of a break report, the leave lines (types of the person's regime, inside the
    period, not overlapping each other). Saving never loses what was typed: refusals raise
    before anything is written.
    """
    _check_form_for(person, form)
    if overseas is not None:
        if overseas.person_id != person.pk:
            raise ChaiqinError("只有申請人本人可以修改此表單。")
        _check_editable(overseas)
    if category not in Overseas.Category.values:
        raise ChaiqinError("請選擇出國類別（觀光、探親或其他事由）。", field="category")
    if destination not in Overseas.Destination.values:
        raise ChaiqinError("請選擇預定前往國家（其它國家、大陸地區、香港或澳門）。", field="destination")
    if not reason.strip():
        raise ChaiqinError("請填寫事由。", field="reason")
    _check_period(start, end, "預定出國期間")
    if form == Overseas.Form.BREAK_REPORT:
        _check_within_break(person, start, end)
        if leave_lines:
            raise ChaiqinError("寒暑假出國報備單不需請假；如需請假請改填出國申請單。", field="leave_lines")
    _check_agent(person, agent)
    if agent is not None and agent_start and agent_end:
        _check_period(agent_start, agent_end, "代理時間")
    checked = _validate_leave_lines(person, start, end, list(leave_lines))

    fields = dict(
        form=form, category=category, destination=destination, country=country.strip(), start=start, end=end,
        reason=reason.strip(), has_classes=has_classes, agent=agent,
        agent_start=agent_start if agent else None, agent_end=agent_end if agent else None,
        agent_phone=agent_phone.strip(), attachment_note=attachment_note.strip(),
    )
    if overseas is None:
        overseas = Overseas.objects.create(person=person, created_at=clock.now(), **fields)
    else:
        for name, value in fields.items():
            setattr(overseas, name, value)
        overseas.save(update_fields=list(fields))
        overseas.leave_lines.all().delete()
    OverseasLeave.objects.bulk_create([
        OverseasLeave(overseas=overseas, order=i, leave_code=c["type"].code, leave_name=c["type"].name,
                      start=c["line"].start, end=c["line"].end, minutes=c["minutes"], citation=c["type"].citation)
        for i, c in enumerate(checked, start=1)
    ])
    for upload in uploads:
        _attach(owner=overseas, upload=upload)
    return overseas


@transaction.atomic
def overseas_draft_delete(*, actor: Person, overseas: Overseas) -> None:
    """Delete a draft overseas form (saved, never sent) with its leave lines, mainland form and
    attachments, all or nothing. A form that was ever sent has a case, a number and a trail that
    nobody may erase: a returned one is withdrawn instead (workflow.case_withdraw), an approved
    one is never deleted."""
    overseas = Overseas.objects.select_for_update(of=("self",)).select_related("case").get(pk=overseas.pk)
    if overseas.person_id != actor.pk:
        raise ChaiqinError("只有申請人本人可以刪除此表單。", code="permission")
    if overseas.case_id:
        raise ChaiqinError(f"此表單已送出（{overseas.case.get_status_display()}），其編號與簽核紀錄須保存，不能刪除；"
                           "被退回而不再送出者請按「撤回申請」。", code="state")
    overseas.delete()  # leave lines, the mainland form and attachments go with it (CASCADE)


@transaction.atomic
def mainland_form_save(
    *,
    actor: Person,
    overseas: Overseas,
    places: str,
    purpose: str,
    count_this_year: int = 0,
    previous_start: date | None = None,
    previous_end: date | None = None,
    q_article_9: bool = False,
    q_state_secrets: bool = False,
    q_intelligence: bool = False,
    q_special_check: bool = False,
    phone_in_mainland: str = "",
    note: str = "",
    uploads: tuple[Upload, ...] = (),
) -> MainlandForm:
    """Fill or correct the 赴大陸地區申請表 of an overseas form bound for 大陸地區."""
    if overseas.person_id != actor.pk:
        raise ChaiqinError("只有申請人本人可以填寫赴大陸地區申請表。")
    _check_editable(overseas)
    if overseas.destination != Overseas.Destination.MAINLAND:
        raise ChaiqinError("只有前往大陸地區的出國案件需要填寫赴大陸地區申請表。")
    if not places.strip():
        raise ChaiqinError("請填寫赴大陸地區之地點。", field="places")
    if purpose not in MainlandForm.Purpose.values:
        raise ChaiqinError("請勾選赴大陸地區的事由。", field="purpose")
    if count_this_year < 0 or count_this_year > 366:
        raise ChaiqinError("本年曾赴大陸地區次數有誤。", field="count_this_year")
    if (previous_start is None) != (previous_end is None):
        raise ChaiqinError("前次赴大陸地區日期請同時填寫起日與迄日（未曾前往則兩者皆空白）。", field="previous_start")
    if previous_start and previous_end and previous_end < previous_start:
        raise ChaiqinError("前次赴大陸地區的迄日不可早於起日。", field="previous_end")
    if previous_start and previous_start >= _local(overseas.start).date():
        raise ChaiqinError("前次赴大陸地區日期必須早於本次出發日。", field="previous_start")
    values = dict(
        places=places.strip(), purpose=purpose, count_this_year=count_this_year, previous_start=previous_start,
        previous_end=previous_end, q_article_9=q_article_9, q_state_secrets=q_state_secrets,
        q_intelligence=q_intelligence, q_special_check=q_special_check,
        phone_in_mainland=phone_in_mainland.strip(), note=note.strip(), filled_on=clock.today(),
    )
    form, _ = MainlandForm.objects.update_or_create(overseas=overseas, defaults=values)
    for upload in uploads:
        _attach(owner=overseas, upload=Upload(upload.name, upload.data, Attachment.Purpose.MAINLAND_DOCUMENT))
    return form


def _overseas_steps(overseas: Overseas) -> list[routing.PlannedStep]:
    extra = ("ethics",) if overseas.destination == Overseas.Destination.MAINLAND else ()
    return routing.plan_route(kind=overseas.form, applicant=overseas.person, agent=overseas.agent, extra_roles=extra)


@transaction.atomic
def overseas_submit(*, actor: Person, overseas: Overseas) -> Overseas:
    """Send a saved overseas form for approval (or again after a return).

    Refuses, in this order: a form that is not the actor's or already pending; a mainland
    trip without its 赴大陸地區申請表 (or without the document its purpose requires); a Hong
    Kong or Macau trip without the Mainland Affairs Council registration; an application
    whose working time abroad is not covered by leave; an overlap with leave, WFH or a trip.
    Mainland trips add the ethics office (政風) before the personnel office.
    """
    rowlocks.lock_person_once(overseas.person_id)  # the person, then the form (chaiqin.rowlocks)
    overseas = Overseas.objects.select_for_update().get(pk=overseas.pk)
    if overseas.person_id != actor.pk:
        raise ChaiqinError("只有申請人本人可以送出此表單。")
    _check_editable(overseas)
    mainland_rules = policy.mainland()
    if overseas.destination == Overseas.Destination.MAINLAND:
        form = MainlandForm.objects.filter(overseas=overseas).first()
        if form is None:
            raise ChaiqinError(
                "前往大陸地區（含轉機）須先填寫「赴大陸地區申請表」，經政風及人事單位審核，才能送出出國申請。",
                citation=mainland_rules["form_citation"], code="mainland_form_missing",
            )
        if not overseas.attachments.filter(purpose=Attachment.Purpose.MAINLAND_DOCUMENT).exists():
            raise ChaiqinError(
                f"赴大陸地區申請表勾選「{form.get_purpose_display()}」，須上傳檢附文件：{form.required_document}。",
                citation=mainland_rules["form_citation"], code="mainland_document_missing",
            )
    if overseas.destination == Overseas.Destination.HKMO and not overseas.attachments.filter(
        purpose=Attachment.Purpose.MAC_REGISTRATION
    ).exists():
        raise ChaiqinError(
            "前往香港或澳門須上傳陸委會「國人赴陸港澳動態登錄」的登錄證明，作為出國申請的附件。",
            citation=mainland_rules["hkmo_citation"], code="hkmo_registration_missing",
        )
    if overseas.form == Overseas.Form.BREAK_REPORT:
        _check_within_break(overseas.person, overseas.start, overseas.end)
        overseas.quota_note = ""
    else:
        lines = [LeaveLine(l.leave_code, l.start, l.end) for l in overseas.leave_lines.all()]
        checked = _validate_leave_lines(overseas.person, overseas.start, overseas.end, lines)
        needed = work_minutes(overseas.person.agency, overseas.start, overseas.end)
        covered = sum(c["minutes"] for c in checked)
        if covered < needed:
            raise ChaiqinError(
                f"出國期間有上班時間 {format_minutes(needed)}，請假類別只涵蓋 {format_minutes(covered)}；"
                "出國期間的上班時間均須請假（最多五項假別）。",
                field="leave_lines", code="leave_not_covered",
            )
        if checked and overseas.agent is None:
            raise ChaiqinError("出國期間需請假，請填寫職務代理人。", field="agent")
        overseas.quota_note = "假別額度已依請假帳本檢核並保留（核准後扣用）。" if checked else ""
    occupancy.refuse_overlap(overseas.person, overseas.start, overseas.end, exclude=(overseas.form, overseas.pk))
    overseas.save(update_fields=["quota_note"])

    steps = _overseas_steps(overseas)
    label = overseas.get_form_display()
    title = (f"{label} {overseas.country or overseas.get_destination_display()} "
             f"{format_roc(_local(overseas.start).date())} 至 {format_roc(_local(overseas.end).date())}"
             f"（共{overseas.days}日）")
    if overseas.case_id:
        workflow.case_resubmit(case=overseas.case, actor=actor, steps=steps)
    else:
        case = workflow.case_open(form=overseas, kind=overseas.form, applicant=actor, title=title[:200], steps=steps)
        overseas.case = case
        overseas.save(update_fields=["case"])
    if overseas.form == Overseas.Form.APPLICATION:
        # the leave lines are held in the leave ledger in this transaction (refused beyond a quota:
        # everything above rolls back); the overseas period itself holds the time (occupancy)
        # not at the top: leave.ledger -> leave.extension -> trips.services -> leave.services -> leave.ledger
        from chaiqin.leave.services import LeaveLineSpec, leave_lines_hold

        leave_lines_hold(person=overseas.person, case=overseas.case, label="出國申請單",
                         lines=[LeaveLineSpec(l.leave_code, l.start, l.end) for l in overseas.leave_lines.all()])
    return overseas


def return_report_due(overseas: Overseas) -> date:
    """The last day to file the 赴陸人員返臺通報表: the return date plus the agency's days."""
    return _local(overseas.end).date() + timedelta(days=policy.mainland()["return_report_due_days"])


@transaction.atomic
def return_report_file(
    *,
    actor: Person,
    overseas: Overseas,
    returned_on: date,
    questioned: bool = False,
    contacted: bool = False,
    other_events: bool = False,
    details: str = "",
) -> ReturnReport:
    """File the 赴陸人員返臺通報表 after an approved mainland trip; it goes to 政風 and 人事 as notices."""
    if overseas.person_id != actor.pk:
        raise ChaiqinError("只有出國人員本人可以填寫返臺通報表。")
    if overseas.destination != Overseas.Destination.MAINLAND:
        raise ChaiqinError("返臺通報表只適用於赴大陸地區的出國案件。")
    if not overseas.case_id or overseas.case.status != Case.Status.APPROVED:
        raise ChaiqinError("出國申請核准後，返臺時才需填寫返臺通報表。")
    if ReturnReport.objects.filter(overseas=overseas).exists():
        raise ChaiqinError("此次赴陸已填過返臺通報表。")
    if returned_on < _local(overseas.start).date():
        raise ChaiqinError("返臺日期不可早於出發日期。", field="returned_on")
    if returned_on > clock.today():
        raise ChaiqinError("返臺日期不可晚於今天：請於返臺後填寫。", field="returned_on")
    if (questioned or contacted or other_events) and not details.strip():
        raise ChaiqinError("勾選「是」的項目請填寫說明。", field="details")
    report = ReturnReport.objects.create(
        overseas=overseas, returned_on=returned_on, questioned=questioned, contacted=contacted,
        other_events=other_events, details=details.strip(), filed_at=clock.now(),
    )
    flagged = questioned or contacted or other_events
    for role in (RoleAssignment.Role.ETHICS, RoleAssignment.Role.PERSONNEL):
        for assignment in RoleAssignment.objects.filter(agency_id=actor.agency_id, role=role).select_related("person"):
            workflow.notify(
                person=assignment.person, case=overseas.case, url=f"/trips/overseas/{overseas.pk}/",
                message=f"{actor.name}已填報赴陸人員返臺通報表{'（有須注意事項）' if flagged else ''}",
            )
    return report


def return_reports_remind(*, on: date | None = None) -> int:
    """Remind everyone whose approved mainland trip has ended and whose return report is missing.

    Meant for a daily job; returns how many reminders were sent.
    """
    on = on or clock.today()
    sent = 0
    for overseas in return_reports_missing(on=on):
        due = return_report_due(overseas)
        workflow.notify(
            person=overseas.person, case=overseas.case, url=f"/trips/overseas/{overseas.pk}/return/",
            message=f"請填寫赴陸人員返臺通報表（期限 {format_roc(due)}）{'，已逾期' if on > due else ''}",
        )
        sent += 1
    return sent


# --- workflow callbacks --------------------------------------------------------------------------

def _personnel_of(agency_id: int):
    return [a.person for a in RoleAssignment.objects.filter(agency_id=agency_id, role=RoleAssignment.Role.PERSONNEL)
            .select_related("person")]


def on_trip_approved(trip: Trip) -> None:
    if trip.sign_mode == Trip.SignMode.PAPER:
        for officer in _personnel_of(trip.person.agency_id):
            workflow.notify(person=officer, case=trip.case, url=f"/trips/{trip.pk}/",
                            message=f"{trip.person.name}的{trip.get_nature_display()}採紙本簽到退，請收存紙本簽到退單備查")


def on_overseas_approved(overseas: Overseas) -> None:
    """Tell the applicant about the return report; tell personnel how to notify a principal's trip.

    The leave lines held at submission become used in the leave ledger (leave_lines_settle).
    """
    if overseas.form == Overseas.Form.APPLICATION:
        # not at the top: leave.ledger -> leave.extension -> trips.services -> leave.services -> leave.ledger
        from chaiqin.leave.services import leave_lines_settle

        leave_lines_settle(case=overseas.case, approved=True)
    if overseas.destination == Overseas.Destination.MAINLAND:
        workflow.notify(
            person=overseas.person, case=overseas.case, url=f"/trips/overseas/{overseas.pk}/return/",
            message=f"赴大陸地區返臺後，請於 {format_roc(return_report_due(overseas))} 前填寫赴陸人員返臺通報表",
        )
    if is_school_principal(overseas.person):
        route = policy.principal_notice_route(overseas.destination, _local(overseas.start).date())
        for officer in _personnel_of(overseas.person.agency_id):
            workflow.notify(person=officer, case=overseas.case, url=f"/trips/overseas/{overseas.pk}/principal-notice.pdf",
                            message=f"校長出境案件通報單已產製：{route.label}")


def on_closed(form, status: str) -> None:
    """A rejected or withdrawn overseas application releases the leave its lines held; a trip
    charges nothing before approval."""
    if isinstance(form, Overseas) and form.case_id and form.form == Overseas.Form.APPLICATION:
        # not at the top: leave.ledger -> leave.extension -> trips.services -> leave.services -> leave.ledger
        from chaiqin.leave.services import leave_lines_settle

        leave_lines_settle(case=form.case, approved=False)
