"""The REST API (OpenAPI at /api/docs). Thin: parse, check permission, call a selector or service.

Session authentication (with CSRF) for the web pages' own calls; device tokens come with the
card-reader endpoints. Errors come out in one shape: {"detail": "...", "citation": "..."}.
"""

from __future__ import annotations

from datetime import date

from django.http import Http404
from ninja import NinjaAPI, Schema
from ninja.security import django_auth

from chaiqin import rules
from chaiqin.calendar import selectors as office_calendar
from chaiqin.errors import ChaiqinError
from chaiqin.org import access

api = NinjaAPI(title="chaiqin 差勤系統 API", version="1", auth=django_auth, urls_namespace="api")


# Attendance first: URL resolution tries the routes in this order, and the card readers' punch is
# the busiest call of the morning.
for _prefix in ("attendance", "workflow", "leave", "overtime", "wfh", "trips", "compliance"):
    api.add_router(f"/{_prefix}", f"chaiqin.{_prefix}.api.router")
api.add_router("/payroll", "chaiqin.payroll.api.router")
api.add_router("/reports", "chaiqin.payroll.api.reports_router")


@api.exception_handler(ChaiqinError)
def _chaiqin_error(request, exc: ChaiqinError):
    return api.create_response(request, {"detail": exc.message, "citation": exc.citation}, status=400)


@api.exception_handler(rules.RuleInputError)
def _rule_input_error(request, exc: rules.RuleInputError):
    return api.create_response(request, {"detail": str(exc), "citation": ""}, status=400)


class AgencyOut(Schema):
    id: int
    code: str
    name: str


class PersonOut(Schema):
    id: int
    employee_no: str
    name: str
    gender: str
    regime: str
    post: str
    title: str
    hire_date: date
    status: str
    agency: AgencyOut
    unit_name: str
    supervisor_id: int | None

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.unit.name


class MeOut(PersonOut):
    roles: list[str]

    @staticmethod
    def resolve_roles(obj) -> list[str]:
        return sorted(access.roles_of(obj))


class DayOut(Schema):
    date: date
    is_workday: bool
    kind: str
    name: str


class LeaveTypeOut(Schema):
    code: str
    name: str
    quota_days: str | None
    period: str
    pay: str
    counts_into: str | None
    citation: str

    @staticmethod
    def resolve_quota_days(obj) -> str | None:
        return None if obj.quota_days is None else str(obj.quota_days)


@api.get("/me", response=MeOut, summary="目前登入者")
def me(request):
    return access.person_of(request.user)


@api.get("/people/{person_id}", response=PersonOut, summary="人員資料（僅限有權檢視者）")
def person(request, person_id: int):
    return access.person_get_for(request.user, person_id)


@api.get("/calendar/{year}/{month}", response=list[DayOut], summary="本機關某月的辦公日曆")
def month_calendar(request, year: int, month: int):
    if not (1912 <= year <= 2100 and 1 <= month <= 12):
        raise Http404("年份或月份超出範圍。")
    agency = access.person_of(request.user).agency
    return [
        {"date": d.date, "is_workday": d.is_workday, "kind": d.kind, "name": d.name or ""}
        for d in office_calendar.month_days(agency, year, month)
    ]


@api.get("/rules/leave-types", response=list[LeaveTypeOut], auth=None, summary="某人員類別在某日適用的假別")
def leave_types(request, regime: str, on: date | None = None):
    return rules.leave_types(regime, on=on or date.today())
