from datetime import datetime

from ninja import Router, Schema

from chaiqin.org import access

from . import registry, selectors, services

router = Router(tags=["簽核"])


class InboxItem(Schema):
    case_id: int
    kind: str
    kind_label: str
    title: str
    applicant: str
    role: str
    created_at: datetime


class CaseOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    applicant_id: int


class DecisionIn(Schema):
    decision: str
    comment: str = ""


@router.get("/inbox", response=list[InboxItem], summary="待我簽核")
def inbox(request):
    me = access.person_of(request.user)
    return [
        {"case_id": s.case_id, "kind": s.case.kind, "kind_label": registry.label_of(s.case.kind),
         "title": s.case.title, "applicant": s.case.applicant.name, "role": s.role, "created_at": s.case.created_at}
        for s in selectors.inbox(me)
    ]


@router.post("/cases/{case_id}/decide", response=CaseOut, summary="簽核：approve / return / reject")
def decide(request, case_id: int, payload: DecisionIn):
    me = access.person_of(request.user)
    case = selectors.case_get_for(request.user, case_id)
    return services.case_decide(case=case, actor=me, decision=payload.decision, comment=payload.comment)


@router.post("/cases/{case_id}/withdraw", response=CaseOut, summary="申請人撤回")
def withdraw(request, case_id: int):
    me = access.person_of(request.user)
    case = selectors.case_get_for(request.user, case_id)
    return services.case_withdraw(case=case, actor=me)
