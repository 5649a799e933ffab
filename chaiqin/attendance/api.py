"""REST API of attendance: card readers (per-device token), web clock-in, daily status,
missed-punch forms, card-file import."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from ninja import File, Router, Schema
from ninja.errors import AuthenticationError
from ninja.files import UploadedFile
from ninja.security import HttpBearer

from chaiqin.clientip import client_ip
from chaiqin.errors import ChaiqinError
from chaiqin.org import access

from . import selectors, services

router = Router(tags=["出勤"])


class DeviceToken(HttpBearer):
    """`Authorization: Bearer <token>` of an active card reader.

    The token is checked where it is used: by the statement that stores each punch (one round trip
    a punch at the morning peak), or on its own when a request stores nothing; an unknown or
    disabled reader gets 401 either way.
    """

    def authenticate(self, request, token):
        return token or None


class DevicePunchIn(Schema):
    employee_no: str
    at: datetime


class PunchOut(Schema):
    id: int
    person_id: int
    at: datetime
    source: str
    created: bool = True


class DayStatusOut(Schema):
    day: date
    codes: list[str]
    label: str
    first: datetime | None
    last: datetime | None
    late_minutes: int
    early_minutes: int
    flags: list[str]


class MissedPunchIn(Schema):
    at: datetime
    direction: str
    reason: str


class MissedPunchOut(Schema):
    id: int
    at: datetime
    direction: str
    case_id: int | None


class ImportOut(Schema):
    id: int
    rows: int
    added: int
    errors: list[list]
    unknown: list[list] = []


@router.post("/device/punches", auth=DeviceToken(), response=list[PunchOut], summary="刷卡機送出刷卡紀錄（裝置憑證）")
def device_punches(request, payload: list[DevicePunchIn]):
    token = request.auth
    if not payload and services.device_authenticate(token) is None:
        raise AuthenticationError
    out = []
    try:
        # A batch is stored whole or not at all: a reader that resends after an error never leaves half of it behind.
        with transaction.atomic() if len(payload) > 1 else nullcontext():
            for item in payload:
                punch, created = services.punch_from_device(token=token, employee_no=item.employee_no, at=item.at)
                out.append({"id": punch.pk, "person_id": punch.person_id, "at": punch.at, "source": punch.source,
                            "created": created})
    except services.UnknownDevice:
        raise AuthenticationError from None
    return out


@router.post("/clock", response=PunchOut, summary="網頁簽到退（本人，限機關允許網段）")
def clock_in_out(request):
    punch = services.punch_web(person=access.person_of(request.user), ip=client_ip(request))
    return {"id": punch.pk, "person_id": punch.person_id, "at": punch.at, "source": punch.source}


def _days(person, year: int, month: int):
    if not (1912 <= year <= 2100 and 1 <= month <= 12):
        raise ChaiqinError("年份或月份超出範圍。")
    return [
        {"day": d.day, "codes": list(d.codes), "label": d.label, "first": d.first, "last": d.last,
         "late_minutes": d.late_minutes, "early_minutes": d.early_minutes, "flags": list(d.flags)}
        for d in selectors.person_month(person, year, month)
    ]


@router.get("/me/days/{year}/{month}", response=list[DayStatusOut], summary="本人某月每日出勤狀況")
def my_days(request, year: int, month: int):
    return _days(access.person_of(request.user), year, month)


@router.get("/people/{person_id}/days/{year}/{month}", response=list[DayStatusOut], summary="某人某月每日出勤狀況（限有權檢視者）")
def person_days(request, person_id: int, year: int, month: int):
    return _days(access.person_get_for(request.user, person_id), year, month)


@router.post("/missed-punches", response=MissedPunchOut, summary="上下班未刷卡補登單")
def missed_punch(request, payload: MissedPunchIn):
    form = services.missed_punch_submit(person=access.person_of(request.user), at=payload.at,
                                        direction=payload.direction, reason=payload.reason)
    return {"id": form.pk, "at": form.at, "direction": form.direction, "case_id": form.case_id}


@router.post("/imports", response=ImportOut, summary="匯入刷卡機檔案（人事、系統管理者；reader_id：依該刷卡機的檔案格式）")
def punch_import(request, file: UploadedFile = File(...), reader_id: int | None = None):
    me = access.person_of(request.user)
    if not access.roles_of(me) & {"personnel", "sysadmin"}:
        raise PermissionDenied("只有人事人員或系統管理者可以匯入刷卡檔。")
    reader = selectors.device_get_for(request.user, reader_id) if reader_id else None
    result = services.punches_import(agency=me.agency, stream=file.file, filename=file.name, imported_by=me,
                                     reader=reader)
    return {"id": result.pk, "rows": result.rows, "added": result.added, "errors": result.errors,
            "unknown": result.unknown}
