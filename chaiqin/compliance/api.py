"""REST API of the personnel office's duties: survey answers, roll-up, protections, travel card.
Thin: the same selectors and services as the pages."""

from __future__ import annotations

from datetime import date, time

from django.http import Http404
from ninja import Router, Schema

from chaiqin.errors import ChaiqinError
from chaiqin.org import access

from . import selectors, services

router = Router(tags=["人事業務"])


def _personnel(request):
    me = access.person_of(request.user)
    agency = selectors.personnel_agency(me)
    if agency is None:
        raise Http404("此功能僅限人事人員。")
    return me, agency


class AnswerIn(Schema):
    answer: str
    reason: str = ""
    evidence: str = ""


class ProtectionIn(Schema):
    kind: str
    start: date
    end: date | None = None
    child_birth_date: date | None = None
    known_on: date | None = None
    note: str = ""


class ChildcareIn(Schema):
    child_birth_date: date
    mode: str
    start: date
    end: date
    reduce_at: str = "end"  # 每天減少一小時: "end" 下班提前 or "start" 上班延後
    work_start: time | None = None  # 調整工作時間: the adjusted hours
    work_end: time | None = None
    reason: str = ""


def _survey_json(view):
    return {
        "agency": view.agency.code, "year": view.year, "headcount": view.headcount,
        "headcount_date": view.headcount_date, "completed": view.completed, "open_items": view.open_numbers,
        "items": [{"number": i.number, "title": i.title, "citation": i.citation, "reverse": i.reverse,
                   "applies": i.applies, "derived": i.derived, "evidence": i.evidence, "answer": i.effective,
                   "source": i.stored.source if i.stored else None, "completed": i.completed} for i in view.items],
    }


def _year(year: int) -> int:
    """A year in a path, ROC (1–188) or Gregorian (1912–2099); anything else is refused in Chinese."""
    if not (1 <= year <= 188 or 1912 <= year <= 2099):
        raise ChaiqinError(f"年度「{year}」超出範圍，請以民國（如 115）或西元（如 2026）年填寫。", field="year")
    return year


@router.get("/survey/{year}")
def survey_get(request, year: int):
    year = _year(year)
    _, agency = _personnel(request)
    return _survey_json(selectors.survey_view(agency, year))


@router.put("/survey/{year}/{number}")
def survey_answer(request, year: int, number: int, payload: AnswerIn):
    year = _year(year)
    me, agency = _personnel(request)
    row = services.survey_answer_set(agency=agency, year=selectors.roc_year(year), number=number, actor=me,
                                     answer=payload.answer, reason=payload.reason, evidence=payload.evidence)
    return {"number": row.number, "answer": row.answer, "source": row.source}


@router.get("/rollup/{year}")
def rollup_get(request, year: int):
    year = _year(year)
    _, agency = _personnel(request)
    r = selectors.rollup(agency, year)
    return {"year": r.year, "total": r.achievement.total, "completed": r.achievement.completed,
            "rate": str(r.achievement.rate), "citation": r.achievement.citation,
            "agencies": [{"code": a.code, "name": a.name, "completed": v.completed, "open_items": v.open_numbers}
                         for a, v in r.rows]}


@router.get("/protections")
def protections_get(request):
    me = access.person_of(request.user)
    return [{"id": s.pk, "kind": s.kind, "start": s.start, "end": s.end} for s in me.protections.all()]


@router.post("/protections")
def protections_post(request, payload: ProtectionIn):
    me = access.person_of(request.user)
    s = services.protection_mark(person=me, actor=me, **payload.dict())
    return {"id": s.pk, "kind": s.kind, "start": s.start, "end": s.end}


@router.post("/childcare")
def childcare_post(request, payload: ChildcareIn):
    me = access.person_of(request.user)
    f = services.childcare_request_submit(person=me, **payload.dict())
    return {"id": f.pk, "case": f.case_id, "status": f.status}


@router.get("/travel-card/{year}")
def travel_card_get(request, year: int):
    year = _year(year)
    me = access.person_of(request.user)
    c = selectors.travel_card(me, year)
    if not c.subsidy:
        return {"year": c.year, "eligible": c.eligible, "note": c.note}
    return {"year": c.year, "eligible": True, "entitled_days": str(c.entitled), "total": str(c.subsidy.total),
            "self_use": str(c.subsidy.self_use), "tourism": str(c.subsidy.tourism), "basis": c.subsidy.basis,
            "all_self_use": c.self_use is not None,
            "compulsory_required": str(c.compulsory.required),
            "compulsory_owed": str(c.compulsory.owed) if c.taken_known else None, "note": c.note}
