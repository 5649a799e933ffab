"""REST API of the organisation for the personnel office: people and units of the agencies where
the caller holds the personnel role (人事). Outside them: 404; without the role: 403.

Every write goes through `org.staffing` (in a transaction, in the trail). The staff import adds
its route to this router.
"""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from chaiqin.dates import DateInputError, parse_date
from chaiqin.errors import ChaiqinError
from chaiqin.org import access, staffing
from chaiqin.org.models import Person, Unit

from .schemas import StaffOut

router = Router(tags=["人事管理"])
SEARCH_LIMIT = 200


class PersonIn(Schema):
    employee_no: str
    name: str
    gender: str
    post: str
    title: str = ""
    unit_id: int
    hire_date: str
    supervisor_id: int | None = None
    email: str = ""
    card_no: str = ""
    username: str = ""


class PersonPatch(Schema):
    employee_no: str | None = None
    name: str | None = None
    gender: str | None = None
    post: str | None = None
    title: str | None = None
    unit_id: int | None = None
    hire_date: str | None = None
    supervisor_id: int | None = None
    email: str | None = None
    card_no: str | None = None


class UnitOut(Schema):
    id: int
    agency_id: int
    name: str
    head_id: int | None
    sort_order: int


def _date(text: str):
    try:
        return parse_date(text)
    except DateInputError as exc:
        raise ChaiqinError(f"到職日期：{exc}", field="hire_date") from None


def _choice(value: str, choices, what: str) -> str:
    if value not in choices.values:
        allowed = "、".join(f"{v}（{label}）" for v, label in choices.choices)
        raise ChaiqinError(f"{what}「{value}」不在可用的選項中：{allowed}。", field=what)
    return value


def _in_scope(model, pk: int, agencies: set[int], what: str):
    """A unit or supervisor named in a body: one of the caller's agencies, else 400 naming it."""
    found = model.objects.filter(pk=pk, agency_id__in=agencies).first()
    if found is None:
        raise ChaiqinError(f"{what}（編號 {pk}）不屬於您管理的機關。", field=what)
    return found


@router.get("/people", response=list[StaffOut], summary="人員查詢（人事人員，限本機關）")
def people(request, q: str = ""):
    _viewer, agencies = access.console_viewer(request.user)
    rows = Person.objects.filter(agency_id__in=agencies).select_related("agency", "unit")
    if q.strip():
        q = q.strip()
        rows = rows.filter(Q(name__contains=q) | Q(employee_no__startswith=q) | Q(unit__name__contains=q))
    return list(rows.order_by("agency__code", "unit__sort_order", "employee_no")[:SEARCH_LIMIT])


@router.post("/people", response={201: StaffOut}, summary="新增人員（人事人員）")
def person_create(request, body: PersonIn):
    viewer, agencies = access.console_viewer(request.user)
    unit = _in_scope(Unit, body.unit_id, agencies, "單位")
    supervisor = _in_scope(Person, body.supervisor_id, {unit.agency_id}, "直屬主管") if body.supervisor_id else None
    person = staffing.staff_create(
        actor=viewer, unit=unit, employee_no=body.employee_no.strip(), name=body.name.strip(),
        gender=_choice(body.gender, Person.Gender, "性別"), post=_choice(body.post, Person.Post, "職務類型"),
        hire_date=_date(body.hire_date), title=body.title.strip(), supervisor=supervisor, email=body.email.strip(),
        card_no=body.card_no.strip(), username=body.username.strip())
    return Status(201, Person.objects.select_related("agency", "unit").get(pk=person.pk))


@router.patch("/people/{person_id}", response=StaffOut, summary="修改人員資料、調動單位（人事人員）")
def person_update(request, person_id: int, body: PersonPatch):
    viewer, _agencies = access.console_viewer(request.user)
    person = access.console_get_for(request.user, Person.objects.all(), person_id)
    data = body.dict(exclude_unset=True)
    unit_id = data.pop("unit_id", None)
    changes = {}
    for field, value in data.items():
        if field == "hire_date":
            changes[field] = _date(value)
        elif field == "supervisor_id":
            changes["supervisor"] = _in_scope(Person, value, {person.agency_id}, "直屬主管") if value else None
        elif field == "gender":
            changes[field] = _choice(value, Person.Gender, "性別")
        elif field == "post":
            changes[field] = _choice(value, Person.Post, "職務類型")
        elif value is not None:
            changes[field] = value.strip()
    unit = _in_scope(Unit, unit_id, {person.agency_id}, "單位") if unit_id is not None else None
    staffing.staff_change(actor=viewer, person=person, unit=unit, **changes)
    return get_object_or_404(Person.objects.select_related("agency", "unit"), pk=person.pk)


@router.get("/units", response=list[UnitOut], summary="單位（人事人員，限本機關）")
def units(request):
    _viewer, agencies = access.console_viewer(request.user)
    return list(Unit.objects.filter(agency_id__in=agencies).order_by("agency_id", "sort_order", "name"))
