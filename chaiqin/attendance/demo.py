"""Demo data: a month of punches for every punching person (up to yesterday), and a few
overtime requests by the demo employee, so the attendance and overtime pages are not empty.
Idempotent: punches have a natural key; overtime is added only once."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from chaiqin import clock
from chaiqin.calendar import selectors as office_calendar
from chaiqin.dates import TAIPEI
from chaiqin.org.models import Person
from chaiqin.overtime import services as overtime
from chaiqin.overtime.models import OvertimeRequest
from chaiqin.workflow import services as workflow

from . import services


def demo_load() -> str:
    today = clock.today()
    start = today - timedelta(days=30)
    rng = random.Random(115)
    rows = []
    people = Person.objects.filter(status=Person.Status.ACTIVE).exclude(post=Person.Post.TEACHER).select_related("agency")
    workdays: dict[int, list] = {}
    for person in people:
        days = workdays.setdefault(person.agency_id, office_calendar.workdays_between(person.agency, start, today - timedelta(days=1)))
        for day in days:
            roll = rng.random()
            if roll < 0.02:
                continue  # absent or on leave not filed: shows as 曠職
            arrive = datetime.combine(day, time(7, 40), tzinfo=TAIPEI) + timedelta(minutes=rng.randint(0, 60))
            rows.append((person.pk, arrive))
            if roll < 0.05:
                continue  # forgot to clock out
            rows.append((person.pk, arrive + timedelta(hours=9, minutes=rng.randint(0, 40))))
    added = services.punches_bulk(rows)
    made = _overtime(today)
    return f"出勤：新增刷卡 {added} 筆；加班申請 {made} 件"


def _overtime(today) -> int:
    employee = Person.objects.filter(user__username="employee").first()
    if employee is None or OvertimeRequest.objects.filter(applicant=employee).exists():
        return 0
    made = 0
    for offset, reason, approve in ((-6, "議會質詢資料彙整", True), (-2, "預算書校對", True), (3, "年度決算報告", False)):
        day = today + timedelta(days=offset)
        slots = [overtime.PlannedSlot(employee, datetime.combine(day, time(18), tzinfo=TAIPEI),
                                      datetime.combine(day, time(20, 30), tzinfo=TAIPEI))]
        try:
            req = overtime.overtime_request_submit(applicant=employee, reason=reason, work_items=reason, slots=slots)
        except Exception:  # noqa: BLE001 - a demo request that the caps refuse is simply left out
            continue
        made += 1
        if approve:
            for step in req.case.steps.order_by("order"):
                workflow.case_decide(case=req.case, actor=step.decider, decision="approve")
    return made
