"""Demo records of the trips app: an official trip and a training trip of the county's
employee, and a summer break report of the school's teacher. Idempotent: loads once."""

from __future__ import annotations

from datetime import datetime, timedelta

from chaiqin import clock
from chaiqin.dates import TAIPEI, school_year_of
from chaiqin.errors import ChaiqinError
from chaiqin.org.models import Person

from . import services
from .models import Overseas, Trip


def _next_weekday(days_ahead: int, weekday: int):
    day = clock.today() + timedelta(days=days_ahead)
    while day.weekday() != weekday:
        day += timedelta(days=1)
    return day


def demo_load() -> str:
    if Trip.objects.exists() or Overseas.objects.exists():
        return ""
    made = []
    employee = Person.objects.filter(user__username="employee").first()
    teacher = Person.objects.filter(user__username="teacher").first()
    try:
        if employee is not None:
            for nature, days, place, reason in (("official", 7, "臺北市", "出席內政部研商會議"),
                                                ("training", 14, "南投縣", "參加人事業務研習")):
                day = _next_weekday(days, 1)
                services.trip_file(person=employee, nature=nature, place=place, reason=reason,
                                   start=datetime.combine(day, datetime.min.time(), tzinfo=TAIPEI).replace(hour=8),
                                   end=datetime.combine(day, datetime.min.time(), tzinfo=TAIPEI).replace(hour=17))
                made.append(nature)
        if teacher is not None:
            summer = services.break_periods(teacher.agency, school_year_of(clock.today()))["summer"][0]
            start = datetime.combine(summer + timedelta(days=5), datetime.min.time(), tzinfo=TAIPEI).replace(hour=8)
            report = services.overseas_save(person=teacher, form="break_report", start=start,
                                            end=start + timedelta(days=6, hours=12), reason="暑假赴日本旅遊", country="日本")
            services.overseas_submit(actor=teacher, overseas=report)
            made.append("break_report")
    except ChaiqinError as exc:  # e.g. an agency without a personnel officer: the demo shows what it could
        return f"差旅與出國示範資料部分載入（{exc.message}）"
    return f"差旅與出國：已建立 {len(made)} 筆示範表單（公務出差、研習出差、寒暑假出國報備單）。" if made else ""
