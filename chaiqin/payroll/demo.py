"""Demo data of the payroll app: a wage row for every person of the demo (by regime and post,
from 1 January last year, entered by their personnel office), and in the two months before
this one overtime worked, signed and claimed as pay and as comp time by people of every regime
(civil servants, 聘僱, teachers with and without an admin post, LSA workers), through the real
services at the clock of each step, so the pay sheets and statistics of a fresh demo are not
empty. Idempotent: nothing is added once wage rows exist.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.test import override_settings

from chaiqin import clock
from chaiqin.calendar import selectors as office_calendar
from chaiqin.dates import TAIPEI
from chaiqin.errors import ChaiqinError
from chaiqin.org.models import Person, RoleAssignment
from chaiqin.overtime import services as overtime
from chaiqin.workflow import services as workflow

from . import access, services
from .models import WageRecord

P = Person.Post
LSA_POSTS = (P.WORKER, P.TECHNICIAN, P.JANITOR, P.DRIVER, P.CONTRACT_LABOR)


def _amounts(person: Person, rng: random.Random, heads: set[int]) -> tuple[str, dict]:
    step = lambda lo, hi: rng.randrange(lo, hi, 100)  # noqa: E731 - pay tables move in hundreds
    if person.post in LSA_POSTS:
        if person.post == P.CONTRACT_LABOR and rng.random() < 0.5:
            return "hourly", {"hourly_wage": rng.choice((196, 205, 220, 240))}
        return "monthly", {"monthly_wage": step(29500, 42000)}
    if person.post == P.CONTRACT:
        return "single", {"single_pay": step(36000, 52000)}
    amounts = {"salary": step(30000, 56000), "professional": step(20000, 28000)}
    if person.pk in heads or person.post == P.TEACHER_ADMIN:
        amounts["supervisory"] = step(3000, 9000)
    return "salary", amounts


def _keepers() -> list[Person]:
    return [ra.person for ra in RoleAssignment.objects.filter(role=RoleAssignment.Role.PERSONNEL)
            .select_related("person__agency").order_by("agency__parent_id", "pk")]


def demo_load() -> str:
    if WageRecord.objects.exists():
        return ""
    rng = random.Random(19)
    today = clock.today()
    valid_from = date(today.year - 1, 1, 1)
    heads = set(Person.objects.filter(headed_units__isnull=False).values_list("pk", flat=True))
    done: set[int] = set()
    rows = 0
    for keeper in _keepers():
        mine = [p for p in access.wage_people(keeper, keep=True).exclude(pk__in=done).order_by("pk")]
        batch = []
        for person in mine:
            basis, amounts = _amounts(person, rng, heads)
            clean = services.wage_check(person=person, valid_from=valid_from, basis=basis, amounts=amounts)
            batch.append({"person": person, "valid_from": valid_from, "basis": basis, "amounts": clean,
                          "note": "示範資料"})
            done.add(person.pk)
        rows += services.wage_import_save(by=keeper, rows=batch)
    claims = _overtime(today, rng)
    return f"薪資：登錄薪資資料 {rows} 筆；過去兩個月加班申請補償 {claims} 筆（加班費及補休，各類人員）"


def _workers() -> list[Person]:
    """A few people of every regime and post in each agency, the demo log-ins first."""
    chosen: list[Person] = []
    for username in ("employee", "supervisor", "teacher"):
        found = Person.objects.filter(user__username=username).select_related("agency").first()
        if found:
            chosen.append(found)
    for post in (P.ADMIN, P.CONTRACT, P.TEACHER_ADMIN, P.TEACHER, *LSA_POSTS):
        for agency_id in Person.objects.filter(post=post).values_list("agency_id", flat=True).distinct()[:2]:
            chosen += list(Person.objects.filter(post=post, agency_id=agency_id, status=Person.Status.ACTIVE)
                           .exclude(pk__in=[c.pk for c in chosen]).select_related("agency")[:1])
    return chosen


def _overtime(today: date, rng: random.Random) -> int:
    """Overtime of the two months before `today`'s: weekday evenings as pay, a Saturday as pay
    (the civil rule pays 8 h of it, the rest becomes comp time), an evening as comp time."""
    this_month = today.replace(day=1)
    months = [(this_month - timedelta(days=1)).replace(day=1)]
    months.insert(0, (months[0] - timedelta(days=1)).replace(day=1))
    made = 0
    for person in _workers():
        for first in months:
            last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            workdays = office_calendar.workdays_between(person.agency, first, last)
            days_off = [first + timedelta(days=i) for i in range((last - first).days + 1)
                        if (first + timedelta(days=i)) not in set(workdays)]
            plan = [(d, time(17, 30), time(20, 30) if rng.random() < 0.5 else time(19, 30), "pay")
                    for d in rng.sample(workdays[2:-3], 3)]
            plan.append((rng.choice(workdays[2:-3]), time(17, 30), time(19, 30), "comp_time"))
            if days_off:
                plan.append((rng.choice(days_off[1:-1] or days_off), time(8), time(18) if rng.random() < 0.5
                             else time(12), "pay"))
            for day, start, end, compensation in sorted(plan):
                made += _work(person, datetime.combine(day, start, tzinfo=TAIPEI),
                              datetime.combine(day, end, tzinfo=TAIPEI), compensation)
    return made


def _work(person: Person, start: datetime, end: datetime, compensation: str) -> int:
    """Ask, approve, sign in and out, claim: 1 if claimed, 0 if a rule refused it (left out)."""
    def at(moment: datetime):
        return override_settings(CHAIQIN_NOW=moment.astimezone(TAIPEI).replace(tzinfo=None).isoformat())

    try:
        with at(start - timedelta(days=1)):
            req = overtime.overtime_request_submit(applicant=person, reason="年度業務加班（示範）",
                                                   work_items="資料彙整與報表製作", slots=[overtime.PlannedSlot(person, start, end)])
            for step in req.case.steps.order_by("order"):
                workflow.case_decide(case=req.case, actor=step.decider, decision="approve")
        slot = req.slots.get()
        with at(start):
            overtime.overtime_sign(slot=slot, person=person, direction="in")
        with at(end):
            overtime.overtime_sign(slot=slot, person=person, direction="out")
        with at(end + timedelta(hours=14)):
            overtime.overtime_claim_file(slot=slot, person=person, compensation=compensation)
    except ChaiqinError:
        return 0
    return 1
