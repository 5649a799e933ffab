"""Every write of overtime: the prior-approval request (caps checked at the moment of asking),
sign-in/out, the claim with its compensation, and the personnel office's reopening.
"""

from __future__ import annotations

import calendar as pycalendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse

from chaiqin import clock, rowlocks, rules, uploads
from chaiqin.attendance.models import AttendanceProfile
from chaiqin.calendar import selectors as office_calendar
from chaiqin.calendar.national import national_year
from chaiqin.dates import TAIPEI, format_roc, format_roc_datetime
from chaiqin.durations import format_hours
from chaiqin.errors import ChaiqinError
from chaiqin.leave import ledger
from chaiqin.org import access
from chaiqin.org.models import Person
from chaiqin.org.wording import in_own_words
from chaiqin.payroll import pay as payroll_pay
from chaiqin.trips.models import Trip
from chaiqin.trips.services import day_off_dates
from chaiqin.workflow import routing
from chaiqin.workflow import services as workflow
from chaiqin.workflow.models import Case

from . import days_off
from .models import LIVE, OvertimeRequest, OvertimeSlot

KIND = "overtime"
# Every figure of filing (the 3-day claim window of seed 002, a month per request of seed 003
# Q.8, the exceptional report within a month) comes from rules.overtime_filing.
COMPENSATION_CITATION = {"labor": "勞動基準法第24條、第32條之1", "civil": "公務人員保障法第23條", "teacher": "公務人員保障法第23條"}


@dataclass(frozen=True)
class PlannedSlot:
    person: Person
    start: datetime  # aware
    end: datetime


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=TAIPEI)


def _naive(at: datetime) -> datetime:
    return at.astimezone(TAIPEI).replace(tzinfo=None)


def day_kind_of(agency, day: date) -> str:
    """The rules' day kind of `day` for `agency`: a national holiday on its own date (seed 003
    Q.4, even on a weekend), else weekend → rest_day, else workday."""
    info = office_calendar.day_info(agency, day)
    if info.kind == "holiday":
        return "holiday"
    if info.is_workday:
        return "workday"
    national = national_year(day.year).get(day)
    if national is not None and national.kind == "holiday":
        return "holiday"
    return "rest_day"


def _month_span(days: list[date], quarter_start_month: int = 1) -> tuple[date, date]:
    """From the first day of the earliest 3-month period (periods start in `quarter_start_month`)
    to the last day of the latest month touched."""
    first, last = min(days), max(days)
    back = (first.month - quarter_start_month) % 3
    q_first = rules.add_months(first.replace(day=1), -back)
    return q_first, date(last.year, last.month, pycalendar.monthrange(last.year, last.month)[1])


def _regular_shift(person: Person, day: date) -> rules.Shift:
    a = person.agency
    lunch = (datetime.combine(day, a.lunch_end) - datetime.combine(day, a.lunch_start)).seconds // 60
    return rules.Shift(person.pk, datetime.combine(day, a.office_start), datetime.combine(day, a.office_end),
                       "regular", break_minutes=lunch)


def caps_violations(person: Person, planned: list[tuple[datetime, datetime, str]], *, exception: bool,
                    exclude_request: int | None = None, situation: str | None = None,
                    project_start: date | None = None) -> list[rules.Violation]:
    """The hours rules `person` would break with `planned` (naive start, end, day kind) on top of
    their live overtime (pending or approved) in the quarter and months touched, and the
    regular office hours of those workdays (公務員服務法第12條, 勞動基準法第32條).

    An exceptional `situation` uses its own caps (rules.situation_caps): a special major project
    240 h over the three months counted from `project_start`'s month, seasonal work 12 h a day."""
    days = [rules.workday_of(s) for s, _e, _k in planned]
    caps = None
    quarter_start = 1
    agreement = not exception and labor_agreement(person, min(days))
    if agreement:
        quarter_start = person.agency.labor_agreement_on.month
    if exception and situation in rules.EXCEPTION_SITUATIONS:
        caps = rules.situation_caps(person.regime, situation, min(days))
        if situation == "major_project":
            quarter_start = (project_start or min(days)).month
    lo, hi = _month_span(days, quarter_start)
    existing = OvertimeSlot.objects.filter(person=person, day__range=(lo, hi), request__case__status__in=LIVE)
    if exclude_request:
        existing = existing.exclude(request_id=exclude_request)
    shifts = [rules.Shift(person.pk, s, e, "overtime", day_kind=k) for s, e, k in planned]
    for slot in existing.only("start", "end", "day_kind"):
        shifts.append(rules.Shift(person.pk, _naive(slot.start), _naive(slot.end), "overtime", day_kind=slot.day_kind))
    workdays = {d for d in (rules.workday_of(sh.start) for sh in shifts)
                if office_calendar.is_workday(person.agency, d)}
    shifts += [_regular_shift(person, d) for d in sorted(workdays)]
    return rules.check_hours(person.regime, shifts, exception=exception, min_rest_hours=0, caps=caps,
                             quarter_start_month=quarter_start, agreement=agreement)


def labor_agreement(person: Person, day: date) -> bool:
    """Whether the caps agreed at the agency's labour-management meeting apply to `person` on `day`:
    workers only, from the agreement's date (勞動基準法第32條第2項但書: 54 h a month, 138 h in 3 months)."""
    agreed = person.agency.labor_agreement_on
    return person.regime == rules.LABOR and agreed is not None and agreed <= day


def is_shift_worker(person: Person) -> bool:
    """Whether `person` is flagged as a shift worker (attendance.AttendanceProfile.shift_work)."""
    return AttendanceProfile.objects.filter(person=person, shift_work=True).exists()


def rest_violations(person: Person, planned: list[tuple[datetime, datetime, str]], *,
                    exception: bool = False, exclude_request: int | None = None) -> list[rules.Violation]:
    """Rest shorter than the rule (rules.check_hours `rest_under_11h`; 11 hours, seed 002) that
    `planned` overtime would leave before or after the person's regular shifts (the office
    hours of the workdays around each planned day) and their other live overtime."""
    days = sorted({rules.workday_of(s) for s, _e, _k in planned})
    lo, hi = days[0] - timedelta(days=7), days[-1] + timedelta(days=7)
    around = office_calendar.workdays_between(person.agency, lo, hi)
    neighbours: set[date] = set()
    concerned: set[date] = set()
    for d in days:
        before = [w for w in around if w < d]
        after = [w for w in around if w > d]
        neighbours.update(w for w in around if w == d)
        concerned.add(d)
        if before:
            neighbours.add(before[-1])
        if after:
            neighbours.add(after[0])
            concerned.add(after[0])
    shifts = [rules.Shift(person.pk, s, e, "overtime", day_kind=k) for s, e, k in planned]
    existing = OvertimeSlot.objects.filter(person=person, day__range=(lo, hi), request__case__status__in=LIVE)
    if exclude_request:
        existing = existing.exclude(request_id=exclude_request)
    for slot in existing.only("start", "end", "day_kind"):
        shifts.append(rules.Shift(person.pk, _naive(slot.start), _naive(slot.end), "overtime", day_kind=slot.day_kind))
    shifts += [_regular_shift(person, d) for d in sorted(neighbours)]
    hours = rules.overtime_filing_figures(days[0]).shift_rest_hours
    found = rules.check_hours(person.regime, shifts, exception=exception, min_rest_hours=hours)
    return [v for v in found if v.code == "rest_under_11h" and v.day in concerned]


def _refuse(violation: rules.Violation, person: Person) -> ChaiqinError:
    return ChaiqinError(f"{person.name}：{violation.detail}", citation=violation.citation, code=violation.code)


@dataclass(frozen=True)
class CheckedRequest:
    """What overtime_request_check found: the slots as (person, start, end, workday), the days,
    the major project's first month, whether it must be reported upward, and rest warnings."""

    plans: list
    days: list[date]
    project_start: date | None
    report: bool
    warnings: list[str]


def overtime_request_check(*, applicant: Person, reason: str, work_items: str, slots: list[PlannedSlot],
                           situation: str = OvertimeRequest.Situation.NORMAL, project_start: date | None = None,
                           correcting: OvertimeRequest | None = None) -> CheckedRequest:
    """Every check of an overtime request, the one function that asking (overtime_request_submit)
    and correcting a returned request (overtime_request_resubmit) run: reason and work items, each
    slot's length and person, a month per request (seed 003 Q.8), every person's caps at the
    moment of asking with their other live overtime (the request being corrected excepted), rest
    between shifts.

    A request that would break a cap is refused naming the rule (e.g. over 60 h in a month:
    公務員服務法第12條). For the civil service's exceptional situations it is checked against
    the exceptional caps instead and, if beyond the normal ones, marked for the report to the
    supervising authority within one month (seed 002).
    """
    if not reason.strip():
        raise ChaiqinError("請填寫加班事由。", field="reason")
    if not work_items.strip():
        raise ChaiqinError("請填寫工作項目內容。", field="work_items")
    if situation not in OvertimeRequest.Situation.values:
        raise ChaiqinError("未知的加班情形。", field="situation")
    if not slots:
        raise ChaiqinError("請至少填寫一個加班日期與時段。")
    plans = []
    for slot in slots:
        start, end = _aware(slot.start), _aware(slot.end)
        if end <= start:
            raise ChaiqinError("加班結束時間必須晚於開始時間。", field="end")
        longest = rules.overtime_filing_figures(rules.workday_of(_naive(start))).max_slot_minutes
        if end - start > timedelta(minutes=longest):
            raise ChaiqinError(f"單一加班時段不可超過{longest // 60}小時。", field="end")
        if slot.person.agency_id != applicant.agency_id:
            raise ChaiqinError(f"{slot.person.name}不是本機關人員，不能列入加班人員名單。")
        plans.append((slot.person, start, end, rules.workday_of(_naive(start))))
    days = sorted({d for *_x, d in plans})
    first = days[0]
    last_allowed = rules.overtime_request_last_day(first)
    if days[-1] > last_allowed:
        raise ChaiqinError(f"一次申請的期間不宜超過一個月：{format_roc(first)} 起的申請至多到 {format_roc(last_allowed)}。",
                           citation=rules.overtime_filing_figures(first).request_citation, field="date_to")

    exceptional = situation != OvertimeRequest.Situation.NORMAL
    if situation == OvertimeRequest.Situation.MAJOR_PROJECT:
        project_start = (project_start or first).replace(day=1)
        if project_start > first:
            raise ChaiqinError("專案起始月不得晚於加班日。", field="project_start")
    else:
        project_start = None
    exclude = correcting.pk if correcting is not None else None
    report = False
    warnings: list[str] = []
    by_person: dict[int, list] = {}
    for person, start, end, day in plans:
        by_person.setdefault(person.pk, [person, []])[1].append((_naive(start), _naive(end), days_off.day_kind(person, day)))
    for person, planned in by_person.values():
        if exceptional and person.regime == rules.LABOR:
            raise ChaiqinError(f"{person.name}適用勞動基準法，沒有公務人員的例外延長上限；天災事變依第32條第4項另行辦理。",
                               citation="勞動基準法第32條")
        found = caps_violations(person, planned, exception=exceptional, situation=situation,
                                project_start=project_start, exclude_request=exclude)
        if found:
            raise _refuse(found[0], person)
        # A worker's 例假 and 7-day periods come from their own schedule (勞動基準法第36條、第30條之1、第40條).
        off = days_off.days_off_violations(person, planned, exclude_request=exclude)
        if off:
            raise _refuse(off[0], person)
        if exceptional and caps_violations(person, planned, exception=False, exclude_request=exclude):
            report = True
        short = rest_violations(person, planned, exception=exceptional, exclude_request=exclude)
        if short:
            figures = rules.overtime_filing_figures(first)
            if is_shift_worker(person):
                raise ChaiqinError(
                    f"{person.name}為輪班人員：{short[0].detail}；更換班次時中間應至少連續休息{figures.shift_rest_hours}小時，"
                    "請調整排班或加班時段。", citation=figures.shift_rest_citation, code="rest_under_11h")
            warnings.append(f"{person.name}：{short[0].detail}（{figures.shift_rest_citation}）")
    return CheckedRequest(plans, days, project_start, report, warnings)


def _slots_of(request: OvertimeRequest, checked: CheckedRequest) -> None:
    OvertimeSlot.objects.bulk_create([
        OvertimeSlot(request=request, person=person, day=day, start=start, end=end,
                     day_kind=days_off.day_kind(person, day))
        for person, start, end, day in checked.plans
    ])


def _route_and_title(request: OvertimeRequest, checked: CheckedRequest):
    minutes = sum(int((e - s).total_seconds() // 60) for _p, s, e, _d in checked.plans)
    steps = routing.plan_route(kind=KIND, applicant=request.applicant, minutes=minutes)
    days = checked.days
    title = (f"加班申請：{request.reason[:40]}（{format_roc(days[0])}"
             + (f"～{format_roc(days[-1])}）" if len(days) > 1 else "）"))
    return steps, title


@transaction.atomic
def overtime_request_submit(*, applicant: Person, reason: str, work_items: str, slots: list[PlannedSlot],
                            situation: str = OvertimeRequest.Situation.NORMAL, paper_sign: bool = False,
                            filed_by: Person | None = None, project_start: date | None = None) -> OvertimeRequest:
    """Ask for overtime beforehand (seed 003 Q.8: reason, work items, people, dates and hours;
    at most a month per request), checked by overtime_request_check. `filed_by` is the personnel
    officer filing it for `applicant` (代填)."""
    checked = overtime_request_check(applicant=applicant, reason=reason, work_items=work_items, slots=slots,
                                     situation=situation, project_start=project_start)
    first = checked.days[0]
    request = OvertimeRequest.objects.create(
        agency=applicant.agency, applicant=applicant, reason=reason.strip(), work_items=work_items.strip(),
        situation=situation, paper_sign=paper_sign, created_at=clock.now(), report_required=checked.report,
        project_start=checked.project_start, report_due=rules.exceptional_report_due(first) if checked.report else None,
        rest_warning="；".join(checked.warnings)[:300],
    )
    _slots_of(request, checked)
    steps, title = _route_and_title(request, checked)
    request.case = workflow.case_open(form=request, kind=KIND, applicant=applicant, title=title, steps=steps,
                                      filed_by=filed_by)
    request.save(update_fields=["case"])
    return request


@transaction.atomic
def overtime_request_resubmit(*, request: OvertimeRequest, actor: Person, reason: str, work_items: str,
                              slots: list[PlannedSlot], situation: str = OvertimeRequest.Situation.NORMAL,
                              paper_sign: bool = False, project_start: date | None = None) -> OvertimeRequest:
    """Correct a returned overtime request (reason, work items, situation, dates and hours) and
    send it again into the same case: the checks of asking (overtime_request_check, its own old
    slots excepted), its slots replaced (none can be signed before approval), a fresh chain
    (workflow.case_resubmit, which records 修正後重送 beside the return). A refusal changes nothing."""
    request = OvertimeRequest.objects.select_for_update(of=("self",)).select_related("case", "applicant").get(
        pk=request.pk)
    workflow.check_correctable(case=request.case, applicant_id=request.applicant_id, actor=actor, label="加班申請")
    if request.source != OvertimeRequest.Source.REQUEST:
        raise ChaiqinError(f"此加班依{request.get_source_display()}產生，請修正原表單或撤回後重新辦理。", code="state")
    checked = overtime_request_check(applicant=actor, reason=reason, work_items=work_items, slots=slots,
                                     situation=situation, project_start=project_start, correcting=request)
    first = checked.days[0]
    request.reason, request.work_items, request.situation, request.paper_sign = (reason.strip(), work_items.strip(),
                                                                                 situation, paper_sign)
    request.report_required, request.project_start = checked.report, checked.project_start
    request.report_due = rules.exceptional_report_due(first) if checked.report else None
    request.rest_warning = "；".join(checked.warnings)[:300]
    request.save(update_fields=["reason", "work_items", "situation", "paper_sign", "report_required",
                                "project_start", "report_due", "rest_warning"])
    request.slots.all().delete()
    _slots_of(request, checked)
    steps, title = _route_and_title(request, checked)
    Case.objects.filter(pk=request.case_id).update(title=title[:200])
    workflow.case_resubmit(case=request.case, actor=actor, steps=steps, note=f"修正後重送：{title}"[:500])
    return request


def overtime_on_approved(request: OvertimeRequest) -> None:
    """Approved: the slots may now be signed and claimed; nothing else to write."""


def overtime_on_closed(request: OvertimeRequest, status: str) -> None:
    """Rejected or withdrawn: the slots stop counting toward caps (they follow the case status)."""


def overtime_url(request: OvertimeRequest) -> str:
    return reverse("overtime:request", args=[request.pk])


def _approved(slot: OvertimeSlot) -> None:
    if slot.request.case is None or slot.request.case.status != "approved":
        raise ChaiqinError("加班申請尚未核准，不能簽到退或申請補償（須事先簽准）。",
                          citation=in_own_words("本機關加班管制要點（加班應事先簽准）", slot.person.agency))


@transaction.atomic
def overtime_sign(*, slot: OvertimeSlot, person: Person, direction: str) -> OvertimeSlot:
    """加班簽到 ("in") or 簽退 ("out") in the system, now, inside the approved slot (簽到 from the
    agency's grace before it starts, 簽退 only once it has started); "redo" clears both so they
    can be done again, until the slot is claimed."""
    slot = OvertimeSlot.objects.select_for_update(of=("self",)).select_related("request__case").get(pk=slot.pk)
    if slot.person_id != person.pk:
        raise ChaiqinError("只能為自己的加班簽到退。")
    _approved(slot)
    if slot.request.paper_sign:
        raise ChaiqinError("此申請勾選「紙本簽到退」：請於申請補償時上傳簽到退單。")
    now = clock.now()
    if direction == "in":
        if slot.signed_in_at:
            raise ChaiqinError("已完成加班簽到。")
        early = timedelta(minutes=rules.overtime_filing_figures(slot.day).sign_in_early_minutes)
        if now < slot.start - early or now > slot.end:
            raise ChaiqinError("不在核准的加班時段內，不能簽到。")
        slot.signed_in_at = now
        slot.save(update_fields=["signed_in_at"])
    elif direction == "out":
        if not slot.signed_in_at:
            raise ChaiqinError("尚未加班簽到，不能簽退。")
        if slot.signed_out_at:
            raise ChaiqinError("已完成加班簽退。")
        if now <= slot.start:
            raise ChaiqinError(f"核准的加班時段自{format_roc_datetime(slot.start)}起，尚未開始，不能簽退。")
        slot.signed_out_at = now
        slot.save(update_fields=["signed_out_at"])
    elif direction == "redo":
        if slot.claimed_at:
            raise ChaiqinError("此加班已申請補償，不能重新簽到退。")
        slot.signed_in_at = slot.signed_out_at = None
        slot.save(update_fields=["signed_in_at", "signed_out_at"])
    else:
        raise ChaiqinError("請選擇簽到或簽退。")
    return slot


def claim_deadline(slot: OvertimeSlot) -> date:
    """The last day `slot` may be claimed (rules.overtime_claim_deadline: seed 002, or as reopened)."""
    return rules.overtime_claim_deadline(slot.day, reopened_until=slot.reopened_until)


def allowed_compensations(regime: str) -> list[str]:
    """Overtime pay, comp time or commendation for civil servants and teachers (公務人員保障法
    第23條); pay or comp time under the LSA (勞動基準法第24條、第32條之1)."""
    if regime == rules.LABOR:
        return [OvertimeSlot.Compensation.PAY, OvertimeSlot.Compensation.COMP_TIME]
    return list(OvertimeSlot.Compensation.values)


@transaction.atomic
def overtime_claim_file(*, slot: OvertimeSlot, person: Person, compensation: str, minutes: int | None = None,
                        sheet=None) -> OvertimeSlot:
    """Claim an approved slot once its approved period has ended, within 3 days (seed 002)
    unless reopened.

    System sign-in/out: the minutes are the signed time inside the approved period. Paper
    (紙本簽到退): `minutes` as on the signed sheet, which must be attached. Comp time is
    posted to the leave ledger (chaiqin.leave.ledger.comp_time_grant) with its expiry
    (rules.comp_time_expires_on, the agency's comp_time_months). Pay comes only from the wage
    data the personnel office keeps (chaiqin.payroll.pay.slot_pay): the claimant never states
    a wage; under the civil rule the minutes beyond the paid-hour caps become comp time.
    """
    rowlocks.lock_person_once(person.pk)  # the claimant before the slot: the ledger locks them (chaiqin.rowlocks)
    slot = OvertimeSlot.objects.select_for_update(of=("self",)).select_related("request__case", "person__agency").get(pk=slot.pk)
    if slot.person_id != person.pk:
        raise ChaiqinError("只能為自己的加班申請補償。")
    _approved(slot)
    if slot.claimed_at:
        raise ChaiqinError("此加班已申請補償。")
    today = clock.today()
    if clock.now() < slot.end:
        raise ChaiqinError(f"核准的加班時段至 {format_roc(slot.end.astimezone(TAIPEI).date())} "
                           f"{slot.end.astimezone(TAIPEI):%H:%M} 才結束，請於加班結束後再申請補償。")
    if today > claim_deadline(slot):
        figures = rules.overtime_filing_figures(slot.day)
        raise ChaiqinError(
            f"已逾加班日後{figures.claim_window_days}日的申請期限（{format_roc(claim_deadline(slot))}）：請洽人事室補開。",
            citation=in_own_words(figures.claim_citation, person.agency), code="late_claim")
    _check_compensation(person, compensation)
    approved = int((slot.end - slot.start).total_seconds() // 60)
    if slot.request.paper_sign:
        if not sheet:
            raise ChaiqinError("勾選紙本簽到退者，請上傳已簽名的紙本簽到退單。", field="sheet")
        if minutes is None or minutes <= 0:
            raise ChaiqinError("請填寫紙本簽到退單上的加班分鐘數。", field="minutes")
        worked = min(minutes, approved)
        # The one upload check (chaiqin/uploads.py): PDF/JPEG/PNG by content, size-limited, not empty.
        checked = uploads.read_django_file(sheet, field="sheet")
        slot.sheet = ContentFile(checked.data, name=checked.name)
    else:
        if not (slot.signed_in_at and slot.signed_out_at):
            raise ChaiqinError("尚未完成系統加班簽到及簽退，不能申請；未刷卡請填寫上下班未刷卡補登單。")
        start, end = max(slot.signed_in_at, slot.start), min(slot.signed_out_at, slot.end)
        worked = max(0, int((end - start).total_seconds() // 60))
        if minutes is not None:
            worked = min(worked, minutes)
    if worked <= 0:
        raise ChaiqinError("核准時段內沒有加班時數可申請。")
    _compensate(slot, person, _credited(person, slot.day, worked), compensation)
    slot.save(update_fields=CLAIM_FIELDS + ["sheet"])
    return slot


def _credited(person: Person, day: date, worked: int) -> int:
    """The minutes of `worked` that count, in the regime's unit (rules.overtime_credit: whole
    hours for civil servants and teachers, every minute under the LSA); a claim that credits
    nothing is refused with the rule, so that 5 minutes signed never become comp time."""
    credit = rules.overtime_credit(person.regime, day, worked)
    if credit.minutes <= 0:
        raise ChaiqinError(f"加班 {format_hours(worked)} 未滿採計單位 {format_hours(credit.unit_minutes)}，"
                           f"不予計算加班費或補休。", citation=credit.citation, field="minutes")
    return credit.minutes


CLAIM_FIELDS = ["minutes", "compensation", "claimed_at", "pay_amount", "pay_minutes", "pay_note", "comp_time_posted"]


def _check_compensation(person: Person, compensation: str) -> None:
    if compensation not in allowed_compensations(person.regime):
        label = dict(OvertimeSlot.Compensation.choices).get(compensation, compensation)
        raise ChaiqinError(f"{rules.REGIMES[person.regime]}不能以「{label}」補償加班。",
                           citation=COMPENSATION_CITATION.get(person.regime, ""), field="compensation")


def _compensate(slot: OvertimeSlot, person: Person, worked: int, compensation: str) -> None:
    """Set the claim on `slot` (not saved): minutes, compensation, pay from the wage data (and
    the comp time the civil caps leave over), comp time posted."""
    slot.minutes = worked
    slot.compensation = compensation
    slot.claimed_at = clock.now()
    if compensation == OvertimeSlot.Compensation.PAY:
        paid = payroll_pay.slot_pay(person=person, day=slot.day, day_kind=slot.day_kind, minutes=worked,
                                    situation=slot.request.situation, slot_id=slot.pk)
        slot.pay_minutes, slot.pay_amount, slot.pay_note = paid.pay_minutes, paid.amount, paid.note
        if paid.comp_minutes:
            slot.comp_time_posted = _post_comp_time(slot, person, paid.comp_minutes)
    if compensation == OvertimeSlot.Compensation.COMP_TIME:
        slot.comp_time_posted = _post_comp_time(slot, person, worked)


# --- overtime approved by another form: weekend trips, WFH overtime ------------------------------

def trip_overtime_plan(trip) -> list[tuple[datetime, datetime, date]]:
    """Where a trip's self-entered overtime minutes fall: the days off it touches, in order, each
    taking at most the trip's time on that day, from the trip's start that day (aware start,
    end, day). Seed 002: 若出差時間為假日，請點開「自行填寫加班時數」."""
    left = trip.overtime_minutes
    start, end = trip.start.astimezone(TAIPEI), trip.end.astimezone(TAIPEI)
    plan = []
    for day in day_off_dates(trip.person.agency, start, end):
        lo = max(start, datetime.combine(day, time(0), tzinfo=TAIPEI))
        hi = min(end, datetime.combine(day + timedelta(days=1), time(0), tzinfo=TAIPEI))
        take = min(left, int((hi - lo).total_seconds() // 60))
        if take > 0:
            plan.append((lo, lo + timedelta(minutes=take), day))
            left -= take
    return plan


@transaction.atomic
def overtime_trip_claim(*, trip, person: Person, compensation: str) -> OvertimeRequest:
    """Claim the overtime hours self-entered on an approved trip on days off (seed 002: 若出差
    時間為假日，請點開「自行填寫加班時數」), as pay, comp time or commendation as the regime
    allows. The approved trip is the approval: no prior request. The caps of rules.check_hours
    are still checked (e.g. 公務員服務法第12條: 60 hours a month), and the claim is due within
    the window of rules.overtime_claim_deadline from the later of the last day off of the
    trip and its approval. One claim per trip.
    """
    rowlocks.lock_person_once(person.pk)  # the claimant before the trip (chaiqin.rowlocks)
    trip = Trip.objects.select_for_update(of=("self",)).select_related("case", "person__agency").get(pk=trip.pk)
    if trip.person_id != person.pk:
        raise ChaiqinError("只能申請自己出差單上的加班時數。")
    if trip.case is None or trip.case.status != "approved":
        raise ChaiqinError("出差單尚未核准，不能申請其加班時數（核准的出差單即為加班之核准依據）。")
    if not trip.overtime_minutes:
        raise ChaiqinError("此出差單沒有自行填寫加班時數；假日出差請於出差單填寫。")
    if OvertimeRequest.objects.filter(trip=trip).exists():
        raise ChaiqinError("此出差單的加班時數已申請。")
    _check_compensation(person, compensation)
    plan = trip_overtime_plan(trip)
    if not plan:
        raise ChaiqinError("出差期間沒有假日，不能以出差單申請加班。")
    today = clock.today()
    last_day = plan[-1][2]
    if today < last_day:
        raise ChaiqinError("出差尚未結束，請於加班日後申請。")
    approved_on = trip.case.decided_at.astimezone(TAIPEI).date() if trip.case.decided_at else today
    deadline = rules.overtime_claim_deadline(max(last_day, approved_on))
    if today > deadline:
        figures = rules.overtime_filing_figures(last_day)
        raise ChaiqinError(f"已逾加班日後{figures.claim_window_days}日的申請期限（{format_roc(deadline)}）：請洽人事室。",
                           citation=in_own_words(figures.claim_citation, person.agency), code="late_claim")
    planned = [(_naive(s), _naive(e), day_kind_of(person.agency, d)) for s, e, d in plan]
    found = caps_violations(person, planned, exception=False)
    if found:
        raise _refuse(found[0], person)
    request = OvertimeRequest.objects.create(
        agency=person.agency, applicant=person, source=OvertimeRequest.Source.TRIP, trip=trip, case=trip.case,
        reason=f"假日出差：{trip.reason}"[:300], work_items=f"{trip.get_nature_display()}（{trip.place}）",
        created_at=clock.now(),
    )
    for (s, e, d), (_s, _e, kind) in zip(plan, planned):
        slot = OvertimeSlot(request=request, person=person, day=d, day_kind=kind, start=s, end=e,
                            signed_in_at=s, signed_out_at=e)
        slot.save()
        _compensate(slot, person, _credited(person, d, int((e - s).total_seconds() // 60)), compensation)
        slot.save(update_fields=CLAIM_FIELDS)
    return request


def trips_to_claim(person: Person):
    """The person's approved trips with self-entered overtime not claimed yet (newest first)."""
    claimed = OvertimeRequest.objects.filter(trip__isnull=False, applicant=person).values("trip_id")
    return (Trip.objects.filter(person=person, overtime_minutes__gt=0, case__status="approved")
            .exclude(pk__in=claimed).order_by("-start")[:20])


@transaction.atomic
def overtime_from_wfh(*, wfh_overtime) -> OvertimeRequest:
    """Turn WFH overtime confirmed by the assigning supervisor (seed 000 第5點第4款第3目;
    workflow kind "wfh_overtime") into an overtime record whose slot is signed for its period,
    to be claimed like any approved overtime (pay, comp time or commendation:
    overtime_claim_file). The claim window (rules.overtime_claim_deadline) runs from the
    confirmation. Called by the wfh app's approval hook; calling it twice changes nothing."""
    existing = OvertimeRequest.objects.filter(wfh_overtime=wfh_overtime).first()
    if existing is not None:
        return existing
    person = wfh_overtime.person
    start, end = wfh_overtime.start, wfh_overtime.end
    day = rules.workday_of(_naive(start))
    request = OvertimeRequest.objects.create(
        agency=person.agency, applicant=person, source=OvertimeRequest.Source.WFH, wfh_overtime=wfh_overtime,
        case=wfh_overtime.case, reason=f"居家辦公加班：{wfh_overtime.work_done}"[:300],
        work_items=wfh_overtime.work_done, created_at=clock.now(),
    )
    confirmed = rules.overtime_claim_deadline(clock.today())
    OvertimeSlot.objects.create(
        request=request, person=person, day=day, day_kind=day_kind_of(person.agency, day), start=start, end=end,
        signed_in_at=start, signed_out_at=end,
        reopened_until=confirmed if confirmed > rules.overtime_claim_deadline(day) else None,
    )
    return request


def comp_time_expiry(person: Person, earned_on: date) -> date:
    """The last day comp time earned on `earned_on` may be used: the agency's term, and for workers
    never after the end of the annual-leave year containing that day, anniversary or calendar as
    the agency counts it (勞動基準法施行細則第22條之2; unused hours are then paid, §32-1 II)."""
    years = max(1, (person.agency.comp_time_months or 12) // 12)
    year_end = ledger.period_of(person, "annual", earned_on)[1] if person.regime == rules.LABOR else None
    return rules.comp_time_expires_on(person.regime, earned_on, years=years, leave_year_end=year_end)


def _post_comp_time(slot: OvertimeSlot, person: Person, minutes: int) -> bool:
    """Post comp time to the leave ledger; False (posted later) while the leave app lacks it."""
    try:
        from chaiqin.leave import ledger
    except ImportError:
        return False
    grant = getattr(ledger, "comp_time_grant", None)
    if grant is None:
        return False
    grant(person=person, minutes=minutes, earned_on=slot.day, expires_on=comp_time_expiry(person, slot.day),
          case=slot.request.case, note=f"加班補休：{slot.request.reason[:60]}")
    return True


@transaction.atomic
def comp_time_post_pending(*, person: Person | None = None) -> int:
    """Post comp-time claims made before the leave ledger existed; the number posted."""
    pending = OvertimeSlot.objects.filter(compensation=OvertimeSlot.Compensation.COMP_TIME, comp_time_posted=False,
                                          claimed_at__isnull=False).select_related("person__agency", "request__case")
    if person is not None:
        pending = pending.filter(person=person)
    done = 0
    for slot in pending.select_for_update(of=("self",)):
        if _post_comp_time(slot, slot.person, slot.minutes):
            slot.comp_time_posted = True
            slot.save(update_fields=["comp_time_posted"])
            done += 1
    return done


@transaction.atomic
def overtime_claim_reopen(*, slot: OvertimeSlot, by: Person, until: date) -> OvertimeSlot:
    """The personnel office lets a late claim be filed until `until`."""
    if not access.holds_role(by, slot.person.agency_id, "personnel"):
        raise ChaiqinError("只有本機關人事人員可以補開逾期的加班申請。")
    if until < clock.today():
        raise ChaiqinError("補開期限不可早於今天。")
    slot.reopened_until = until
    slot.save(update_fields=["reopened_until"])
    return slot


def slots_for_range(person: Person, first: date, last: date, start: time, end: time) -> list[PlannedSlot]:
    """The same hours every day from `first` to `last` (an end at or before the start runs past midnight)."""
    out, day = [], first
    while day <= last:
        s = datetime.combine(day, start, tzinfo=TAIPEI)
        e = datetime.combine(day + timedelta(days=1) if end <= start else day, end, tzinfo=TAIPEI)
        out.append(PlannedSlot(person, s, e))
        day += timedelta(days=1)
    return out
