"""REST API of work from home (mounted at /api/wfh/): the same services as the pages.

Refusals come out as 400 {"detail", "citation"} (chaiqin/api.py); objects outside the
caller's scope are 404.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.http import Http404, HttpResponse
from ninja import Router, Schema

from chaiqin import rules
from chaiqin.errors import ChaiqinError
from chaiqin.org import access
from chaiqin.org.models import Person

from . import exports, selectors, services
from .models import WfhOvertime

router = Router(tags=["居家辦公"])


class ApplicationIn(Schema):
    relation: str
    start: date
    end: date
    workplace: str
    due_date: date | None = None
    gestation_weeks: int | None = None
    own_device: bool = False
    contact: str = ""
    note: str = ""


class ApplicationOut(Schema):
    id: int
    person_id: int
    relation: str
    due_date: date
    start: date
    end: date
    workplace: str
    own_device: bool
    status: str
    flexible_days: int | None
    flexible_reason: str
    ended_on: date | None
    end_kind: str
    case_id: int | None


class CapOut(Schema):
    week_start: date
    gestation_weeks: int
    days: int
    citation: str
    flexible: bool


class DecideIn(Schema):
    decision: str
    answers: dict[str, bool] = {}
    comment: str = ""


class FlexibleIn(Schema):
    days: int | None
    reason: str = ""


class StopIn(Schema):
    reason: str
    on: date | None = None


class RestIn(Schema):
    on: date
    note: str = ""


class DeliveredIn(Schema):
    delivered_on: date


class WeekPlanIn(Schema):
    days: list[date]


class DayOut(Schema):
    id: int
    date: date
    status: str
    reason: str
    moved_from: date | None


class DayChangeIn(Schema):
    reason: str
    to: date | None = None


class LogItemIn(Schema):
    item: str
    done: str
    progress: str


class LogIn(Schema):
    date: date
    items: list[LogItemIn]
    work_start: time | None = None
    work_end: time | None = None


class LogItemOut(Schema):
    item: str
    done: str
    progress: str


class LogOut(Schema):
    id: int
    person_id: int
    date: date
    work_start: time
    work_end: time
    status: str
    reviewer_id: int | None
    review_comment: str
    items: list[LogItemOut]

    @staticmethod
    def resolve_items(obj):
        return list(obj.items.all())


class ReviewIn(Schema):
    decision: str
    comment: str = ""


class OvertimeIn(Schema):
    assigner_id: int
    start: datetime
    end: datetime
    work_done: str
    evidence: str


class OvertimeOut(Schema):
    id: int
    person_id: int
    assigner_id: int
    start: datetime
    end: datetime
    minutes: int
    due: date
    status: str
    case_id: int | None


class OverviewOut(Schema):
    application_id: int
    person_id: int
    name: str
    unit: str
    status: str
    gestation_weeks: int | None
    cap: int | None
    days: list[date]


class WeekReportOut(Schema):
    id: int
    person_id: int
    week_start: date
    reported_by_id: int
    unit_head_id: int | None


def _me(request) -> Person:
    return access.person_of(request.user)


def _cap_out(cap):
    return {"week_start": cap.week_start, "gestation_weeks": cap.gestation_weeks, "days": cap.days,
            "citation": cap.citation, "flexible": cap.flexible}


@router.get("/applications", response=list[ApplicationOut], summary="我的居家辦公申請")
def applications(request):
    return list(selectors.applications_of(_me(request))[:100])


@router.post("/applications", response=ApplicationOut, summary="申請居家辦公（第3點）")
def application_submit(request, payload: ApplicationIn):
    return services.wfh_application_submit(actor=_me(request), **payload.dict())


@router.get("/applications/{application_id}", response=ApplicationOut, summary="居家辦公申請")
def application(request, application_id: int):
    return selectors.application_get_for(request.user, application_id)


@router.get("/applications/{application_id}/caps", response=list[CapOut], summary="每週日數上限（隨懷孕週數）")
def application_caps(request, application_id: int):
    return [_cap_out(c) for c in selectors.week_caps(selectors.application_get_for(request.user, application_id))]


@router.get("/checklist", summary="第4點審核項目")
def checklist(request):
    return [{"key": i.key, "section": i.section, "kind": i.kind, "text": i.text, "citation": i.citation,
             "applies_when": i.applies_when} for i in rules.wfh_approval_checklist()]


@router.post("/applications/{application_id}/decide", response=ApplicationOut, summary="簽核並填答第4點審核項目")
def application_decide(request, application_id: int, payload: DecideIn):
    application = selectors.application_get_for(request.user, application_id)
    return services.wfh_application_decide(actor=_me(request), application=application, decision=payload.decision,
                                           answers=payload.answers, comment=payload.comment)


@router.post("/applications/{application_id}/flexible", response=ApplicationOut, summary="機關彈性排定日數（第3點第2項）")
def application_flexible(request, application_id: int, payload: FlexibleIn):
    application = selectors.application_get_for(request.user, application_id)
    return services.wfh_application_set_flexible(actor=_me(request), application=application, days=payload.days,
                                                 reason=payload.reason)


@router.post("/applications/{application_id}/stop", response=ApplicationOut, summary="停止居家辦公（第6點）")
def application_stop(request, application_id: int, payload: StopIn):
    application = selectors.application_get_for(request.user, application_id)
    return services.wfh_application_stop(actor=_me(request), application=application, reason=payload.reason,
                                         on=payload.on)


@router.post("/applications/{application_id}/rest", response=ApplicationOut, summary="安胎休養，改依請假規定（第3點第3項）")
def application_rest(request, application_id: int, payload: RestIn):
    application = selectors.application_get_for(request.user, application_id)
    return services.wfh_application_rest_order(actor=_me(request), application=application, on=payload.on,
                                               note=payload.note)


@router.post("/applications/{application_id}/delivered", response=ApplicationOut, summary="登記分娩日")
def application_delivered(request, application_id: int, payload: DeliveredIn):
    application = selectors.application_get_for(request.user, application_id)
    return services.wfh_application_delivered(actor=_me(request), application=application,
                                              delivered_on=payload.delivered_on)


@router.put("/applications/{application_id}/weeks/{week_start}", response=list[DayOut], summary="按週排定居家辦公日")
def week_plan(request, application_id: int, week_start: date, payload: WeekPlanIn):
    application = selectors.application_get_for(request.user, application_id)
    return services.wfh_week_plan(actor=_me(request), application=application, week_start=week_start,
                                  days=payload.days)


@router.get("/people/{person_id}/days", response=list[date], summary="某人某期間的居家辦公日")
def person_days(request, person_id: int, start: date, end: date):
    person = access.person_get_for(request.user, person_id)
    return selectors.wfh_days(person, start, min(end, start + timedelta(days=366)))


@router.post("/days/{day_id}/recall", response=DayOut, summary="要求返回辦公場所")
def day_recall(request, day_id: int, payload: DayChangeIn):
    return services.wfh_day_recall(actor=_me(request), day=selectors.day_get_for(request.user, day_id),
                                   reason=payload.reason)


@router.post("/days/{day_id}/move", response=DayOut, summary="調整居家辦公日期")
def day_move(request, day_id: int, payload: DayChangeIn):
    if payload.to is None:
        raise ChaiqinError("請填寫調整後的日期。", field="to")
    return services.wfh_day_move(actor=_me(request), day=selectors.day_get_for(request.user, day_id), to=payload.to,
                                 reason=payload.reason)


@router.post("/logs", response=LogOut, summary="填寫居家辦公工作日誌並送直屬主管")
def log_submit(request, payload: LogIn):
    return services.wfh_log_submit(actor=_me(request), day=payload.date, items=[i.dict() for i in payload.items],
                                   work_start=payload.work_start, work_end=payload.work_end)


@router.get("/logs/to-review", response=list[LogOut], summary="待我審核的工作日誌")
def logs_to_review(request):
    return list(selectors.logs_to_review(_me(request)).prefetch_related("items")[:200])


@router.get("/logs/{log_id}", response=LogOut, summary="工作日誌")
def log(request, log_id: int):
    return selectors.log_get_for(request.user, log_id)


@router.post("/logs/{log_id}/review", response=LogOut, summary="直屬主管審核工作日誌")
def log_review(request, log_id: int, payload: ReviewIn):
    return services.wfh_log_review(actor=_me(request), log=selectors.log_get_for(request.user, log_id),
                                   decision=payload.decision, comment=payload.comment)


@router.get("/logs/{log_id}/pdf", summary="工作日誌 PDF")
def log_pdf(request, log_id: int):
    return HttpResponse(exports.log_pdf([selectors.log_get_for(request.user, log_id)]), content_type="application/pdf")


@router.get("/people/{person_id}/weeks/{week_start}/logs", response=list[LogOut], summary="一週的工作日誌")
def week_logs(request, person_id: int, week_start: date):
    person = access.person_get_for(request.user, person_id)
    return selectors.person_week(person, selectors.monday_of(week_start)).logs


@router.post("/people/{person_id}/weeks/{week_start}/report", response=WeekReportOut, summary="每週陳報單位主管")
def week_report(request, person_id: int, week_start: date):
    person = access.person_get_for(request.user, person_id)
    return services.wfh_week_report(actor=_me(request), person=person, week_start=week_start)


@router.get("/unit-week/{week_start}", response=list[LogOut], summary="單位主管：所屬同仁一週的工作日誌")
def unit_week(request, week_start: date):
    rows = selectors.unit_week(_me(request), selectors.monday_of(week_start))
    return [log for row in rows for log in row.logs]


@router.post("/overtime", response=OvertimeOut, summary="居家辦公加班送核（第5點第4款第3目）")
def overtime_file(request, payload: OvertimeIn):
    me = _me(request)
    assigner = Person.objects.filter(pk=payload.assigner_id, agency_id=me.agency_id).first()
    if assigner is None:
        raise ChaiqinError("查無此指派工作之長官。", field="assigner")
    return services.wfh_overtime_file(actor=me, assigner=assigner, start=payload.start, end=payload.end,
                                      work_done=payload.work_done, evidence=payload.evidence)


@router.get("/overtime/{overtime_id}", response=OvertimeOut, summary="居家辦公加班")
def overtime(request, overtime_id: int) -> WfhOvertime:
    return selectors.overtime_get_for(request.user, overtime_id)


@router.get("/overview/{week_start}", response=list[OverviewOut], summary="人事：誰哪幾天居家辦公、每週上限")
def overview(request, week_start: date):
    me = _me(request)
    if not selectors.is_agency_officer(me):
        raise Http404("居家辦公總覽限人事單位檢視。")
    return [
        {"application_id": r.application.pk, "person_id": r.application.person_id, "name": r.application.person.name,
         "unit": r.application.person.unit.name, "status": r.application.status, "gestation_weeks": r.gestation_weeks,
         "cap": r.cap.days if r.cap else None, "days": r.days}
        for r in selectors.overview(me, selectors.monday_of(week_start))
    ]
