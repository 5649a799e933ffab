"""Who decides a form, in which order: agent → direct supervisor → unit head → personnel office
→ agency head for long or special forms, configurable per agency (RouteRule).

A role nobody holds is skipped; the same person is never asked twice in a row; the applicant
never decides their own form (a unit head's own leave goes to their own supervisor).
"""

from __future__ import annotations

from dataclasses import dataclass

from chaiqin.errors import ChaiqinError
from chaiqin.org.models import Person, RoleAssignment

from .models import RouteRule, Step

DEFAULT_ROLES = {
    "leave": ["agent", "supervisor", "unit_head", "personnel"],
}
FALLBACK_ROLES = ["supervisor", "unit_head", "personnel"]
DEFAULT_AGENCY_HEAD_FROM_MINUTES = {"leave": 5 * 8 * 60}  # more than 5 days of leave: 長假 to the agency head


@dataclass(frozen=True)
class PlannedStep:
    role: str
    decider: Person


def _holder(role: str, applicant: Person) -> Person | None:
    agency = applicant.agency_id
    if role == Step.Role.SUPERVISOR:
        return applicant.supervisor
    if role == Step.Role.UNIT_HEAD:
        head = applicant.unit.head
        if head is not None and head.pk == applicant.pk:
            return applicant.supervisor  # a unit head's own form goes up, never to themselves
        return head
    granted = {
        Step.Role.PERSONNEL: RoleAssignment.Role.PERSONNEL,
        Step.Role.AGENCY_HEAD: RoleAssignment.Role.AGENCY_HEAD,
        Step.Role.ETHICS: RoleAssignment.Role.ETHICS,
    }.get(role)
    if granted is None:
        raise ChaiqinError(f"簽核關卡「{role}」需要指定簽核人。")
    assignment = (
        RoleAssignment.objects.filter(agency_id=agency, role=granted)
        .exclude(person=applicant)
        .exclude(person__status=Person.Status.LEFT)
        .select_related("person")
        .order_by("pk")
        .first()
    )
    return assignment.person if assignment else None


def plan_route(
    *,
    kind: str,
    applicant: Person,
    minutes: int = 0,
    agent: Person | None = None,
    assigner: Person | None = None,
    special: bool = False,
    extra_roles: tuple[str, ...] = (),
    agents: tuple[Person, ...] | list[Person] = (),
    like: str | None = None,
) -> list[PlannedStep]:
    """The steps a new case of `kind` by `applicant` goes through.

    `agent` (代理人) is asked first when the chain has an agent step (`agents`: several agents, each
    asked in turn, for a request whose agents cover parts of its period); `extra_roles` (e.g.
    ("ethics",) for a mainland trip) are inserted before the personnel office; `special` or
    `minutes` beyond the agency's threshold add the agency head at the end.
    `like` names a kind whose chain applies when the agency set none for `kind` (銷假 follows
    the chain of leave unless the agency configured one of its own).
    Raises ChaiqinError when a step that must exist has nobody to decide it.
    """
    rule = RouteRule.objects.filter(agency_id=applicant.agency_id, kind=kind).first()
    if rule is None and like:
        kind = like
        rule = RouteRule.objects.filter(agency_id=applicant.agency_id, kind=kind).first()
    roles = rule.role_list() if rule else list(DEFAULT_ROLES.get(kind, FALLBACK_ROLES))
    threshold = rule.agency_head_from_minutes if rule and rule.agency_head_from_minutes is not None \
        else DEFAULT_AGENCY_HEAD_FROM_MINUTES.get(kind)
    for extra in extra_roles:
        if extra not in roles:
            at = roles.index("personnel") if "personnel" in roles else len(roles)
            roles.insert(at, extra)
    if (special or (threshold is not None and minutes > threshold)) and "agency_head" not in roles:
        roles.append("agency_head")

    planned: list[PlannedStep] = []
    for role in roles:
        if role == Step.Role.AGENT and len(agents) > 1:
            planned.extend(PlannedStep(role, a) for a in agents if a.pk != applicant.pk)
            continue
        if role == Step.Role.AGENT:
            agent = agent or (agents[0] if agents else None)
            if agent is None:
                continue
            decider = agent
        elif role == Step.Role.ASSIGNER:
            if assigner is None:
                continue
            decider = assigner
        else:
            decider = _holder(role, applicant)
        if decider is None or decider.pk == applicant.pk:
            if role in (Step.Role.PERSONNEL, Step.Role.ETHICS):
                label = dict(Step.Role.choices)[role]
                raise ChaiqinError(f"本機關尚未指派{label}，無法送出：請洽人事室設定角色。")
            continue
        if planned and planned[-1].decider.pk == decider.pk:
            continue
        planned.append(PlannedStep(role, decider))
    if not planned:
        raise ChaiqinError("找不到可簽核此表單的主管：請洽人事室設定直屬主管或單位主管。")
    return planned
