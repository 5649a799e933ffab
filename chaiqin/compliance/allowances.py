"""Lactation time and the childcare reduction, as work-time allowances for the daily status.

性別平等工作法第18條: 60 minutes a day of lactation time for a child under 2, 30 more on a day
with 1 hour or more of overtime, counted as working time (forgiven from lateness or early
leave); 第19條第1項: a parent of a child under 3 may work 1 hour a day less (第1款) or at adjusted
hours (第2款), applied as that person's schedule of the day. Only approved requests count.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from chaiqin import rules
from chaiqin.attendance.allowances import Allowance
from chaiqin.dates import TAIPEI
from chaiqin.id_lists import among
from chaiqin.workflow.models import Case

from . import records
from .models import ChildcareHoursRequest, LactationRequest


def _overtime_minutes_by_day(person_ids, start: date, end: date) -> dict[tuple[int, date], int]:
    minutes: dict[tuple[int, date], int] = defaultdict(int)
    for worked in records.overtime_periods(person_ids, start, end):
        begin = worked.start.astimezone(TAIPEI).replace(tzinfo=None)
        day = rules.workday_of(begin)  # overtime past midnight belongs to the day it began
        minutes[(worked.person_id, day)] += worked.minutes if worked.minutes is not None else \
            int((worked.end - worked.start).total_seconds() // 60)
    return minutes


def _days(a: date, b: date):
    d = a
    while d <= b:
        yield d
        d += timedelta(days=1)


def work_time_allowances(person_ids: list[int], start: date, end: date) -> dict[tuple[int, date], list[Allowance]]:
    found: dict[tuple[int, date], list[Allowance]] = defaultdict(list)
    lactation = list(LactationRequest.objects.filter(among("person_id", person_ids), case__status=Case.Status.APPROVED,
                                                     start__lte=end, end__gte=start))
    if lactation:
        overtime = _overtime_minutes_by_day([f.person_id for f in lactation], start, end)
        for form in lactation:
            for day in _days(max(form.start, start), min(form.end, end)):
                minutes = rules.lactation_minutes(overtime_minutes=overtime.get((form.person_id, day), 0), on=day)
                found[(form.person_id, day)].append(Allowance(minutes, "哺（集）乳時間"))
    for form in ChildcareHoursRequest.objects.filter(among("person_id", person_ids), case__status=Case.Status.APPROVED,
                                                     start__lte=end, end__gte=start):
        allowance = _childcare_schedule(form)
        for day in _days(max(form.start, start), min(form.end, end)):
            found[(form.person_id, day)].append(allowance)
    return found


def _childcare_schedule(form: ChildcareHoursRequest) -> Allowance:
    """The approved arrangement as the day's schedule (性別平等工作法第19條第1項): the hour off the
    end or the start of the office hours, or the adjusted hours themselves."""
    if form.mode == ChildcareHoursRequest.Mode.ADJUST:
        return Allowance(0, "育兒調整工作時間", start=form.work_start, end=form.work_end)
    if form.reduce_at == ChildcareHoursRequest.ReduceAt.START:
        return Allowance(0, "育兒減少工作時間", start_later=form.reduced_minutes)
    return Allowance(0, "育兒減少工作時間", end_earlier=form.reduced_minutes)
