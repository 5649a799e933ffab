"""The REST API (OpenAPI at /api/docs). Thin: parse, check permission, call a selector or service.

Two ways in, both in the OpenAPI schema: the browser session (with CSRF) for the web pages' own
calls, and API tokens (`Authorization: Bearer`, chaiqin/tokens) for other systems and scripts;
device tokens come with the card-reader endpoints. Errors come out in one shape: {"detail": "...", "citation": "..."}.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from chaiqin import rules
from chaiqin.apierrors import validation_detail
from chaiqin.apiparser import BoundedDatesParser
from chaiqin.calendar import selectors as office_calendar
from chaiqin.errors import ChaiqinError
from chaiqin.org.wording import in_own_words
from chaiqin.org import access
from chaiqin.org.schemas import AgencyOut, PersonOut  # noqa: F401 - AgencyOut stays importable from here
from chaiqin.tokens.auth import ApiTokenAuth, BrowserSession
from chaiqin.tokens.services import TokenRefused

# The bearer token first: a request that carries one is judged by it alone.
api = NinjaAPI(title="chaiqin 差勤系統 API", version="1", auth=[ApiTokenAuth(), BrowserSession()],
               urls_namespace="api", parser=BoundedDatesParser())


# The staff import before the rest of /org: its literal path must not be taken for a person's id.
api.add_router("/org", "chaiqin.org.import_api.router")
# Attendance first: URL resolution tries the routes in this order, and the card readers' punch is
# the busiest call of the morning.
for _prefix in ("attendance", "workflow", "leave", "overtime", "wfh", "trips", "compliance", "org", "tokens",
                "phrases"):
    api.add_router(f"/{_prefix}", f"chaiqin.{_prefix}.api.router")
# A worker's days off (勞動基準法第36條、第30條之1): overtime/days_off_api.py.
api.add_router("/overtime/days-off", "chaiqin.overtime.days_off_api.router")
api.add_router("/payroll", "chaiqin.payroll.api.router")
api.add_router("/reports", "chaiqin.payroll.api.reports_router")


@api.exception_handler(ChaiqinError)
def _chaiqin_error(request, exc: ChaiqinError):
    person = getattr(getattr(request, "user", None), "person", None)
    message, citation = exc.message, exc.citation
    if person is not None:  # the agency's own rule (本機關…) cited in its own word, as the pages write it
        citation = in_own_words(citation, person.agency)
    return api.create_response(request, {"detail": message, "citation": citation}, status=400)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    # The parser's refusal (apiparser: a date out of range) reaches here wrapped by Ninja as
    # "Cannot parse request body": answer with the refusal itself.
    if isinstance(exc.__cause__, ChaiqinError):
        return _chaiqin_error(request, exc.__cause__)
    if isinstance(exc.__cause__, ValueError):  # json.JSONDecodeError, or a body in another encoding
        return api.create_response(request, {"detail": "請求內容不是有效的 JSON。", "citation": ""}, status=400)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    # Pydantic's English list becomes one Chinese sentence per field, in the one error shape.
    return api.create_response(request, {"detail": validation_detail(exc.errors), "citation": ""}, status=422)


@api.exception_handler(PermissionDenied)
def _permission_denied(request, exc: PermissionDenied):
    # A missing role: 403 in the API's one error shape (the reason in Chinese), not Django's HTML page.
    return api.create_response(request, {"detail": str(exc) or "您沒有執行此操作的權限。", "citation": ""}, status=403)


@api.exception_handler(TokenRefused)
def _token_refused(request, exc: TokenRefused):
    return api.create_response(request, {"detail": exc.message, "citation": ""}, status=exc.status)


@api.exception_handler(AuthenticationError)
def _not_authenticated(request, exc: AuthenticationError):
    return api.create_response(request, {"detail": "請先登入，或以 Authorization: Bearer 標頭提供有效的 API 權杖。",
                                         "citation": ""}, status=401)


@api.exception_handler(rules.RuleInputError)
def _rule_input_error(request, exc: rules.RuleInputError):
    return api.create_response(request, {"detail": str(exc), "citation": ""}, status=400)


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
