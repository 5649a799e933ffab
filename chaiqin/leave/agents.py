"""Several agents for one leave request, each for a period (代理時間), checked and saved with it.

The request's `agent` is the first and covers the whole leave; each AgentPeriod names another
colleague for part of it (seed 002, 出國申請單: 職務代理人 … 代理時間 起/訖, 新增區間). Called by the
leave services inside their transaction; refusals are ChaiqinError naming the span.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Sequence

from chaiqin.dates import format_roc_datetime
from chaiqin.errors import ChaiqinError
from chaiqin.org.models import Person
from chaiqin.workflow import occupancy

from .models import AgentSpan, LeaveRequest

MAX_SPANS = 4


@dataclass(frozen=True)
class AgentPeriod:
    agent: Person
    start: datetime
    end: datetime


def check_periods(person: Person, first: Person | None, periods: Sequence[AgentPeriod], start: datetime,
                  end: datetime) -> None:
    """Each further agent: a serving colleague, not the applicant, free during their span, which lies
    inside the leave [start, end) and overlaps no other span."""
    if not periods:
        return
    if first is None:
        raise ChaiqinError("請先指定第一位職務代理人，再新增分段代理。", field="agent", code="agent")
    if len(periods) > MAX_SPANS:
        raise ChaiqinError(f"分段職務代理人最多 {MAX_SPANS} 段。", field="agent", code="agent")
    ordered = sorted(periods, key=lambda p: p.start)
    for i, p in enumerate(ordered):
        when = f"{format_roc_datetime(p.start)} 至 {format_roc_datetime(p.end)}"
        if p.agent.pk == person.pk:
            raise ChaiqinError("職務代理人不能是自己。", field="agent", code="agent")
        if p.agent.agency_id != person.agency_id or p.agent.status != Person.Status.ACTIVE:
            raise ChaiqinError(f"{p.agent.name}不是本機關在職人員，不能代理。", field="agent", code="agent")
        if p.end <= p.start:
            raise ChaiqinError(f"{p.agent.name}的代理時間訖必須晚於起（{when}）。", field="agent", code="agent")
        if p.start < start or p.end > end:
            raise ChaiqinError(f"{p.agent.name}的代理時間（{when}）必須在請假期間之內。", field="agent", code="agent")
        if i and p.start < ordered[i - 1].end:
            raise ChaiqinError(f"{p.agent.name}與{ordered[i - 1].agent.name}的代理時間重疊，每段只能有一位代理人。",
                               field="agent", code="agent")
        clash = occupancy.busy_between(p.agent, p.start, p.end)
        if clash:
            raise ChaiqinError(f"職務代理人{p.agent.name}於{format_roc_datetime(clash[0].start)}起亦有{clash[0].label}，"
                               "無法代理。", field="agent", code="agent")


def save_periods(request: LeaveRequest, periods: Sequence[AgentPeriod]) -> list[AgentSpan]:
    """Replace the request's spans with `periods` (in time order)."""
    AgentSpan.objects.filter(request=request).delete()
    return AgentSpan.objects.bulk_create([
        AgentSpan(request=request, agent=p.agent, start=p.start, end=p.end, order=i)
        for i, p in enumerate(sorted(periods, key=lambda p: p.start), start=1)])


def deciders(first: Person | None, periods: Sequence[AgentPeriod]) -> list[Person]:
    """The agents asked in turn: the first, then each further one (each once)."""
    found: list[Person] = [first] if first is not None else []
    for p in sorted(periods, key=lambda p: p.start):
        if all(p.agent.pk != a.pk for a in found):
            found.append(p.agent)
    return found
