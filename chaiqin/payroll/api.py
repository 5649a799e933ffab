"""REST API of the payroll app: wage rows (personnel office, accounting, the person) and the
reports (`/api/reports/...`): the attendance summary and the monthly overtime pay. Scoped:
a unit or person outside the viewer's reach answers 404, a missing role 403."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.http import Http404
from ninja import Router, Schema
from ninja.errors import HttpError

from chaiqin.errors import ChaiqinError
from chaiqin.org import access as org_access
from chaiqin.org.models import Person, Unit

from . import access, selectors, sheets, statistics

router = Router(tags=["薪資"])
reports_router = Router(tags=["統計報表"])


class WageOut(Schema):
    id: int
    person_id: int
    valid_from: date
    valid_to: date | None
    basis: str
    salary: Decimal
    professional: Decimal
    supervisory: Decimal
    single_pay: Decimal
    monthly_wage: Decimal
    hourly_wage: Decimal


@router.get("/people/{person_id}/wages", response=list[WageOut], summary="某人的薪資資料（人事、主計及本人）")
def wages(request, person_id: int):
    person = access.wage_person_get_for(request.user, person_id)
    return list(selectors.wage_rows_of(person))


def _check_year(year: int, month: int | None = None) -> None:
    if not (1950 <= year <= 2100) or (month is not None and not 1 <= month <= 12):
        raise ChaiqinError("年份須在1950至2100年之間，月份須在1至12月之間。")


def _unit_people(people, unit_id: int | None):
    if unit_id is None:
        return people
    if not Unit.objects.filter(pk=unit_id, people__in=people.values("pk")).exists():
        raise Http404("查無此單位，或您沒有檢視權限。")
    return people.filter(unit_id=unit_id)


def statistics_people(me):
    """Everyone `me` may see (chaiqin.org.access) and, for the wage offices, their people."""
    seen = Q(pk__in=org_access.visible_people(me).values("pk"))
    if access.is_wage_office(me):
        seen |= Q(pk__in=access.wage_people(me).values("pk"))
    return Person.objects.filter(seen)


def report_scope(request, *, wages: bool):
    """The people a report may cover: the wage office's (pay) or everyone the viewer may see
    beyond themselves (attendance). 403 for an employee without any such role."""
    me = org_access.person_of(request.user)
    if wages:
        if not access.is_wage_office(me):
            raise HttpError(403, "加班費清冊限人事人員及主計人員檢視。")
        return access.wage_people(me)
    if org_access.roles_of(me) == {"employee"}:
        raise HttpError(403, "差勤統計限主管、人事人員及主計人員檢視。")
    return statistics_people(me)


class SummaryOut(Schema):
    person_id: int
    employee_no: str
    name: str
    unit_name: str
    leave_minutes: dict[str, int]
    late_count: int
    late_minutes: int
    early_leave_count: int
    early_leave_minutes: int
    absent_minutes: int
    missed_punch_count: int
    overtime_minutes: int
    overtime_paid_minutes: int
    overtime_comp_minutes: int
    comp_time_earned_minutes: int
    comp_time_used_minutes: int
    comp_time_expired_minutes: int


@reports_router.get("/attendance-summary/{year}", response=list[SummaryOut],
                    summary="差勤統計（一人一列；月份省略時為全年）")
def attendance_summary(request, year: int, month: int | None = None, unit_id: int | None = None):
    _check_year(year, month)
    people = _unit_people(report_scope(request, wages=False), unit_id)
    period = statistics.month_period(year, month) if month else statistics.year_period(year)
    return [f.as_api() for f in statistics.attendance_summary(people, period)]


class PayRowOut(Schema):
    person_id: int
    employee_no: str
    name: str
    unit_name: str
    hours: dict[str, Decimal]
    hourly_base: Decimal | None
    amount: Decimal
    missing_wage_days: list[date]


class PayTotalsOut(Schema):
    people: int
    hours: dict[str, Decimal]
    amount: Decimal


class PaySheetOut(Schema):
    year: int
    month: int
    rows: list[PayRowOut]
    totals: PayTotalsOut


def _hours(minutes: dict) -> dict[str, Decimal]:
    return {k: sheets.hours(minutes.get(k, 0)) for k in sheets.KINDS}


@reports_router.get("/overtime-pay/{year}/{month}", response=PaySheetOut, summary="月加班費（加班費印領清冊）")
def overtime_pay(request, year: int, month: int, unit_id: int | None = None):
    _check_year(year, month)
    people = _unit_people(report_scope(request, wages=True), unit_id)
    sheet = sheets.overtime_pay_sheet(people, year, month)
    rows = [{"person_id": line.person.pk, "employee_no": line.person.employee_no, "name": line.person.name,
             "unit_name": line.person.unit.name, "hours": _hours(line.minutes), "hourly_base": line.hourly_base,
             "amount": line.amount, "missing_wage_days": line.missing_wage_days} for line in sheet.lines]
    return {"year": year, "month": month, "rows": rows,
            "totals": {"people": len(rows), "hours": _hours(sheet.minutes), "amount": sheet.amount}}
