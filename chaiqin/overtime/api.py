"""REST API of overtime: requests (caps checked on asking), sign-in/out, claims, the monthly
sheet, and the LSA roster check."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.http import Http404, HttpResponse
from ninja import Router, Schema

from chaiqin import spreadsheets
from chaiqin.errors import ChaiqinError
from chaiqin.org import access
from chaiqin.trips.models import Trip

from . import exports, selectors, services

router = Router(tags=["加班"])


class SlotIn(Schema):
    person_id: int | None = None
    start: datetime
    end: datetime


class RequestIn(Schema):
    reason: str
    work_items: str
    situation: str = "normal"
    paper_sign: bool = False
    project_start: date | None = None  # a special major project's first month (its 240 h run from it)
    slots: list[SlotIn]


class SlotOut(Schema):
    id: int
    person_id: int
    day: date
    day_kind: str
    start: datetime
    end: datetime
    signed_in_at: datetime | None
    signed_out_at: datetime | None
    minutes: int | None
    compensation: str
    pay_amount: Decimal | None
    pay_minutes: int | None
    pay_note: str
    comp_time_posted: bool


class RequestOut(Schema):
    id: int
    source: str
    reason: str
    rest_warning: str
    situation: str
    report_required: bool
    report_due: date | None
    case_id: int | None
    status: str
    slots: list[SlotOut]

    @staticmethod
    def resolve_status(obj) -> str:
        return obj.case.status if obj.case else ""

    @staticmethod
    def resolve_slots(obj):
        return list(obj.slots.all())


class ClaimIn(Schema):
    """The claim: the compensation and, for paper sign-in sheets, the minutes. No wage: pay
    comes only from the personnel office's wage data (a wage sent here is refused)."""

    model_config = {"extra": "forbid"}

    compensation: str
    minutes: int | None = None


class RosterEntry(Schema):
    person: str
    start: datetime
    end: datetime
    kind: str = "regular"
    break_minutes: int = 0
    day_kind: str = "workday"


class RosterIn(Schema):
    schedule: str = "weekly"
    agreement: bool = False
    entries: list[RosterEntry]


class ViolationOut(Schema):
    person: str
    code: str
    day: date
    detail: str
    citation: str


@router.post("/requests", response=RequestOut, summary="加班申請單（送出時即檢查工時上限）")
def request_submit(request, payload: RequestIn):
    me = access.person_of(request.user)
    slots = []
    for s in payload.slots:
        person = me if s.person_id in (None, me.pk) else access.person_get_for(request.user, s.person_id)
        slots.append(services.PlannedSlot(person, s.start, s.end))
    return services.overtime_request_submit(applicant=me, reason=payload.reason, work_items=payload.work_items,
                                            slots=slots, situation=payload.situation, paper_sign=payload.paper_sign,
                                            project_start=payload.project_start)


@router.get("/requests/{request_id}", response=RequestOut, summary="加班申請單")
def request_get(request, request_id: int):
    return selectors.request_get_for(request.user, request_id)


@router.post("/slots/{slot_id}/sign/{direction}", response=SlotOut, summary="加班簽到（in）／簽退（out）")
def slot_sign(request, slot_id: int, direction: str):
    slot = selectors.slot_get_for(request.user, slot_id)
    return services.overtime_sign(slot=slot, person=access.person_of(request.user), direction=direction)


@router.post("/slots/{slot_id}/claim", response=SlotOut, summary="申請加班補償（加班日後3日內）")
def slot_claim(request, slot_id: int, payload: ClaimIn):
    slot = selectors.slot_get_for(request.user, slot_id)
    return services.overtime_claim_file(slot=slot, person=access.person_of(request.user),
                                        compensation=payload.compensation, minutes=payload.minutes)


@router.post("/roster-check", response=list[ViolationOut], summary="勞基法排班檢查（七休一、四週變形、輪班間隔11小時）")
def roster_check(request, payload: RosterIn):
    entries = [{**e.dict(), "start": e.start.replace(tzinfo=None), "end": e.end.replace(tzinfo=None)}
               for e in payload.entries]
    return [v._asdict() | {"person": str(v.person)} for v in
            selectors.roster_check(entries, schedule=payload.schedule, agreement=payload.agreement)]


class TripClaimIn(Schema):
    model_config = {"extra": "forbid"}

    compensation: str


class TripOut(Schema):
    id: int
    place: str
    reason: str
    start: datetime
    end: datetime
    overtime_minutes: int


@router.get("/trips", response=list[TripOut], summary="可申請加班的假日出差（已核准、自行填寫加班時數、尚未申請）")
def trips_to_claim(request):
    return list(services.trips_to_claim(access.person_of(request.user)))


@router.post("/trips/{trip_id}/claim", response=RequestOut, summary="以核准的假日出差單申請加班補償（免事前申請）")
def trip_claim(request, trip_id: int, payload: TripClaimIn):
    me = access.person_of(request.user)
    trip = Trip.objects.filter(pk=trip_id, person=me).first()
    if trip is None:
        raise Http404("查無此出差單。")
    return services.overtime_trip_claim(trip=trip, person=me, compensation=payload.compensation)


class SheetSlotOut(Schema):
    day: date
    start: datetime
    end: datetime
    minutes: int
    compensation: str
    pay_amount: Decimal | None


class SheetRowOut(Schema):
    person_id: int
    employee_no: str
    name: str
    minutes: dict[str, int]
    total: int
    pay: Decimal
    slots: list[SheetSlotOut]


class SheetUnitOut(Schema):
    unit_id: int
    unit: str
    minutes: dict[str, int]
    total: int
    pay: Decimal
    rows: list[SheetRowOut]


def _sheet_people(request, year: int, month: int):
    if not (1912 <= year <= 2100 and 1 <= month <= 12):
        raise ChaiqinError("年份或月份超出範圍。")
    me = access.person_of(request.user)
    return me, access.visible_people(me).select_related("unit").order_by("unit__sort_order", "employee_no")


@router.get("/sheet/{year}/{month}", response=list[SheetUnitOut], summary="月加班時數統計表（依單位小計；限可檢視之人員）")
def sheet(request, year: int, month: int):
    _me, people = _sheet_people(request, year, month)
    out = []
    for g in selectors.sheet_by_unit(selectors.monthly_sheet(people, year, month)):
        out.append({
            "unit_id": g.unit.pk, "unit": g.unit.name, "minutes": dict(g.minutes), "total": g.total, "pay": g.pay,
            "rows": [{"person_id": r.person.pk, "employee_no": r.person.employee_no, "name": r.person.name,
                      "minutes": dict(r.minutes), "total": r.total, "pay": r.pay,
                      "slots": [{"day": s.day, "start": s.start, "end": s.end, "minutes": s.minutes or 0,
                                 "compensation": s.compensation, "pay_amount": s.pay_amount} for s in r.slots]}
                     for r in g.rows],
        })
    return out


@router.get("/sheet/{year}/{month}/xlsx", summary="月加班時數統計表 XLSX 匯出")
def sheet_xlsx(request, year: int, month: int):
    me, people = _sheet_people(request, year, month)
    title = f"{me.agency.name} 民國{year - 1911}年{month}月加班時數統計表"
    data = exports.monthly_sheet_file(people, year, month, title=title, fmt="xlsx")
    response = HttpResponse(data, content_type=spreadsheets.content_type("xlsx"))
    response["Content-Disposition"] = f'attachment; filename="overtime-{year:04d}-{month:02d}.xlsx"'
    return response
