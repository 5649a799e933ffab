"""Demo records of leave: an approved two-day 事假 of the county's employee (one day since
cancelled), a pending half day of 病假, a colleague's approved 休假, and comp time for the
employee; the teacher's pending 事假. Idempotent: loads once."""

from __future__ import annotations

from datetime import datetime, timedelta

from chaiqin import clock
from chaiqin.dates import TAIPEI
from chaiqin.errors import ChaiqinError
from chaiqin.org.models import Person
from chaiqin.workflow import services as workflow
from chaiqin.workflow.models import Step

from . import ledger, services
from .models import LeaveRequest


def _weekday(days_ahead: int, weekday: int):
    day = clock.today() + timedelta(days=days_ahead)
    while day.weekday() != weekday:
        day += timedelta(days=1)
    return day


def _at(day, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=TAIPEI).replace(hour=hour, minute=minute)


def _agent(person: Person) -> Person | None:
    return (Person.objects.filter(unit_id=person.unit_id, status=Person.Status.ACTIVE).exclude(pk=person.pk)
            .exclude(user__username__in=["supervisor", "personnel", "admin"]).order_by("employee_no").first())


def _approve(req) -> None:
    case = req.case
    for _ in range(10):
        case.refresh_from_db()
        if case.status != "pending":
            return
        step = case.steps.get(status=Step.Status.CURRENT)
        workflow.case_decide(case=case, actor=step.decider, decision="approve", comment="示範：同意")


def demo_load() -> str:
    if LeaveRequest.objects.exists():
        return ""
    made = 0
    employee = Person.objects.filter(user__username="employee").first()
    teacher = Person.objects.filter(user__username="teacher").first()
    try:
        if employee is not None and (agent := _agent(employee)):
            day = _weekday(2, 3)  # a Thursday, away from the trips demo's Tuesdays
            req = services.leave_request_submit(person=employee, leave_code="personal", start=_at(day, 8),
                                                end=_at(day + timedelta(days=1), 17), agent=agent, reason="家中有事")
            _approve(req)
            cancel = services.leave_request_cancel(request=req, actor=employee, start=_at(day + timedelta(days=1), 8),
                                                   end=_at(day + timedelta(days=1), 17), reason="事情提前處理完畢")
            _approve(cancel)
            sick = _weekday(9, 0)
            services.leave_request_submit(person=employee, leave_code="sick", start=_at(sick, 13),
                                          end=_at(sick, 17), agent=agent, reason="門診")
            ledger.comp_time_grant(person=employee, minutes=240, earned_on=clock.today() - timedelta(days=20),
                                   expires_on=clock.today() + timedelta(days=345), note="示範：加班4小時選擇補休")
            colleague_day = _weekday(3, 4)
            colleague = agent
            other = _agent(colleague) if _agent(colleague) and _agent(colleague).pk != employee.pk else employee
            req2 = services.leave_request_submit(person=colleague, leave_code="annual", start=_at(colleague_day, 8),
                                                 end=_at(colleague_day, 17), agent=other, reason="休假")
            _approve(req2)
            made += 3
        if teacher is not None and (agent := _agent(teacher)):
            day = _weekday(5, 2)
            services.leave_request_submit(person=teacher, leave_code="personal", start=_at(day, 8),
                                          end=_at(day, 12, 30), agent=agent, reason="辦理戶籍事務")
            made += 1
    except ChaiqinError as exc:
        return f"請假示範資料部分載入（{exc.message}）"
    return f"請假：已建立 {made} 筆示範請假單（含核准、部分銷假、簽核中）與補休額度。" if made else ""
