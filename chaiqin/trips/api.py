"""REST API of trips and overseas travel (mounted at /api/trips/). Thin: parse, permission
helper, service. Dates and times are strings in 民國 (`115-03-10 08:00`) or 西元 form."""

from __future__ import annotations

from datetime import date, datetime

from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from chaiqin.dates import DateInputError, parse_date, parse_datetime
from chaiqin.errors import ChaiqinError
from chaiqin.org import access
from chaiqin.org.models import Person

from . import policy, selectors, services

router = Router(tags=["差旅與出國"])


def _when(text: str | None, what: str, *, required: bool = True) -> datetime | None:
    if not text:
        if required:
            raise ChaiqinError(f"請填寫{what}。")
        return None
    try:
        return parse_datetime(text)
    except DateInputError as exc:
        raise ChaiqinError(f"{what}：{exc}") from None


def _day(text: str | None, what: str) -> date | None:
    if not text:
        return None
    try:
        return parse_date(text)
    except DateInputError as exc:
        raise ChaiqinError(f"{what}：{exc}") from None


def _agent(me: Person, agent_id: int | None) -> Person | None:
    if agent_id is None:
        return None
    agent = Person.objects.filter(pk=agent_id, agency_id=me.agency_id).first()
    if agent is None:
        raise ChaiqinError("查無此代理人，代理人必須是同一機關學校的人員。")
    return agent


class KindOut(Schema):
    code: str
    name: str
    form: str
    pays: list[str]
    claim_sheet: bool
    citation: str


class TripIn(Schema):
    nature: str
    place: str
    reason: str
    start: str
    end: str
    sign_mode: str = "system"
    agent_id: int | None = None
    overtime_minutes: int = 0
    attachment_note: str = ""


class TripOut(Schema):
    id: int
    nature: str
    place: str
    reason: str
    start: datetime
    end: datetime
    sign_mode: str
    overtime_minutes: int
    case_id: int | None
    status: str
    expenses: list[dict]

    @staticmethod
    def resolve_status(obj) -> str:
        return obj.case.status if obj.case_id else ""

    @staticmethod
    def resolve_expenses(obj) -> list[dict]:
        return policy.expense_items(obj.nature) if policy.trip_kind(obj.nature).claim_sheet else []


class LeaveLineIn(Schema):
    leave_code: str
    start: str
    end: str


class OverseasIn(Schema):
    form: str  # "break_report" or "overseas"
    category: str = "tourism"
    destination: str = "other"
    country: str = ""
    start: str
    end: str
    reason: str
    has_classes: bool = False
    agent_id: int | None = None
    agent_start: str | None = None
    agent_end: str | None = None
    agent_phone: str = ""
    attachment_note: str = ""
    leave_lines: list[LeaveLineIn] = []


class LeaveLineOut(Schema):
    order: int
    leave_code: str
    leave_name: str
    start: datetime
    end: datetime
    minutes: int


class OverseasOut(Schema):
    id: int
    form: str
    category: str
    destination: str
    country: str
    start: datetime
    end: datetime
    days: int
    reason: str
    quota_note: str
    case_id: int | None
    status: str
    has_mainland_form: bool
    leave_lines: list[LeaveLineOut]

    @staticmethod
    def resolve_status(obj) -> str:
        return obj.case.status if obj.case_id else "draft"

    @staticmethod
    def resolve_has_mainland_form(obj) -> bool:
        return hasattr(obj, "mainland_form")

    @staticmethod
    def resolve_leave_lines(obj):
        return list(obj.leave_lines.all())


class MainlandIn(Schema):
    places: str
    purpose: str
    count_this_year: int = 0
    previous_start: str | None = None
    previous_end: str | None = None
    q_article_9: bool = False
    q_state_secrets: bool = False
    q_intelligence: bool = False
    q_special_check: bool = False
    phone_in_mainland: str = ""
    note: str = ""


class ReturnIn(Schema):
    returned_on: str
    questioned: bool = False
    contacted: bool = False
    other_events: bool = False
    details: str = ""


class BreakIn(Schema):
    school_year: int
    kind: str
    start: str
    end: str


class AttachmentOut(Schema):
    id: int
    purpose: str
    name: str
    content_type: str
    size: int


@router.get("/kinds", response=list[KindOut], summary="出差種類及其差旅費項目")
def kinds(request):
    return [dict(code=k.code, name=k.name, form=k.form, pays=list(k.pays), claim_sheet=k.claim_sheet,
                 citation=k.citation) for k in policy.trip_kinds()]


@router.get("/trips", response=list[TripOut], summary="我的出差單與公出")
def my_trips(request):
    return selectors.trips_of(access.person_of(request.user))


@router.post("/trips", response={201: TripOut}, summary="填寫出差單或公出並送出")
def trip_create(request, payload: TripIn):
    me = access.person_of(request.user)
    trip = services.trip_file(
        person=me, nature=payload.nature, place=payload.place, reason=payload.reason,
        start=_when(payload.start, "起"), end=_when(payload.end, "訖"), sign_mode=payload.sign_mode,
        agent=_agent(me, payload.agent_id), overtime_minutes=payload.overtime_minutes,
        attachment_note=payload.attachment_note)
    return Status(201, trip)


@router.get("/trips/{trip_id}", response=TripOut, summary="出差單")
def trip_get(request, trip_id: int):
    return selectors.trip_get_for(request.user, trip_id)


@router.get("/overseas", response=list[OverseasOut], summary="我的出國申請與報備")
def my_overseas(request):
    return selectors.overseas_of(access.person_of(request.user))


def _overseas_fields(me: Person, payload: OverseasIn) -> dict:
    return dict(
        person=me, form=payload.form, category=payload.category, destination=payload.destination,
        country=payload.country, start=_when(payload.start, "預定出國期間起"), end=_when(payload.end, "預定出國期間訖"),
        reason=payload.reason, has_classes=payload.has_classes, agent=_agent(me, payload.agent_id),
        agent_start=_when(payload.agent_start, "代理時間起", required=False),
        agent_end=_when(payload.agent_end, "代理時間訖", required=False), agent_phone=payload.agent_phone,
        attachment_note=payload.attachment_note,
        leave_lines=[services.LeaveLine(l.leave_code, _when(l.start, "請假起"), _when(l.end, "請假訖"))
                     for l in payload.leave_lines],
    )


@router.post("/overseas", response={201: OverseasOut}, summary="儲存出國申請單或寒暑假出國報備單（草稿）")
def overseas_create(request, payload: OverseasIn):
    return Status(201, services.overseas_save(**_overseas_fields(access.person_of(request.user), payload)))


@router.get("/overseas/{overseas_id}", response=OverseasOut, summary="出國表單")
def overseas_get(request, overseas_id: int):
    return selectors.overseas_get_for(request.user, overseas_id)


@router.put("/overseas/{overseas_id}", response=OverseasOut, summary="修改草稿或退回的出國表單")
def overseas_update(request, overseas_id: int, payload: OverseasIn):
    overseas = selectors.overseas_get_for(request.user, overseas_id)
    return services.overseas_save(overseas=overseas, **_overseas_fields(access.person_of(request.user), payload))


@router.put("/overseas/{overseas_id}/mainland", response=OverseasOut, summary="填寫赴大陸地區申請表")
def mainland_put(request, overseas_id: int, payload: MainlandIn):
    overseas = selectors.overseas_get_for(request.user, overseas_id)
    data = payload.dict()
    data["previous_start"] = _day(data["previous_start"], "前次赴大陸地區日期起")
    data["previous_end"] = _day(data["previous_end"], "前次赴大陸地區日期止")
    services.mainland_form_save(actor=access.person_of(request.user), overseas=overseas, **data)
    overseas.refresh_from_db()
    return overseas


@router.post("/overseas/{overseas_id}/attachments", response={201: AttachmentOut},
             summary="上傳附件（PDF/JPEG/PNG，依內容判斷）")
def overseas_attach(request, overseas_id: int, purpose: Form[str], file: File[UploadedFile]):
    overseas = selectors.overseas_get_for(request.user, overseas_id)
    upload = services.Upload(file.name or "附件", file.read(policy.max_attachment_bytes() + 1), purpose)
    return Status(201, services.attachment_add(actor=access.person_of(request.user), owner=overseas, upload=upload))


@router.post("/overseas/{overseas_id}/submit", response=OverseasOut, summary="送出出國表單")
def overseas_submit(request, overseas_id: int):
    overseas = selectors.overseas_get_for(request.user, overseas_id)
    return services.overseas_submit(actor=access.person_of(request.user), overseas=overseas)


@router.post("/overseas/{overseas_id}/return-report", response={201: dict}, summary="填報赴陸人員返臺通報表")
def return_report(request, overseas_id: int, payload: ReturnIn):
    overseas = selectors.overseas_get_for(request.user, overseas_id)
    data = payload.dict()
    data["returned_on"] = _day(data["returned_on"], "返臺日期")
    if data["returned_on"] is None:
        raise ChaiqinError("請填寫返臺日期。")
    report = services.return_report_file(actor=access.person_of(request.user), overseas=overseas, **data)
    return Status(201, {"id": report.pk, "returned_on": report.returned_on.isoformat()})


@router.get("/overseas/{overseas_id}/principal-notice", response=dict, summary="校長出境案件通報單內容")
def principal_notice(request, overseas_id: int):
    notice = selectors.principal_notice(selectors.overseas_get_for(request.user, overseas_id))
    return {
        "school": notice.school, "principal": notice.principal, "destination": notice.destination,
        "reason": notice.reason, "start": notice.start.isoformat(), "end": notice.end.isoformat(), "days": notice.days,
        "leave": notice.leave_names, "agent": notice.agent_name, "route": notice.route.code,
        "route_label": notice.route.label, "notify": notice.route.notify, "citation": notice.route.citation,
        **notice.contact,
    }


@router.get("/breaks", response=list[dict], summary="本校寒暑假期間")
def breaks(request, school_year: int):
    me = access.person_of(request.user)
    return [{"kind": kind, "start": b.isoformat(), "end": e.isoformat()}
            for kind, (b, e) in sorted(services.break_periods(me.agency, school_year).items())]


@router.put("/breaks", response=dict, summary="人事室設定寒暑假期間")
def break_set(request, payload: BreakIn):
    start, end = _day(payload.start, "起"), _day(payload.end, "迄")
    if start is None or end is None:
        raise ChaiqinError("請填寫寒暑假的起日與迄日。")
    period = services.break_period_set(actor=access.person_of(request.user), school_year=payload.school_year,
                                       kind=payload.kind, start=start, end=end)
    return {"kind": period.kind, "start": period.start.isoformat(), "end": period.end.isoformat()}
