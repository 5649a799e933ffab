"""Office settings changed from the personnel console: approval chains, the office calendar and
closures. Each checks the actor's personnel role, calls the owning app's write (or makes the one
write a chain needs), and records it in the personnel office's trail (org.OrgEvent), in one
transaction. People, units, roles and log-ins are written by `chaiqin.org.staffing`."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from chaiqin.calendar import services as calendar
from chaiqin.calendar.models import CalendarDay, Closure
from chaiqin.dates import format_roc
from chaiqin.errors import ChaiqinError
from chaiqin.org.models import Agency, Person
from chaiqin.org.staffing import audit, require_personnel
from chaiqin.workflow import registry
from chaiqin.workflow.models import RouteRule, Step

# Which step roles a chain may list: the agent and the assigner are named on each form, the rest
# are found from the organisation (workflow.routing).
CHAIN_ROLES = [Step.Role.AGENT, Step.Role.SUPERVISOR, Step.Role.UNIT_HEAD, Step.Role.ETHICS, Step.Role.PERSONNEL,
               Step.Role.AGENCY_HEAD]


@transaction.atomic
def route_rule_set(*, actor: Person, agency: Agency, kind: str, roles: list[str],
                   agency_head_from_minutes: int | None) -> RouteRule:
    """Set the chain of `kind` forms in `agency` (簽核流程): the roles in order, and from how many minutes
    the agency head also decides (empty: the system's default)."""
    require_personnel(actor, agency)
    try:
        label = registry.form_kind(kind).label
    except LookupError:
        raise ChaiqinError("未知的表單類別。", field="kind") from None
    unknown = [r for r in roles if r not in CHAIN_ROLES]
    if unknown or not roles:
        raise ChaiqinError("簽核流程至少要有一個關卡，且只能使用列出的關卡。", field="roles")
    if len(set(roles)) != len(roles):
        raise ChaiqinError("同一關卡不可重複列出。", field="roles")
    rule, _ = RouteRule.objects.update_or_create(
        agency=agency, kind=kind,
        defaults={"roles": ",".join(roles), "agency_head_from_minutes": agency_head_from_minutes})
    names = "→".join(str(Step.Role(r).label) for r in roles)
    audit(agency=agency, actor=actor, action="route_rule", note=f"{label}簽核流程：{names}")
    return rule


@transaction.atomic
def route_rule_reset(*, actor: Person, agency: Agency, kind: str) -> None:
    """Back to the system's default chain for `kind`."""
    require_personnel(actor, agency)
    RouteRule.objects.filter(agency=agency, kind=kind).delete()
    audit(agency=agency, actor=actor, action="route_rule", note=f"{registry.label_of(kind)}簽核流程恢復預設")


@transaction.atomic
def closure_declare(*, actor: Person, agency: Agency, day: date, part: str, reason: str, declared_by: str) -> Closure:
    require_personnel(actor, agency)
    closure = calendar.closure_declare(agency=agency, day=day, part=part, reason=reason, declared_by=declared_by,
                                       created_by=actor)
    audit(agency=agency, actor=actor, action="closure",
          note=f"{format_roc(day)} {closure.get_part_display()}停止上班（{closure.reason}，{closure.declared_by}）")
    return closure


@transaction.atomic
def closure_withdraw(*, actor: Person, agency: Agency, day: date) -> None:
    require_personnel(actor, agency)
    if not calendar.closure_withdraw(agency=agency, day=day):
        raise ChaiqinError(f"{format_roc(day)} 沒有登錄停止上班。", field="day")
    audit(agency=agency, actor=actor, action="closure_withdraw", note=f"撤銷 {format_roc(day)} 停止上班")


@transaction.atomic
def office_day_set(*, actor: Person, agency: Agency, day: date, kind: str, name: str = "") -> CalendarDay:
    """An agency-only calendar day (e.g. a school's 校慶補假); nationwide days come from the DGPA file."""
    require_personnel(actor, agency)
    if kind not in CalendarDay.Kind.values:
        raise ChaiqinError("未知的日曆類別。", field="kind")
    row = calendar.calendar_day_set(day=day, kind=kind, name=name, agency=agency)
    audit(agency=agency, actor=actor, action="calendar_day",
          note=f"{format_roc(day)} 設為{row.get_kind_display()}{('（' + name + '）') if name else ''}")
    return row


@transaction.atomic
def office_day_clear(*, actor: Person, agency: Agency, day: date) -> None:
    require_personnel(actor, agency)
    deleted, _ = CalendarDay.objects.filter(agency=agency, date=day).delete()
    if not deleted:
        raise ChaiqinError(f"{format_roc(day)} 沒有本機關自訂的日曆設定。", field="day")
    audit(agency=agency, actor=actor, action="calendar_day_clear", note=f"取消 {format_roc(day)} 的本機關日曆設定")
