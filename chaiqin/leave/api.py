"""REST API of leave: the form (types), preview, submit, list, detail, cancel, balances.

Dates and times are accepted as people type them (`115-03-10 08:00` or `2026-03-10T08:00`);
attachments as base64 in JSON. Refusals come back as 400 {"detail", "citation"}.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date, datetime

from django.utils import timezone
from ninja import Router, Schema

from chaiqin import clock
from chaiqin.dates import DateInputError, parse_date, parse_datetime
from chaiqin.errors import ChaiqinError
from chaiqin.org import access
from chaiqin.org.models import Person
from chaiqin.org.selectors import agent_choices as choices

from . import ledger, selectors, services
from .agents import AgentPeriod
from .attachments import Upload

router = Router(tags=["請假"])


class TypeOut(Schema):
    code: str
    name: str
    hourly: bool
    calendar_days: bool
    needs_event: bool
    citation: str


class AttachmentIn(Schema):
    name: str
    content_base64: str


class AgentPeriodIn(Schema):
    agent_id: int
    start: str
    end: str


class RequestIn(Schema):
    leave_code: str
    start: str
    end: str
    agent_id: int | None = None
    reason: str = ""
    event_date: str | None = None
    attachments: list[AttachmentIn] = []
    agent_periods: list[AgentPeriodIn] = []  # further agents, each for part of the period (代理時間)


class PartOut(Schema):
    quotas: list[str]
    minutes: int
    pay: str
    explanation: str
    citation: str


class RemainingOut(Schema):
    quota: str
    before_minutes: int
    after_minutes: int


class PreviewOut(Schema):
    leave_code: str
    leave_name: str
    minutes: int
    duration: str
    pay_summary: str
    parts: list[PartOut]
    remaining: list[RemainingOut]
    left_out: list[str]


class RequestOut(Schema):
    id: int
    leave_code: str
    leave_name: str
    start: datetime
    end: datetime
    minutes: int
    cancelled_minutes: int
    status: str
    agent_id: int | None
    case_id: int | None
    reason: str
    left_out: list[str]


class CancelIn(Schema):
    start: str | None = None
    end: str | None = None
    whole: bool = False  # all that is not yet cancelled; without it, start or end must be given
    reason: str = ""


class BalanceOut(Schema):
    account: str
    name: str
    period_start: date
    period_end: date
    granted_minutes: int
    used_minutes: int
    pending_minutes: int
    reversed_minutes: int
    available_minutes: int
    available: str


def _dt(text: str | None, what: str) -> datetime | None:
    if text in (None, ""):
        return None
    try:
        moment = parse_datetime(text)
    except DateInputError as exc:
        raise ChaiqinError(f"{what}：{exc}", field=what) from None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return parse_date(text)
    except DateInputError as exc:
        raise ChaiqinError(f"事實發生日：{exc}", field="event_date") from None


def _out(req) -> dict:
    return {"id": req.pk, "leave_code": req.leave_code, "leave_name": req.leave_name, "start": req.start, "end": req.end,
            "minutes": req.minutes, "cancelled_minutes": req.cancelled_minutes, "status": req.status,
            "agent_id": req.agent_id, "case_id": req.case_id, "reason": req.reason, "left_out": req.left_out}


def _uploads(payload) -> list[Upload]:
    uploads = []
    for item in payload.attachments:
        try:
            uploads.append(Upload(item.name, base64.b64decode(item.content_base64, validate=True)))
        except (binascii.Error, ValueError):
            raise ChaiqinError(f"附件「{item.name}」不是有效的 base64 內容。", field="attachments") from None
    return uploads


def _agent(me: Person, agent_id: int | None) -> Person | None:
    if agent_id is None:
        return None
    agent = Person.objects.filter(pk=agent_id, agency_id=me.agency_id).first()
    if agent is None:
        raise ChaiqinError("職務代理人必須是本機關在職人員。", field="agent")
    return agent


@router.get("/types", response=list[TypeOut], summary="我可申請的假別")
def types(request):
    me = access.person_of(request.user)
    return [t.__dict__ for t in services.leave_types_for(me, clock.today())]


@router.post("/preview", response=PreviewOut,
             summary="試算：送出時之全部檢核（含代理人、重疊之請假、出差、居家辦公），及使用哪個額度、剩餘、給薪、不計入之日")
def preview(request, payload: RequestIn):
    me = access.person_of(request.user)
    ev = services.leave_request_preview(
        person=me, leave_code=payload.leave_code, start=_dt(payload.start, "起"), end=_dt(payload.end, "迄"),
        agent=_agent(me, payload.agent_id), event_date=_date(payload.event_date), attachments=_uploads(payload))
    return {"leave_code": ev.code, "leave_name": ev.name, "minutes": ev.minutes,
            "duration": ledger.format_minutes(ev.minutes), "pay_summary": ev.pay_summary, "parts": ev.parts,
            "remaining": [{"quota": n, "before_minutes": b, "after_minutes": a} for n, b, a in ev.remaining],
            "left_out": ev.left_out}


@router.post("/requests", response=RequestOut, summary="送出請假")
def submit(request, payload: RequestIn):
    me = access.person_of(request.user)
    uploads = _uploads(payload)
    req = services.leave_request_submit(
        person=me, leave_code=payload.leave_code, start=_dt(payload.start, "起"), end=_dt(payload.end, "迄"),
        agent=_agent(me, payload.agent_id), reason=payload.reason, event_date=_date(payload.event_date),
        attachments=uploads, more_agents=[
            AgentPeriod(_agent(me, p.agent_id), _dt(p.start, "代理時間起"), _dt(p.end, "代理時間訖"))
            for p in payload.agent_periods])
    return _out(req)


class ResubmitIn(RequestIn):
    remove_attachment_ids: list[int] = []


@router.post("/requests/{request_id}/resubmit", response=RequestOut, summary="修正被退回的請假單並重送")
def resubmit(request, request_id: int, payload: ResubmitIn):
    me = access.person_of(request.user)
    req = selectors.leave_request_get_for(request.user, request_id)
    req = services.leave_request_resubmit(
        request=req, actor=me, leave_code=payload.leave_code, start=_dt(payload.start, "起"), end=_dt(payload.end, "迄"),
        agent=_agent(me, payload.agent_id), reason=payload.reason, event_date=_date(payload.event_date),
        attachments=_uploads(payload), remove_attachments=payload.remove_attachment_ids)
    return _out(req)


@router.get("/requests", response=list[RequestOut], summary="我的請假單")
def my_requests(request, limit: int = 100):
    me = access.person_of(request.user)
    return [_out(r) for r in selectors.requests_of(me)[:max(1, min(limit, 500))]]


@router.get("/requests/{request_id}", response=RequestOut, summary="一張請假單")
def detail(request, request_id: int):
    return _out(selectors.leave_request_get_for(request.user, request_id))


@router.post("/requests/{request_id}/cancel", response=RequestOut,
             summary="銷假（全部或部分，送出銷假單依簽核流程核准）；簽核中則撤回")
def cancel(request, request_id: int, payload: CancelIn):
    me = access.person_of(request.user)
    req = selectors.leave_request_get_for(request.user, request_id)
    services.leave_request_cancel(request=req, actor=me, start=_dt(payload.start, "銷假起"),
                                  end=_dt(payload.end, "銷假迄"), whole=payload.whole, reason=payload.reason)
    req.refresh_from_db()
    return _out(req)


@router.get("/balances", response=list[BalanceOut], summary="假別餘額（本人，或可檢視之人員 person_id）")
def balances(request, person_id: int | None = None):
    target = access.person_of(request.user) if person_id is None else access.person_get_for(request.user, person_id)
    return [{"account": l.account, "name": l.name, "period_start": l.period_start, "period_end": l.period_end,
             "granted_minutes": l.granted, "used_minutes": l.used, "pending_minutes": l.pending,
             "reversed_minutes": l.reversed, "available_minutes": l.available,
             "available": ledger.format_minutes(l.available)} for l in selectors.balance_lines(target)]


class AgentChoiceOut(Schema):
    id: int
    name: str
    unit_name: str


@router.get("/agent-choices", response=list[AgentChoiceOut],
            summary="可選的職務代理人（本機關在職同仁，預設職務代理人在前；q 可搜尋姓名、員工編號或單位）")
def agent_choices(request, q: str = ""):
    me = access.person_of(request.user)
    return [{"id": p.pk, "name": p.name, "unit_name": p.unit.name} for p in choices(me, query=q.strip(), limit=200)]
