"""Demo data of work from home: the demo "employee" is 30 weeks pregnant, her application is
approved through the whole route with the 第4點 checklist, and next week has three WFH days."""

from __future__ import annotations

from datetime import timedelta

from chaiqin import clock
from chaiqin.org.models import Person
from chaiqin.workflow.models import Case, Step

from . import selectors, services
from .models import WfhApplication

ANSWERS = {"work_suitable": True, "on_site_unit": False, "no_mainland_brand": True, "home_environment": True}


def demo_load() -> str:
    person = Person.objects.filter(user__username="employee").first()
    if person is None or WfhApplication.objects.filter(person=person).exists():
        return ""
    today = clock.today()
    monday = selectors.monday_of(today) + timedelta(days=7)
    due = monday + timedelta(days=280 - 30 * 7)  # 30 weeks on next Monday: 3 days a week (第3點第1項第2款)
    application = services.wfh_application_submit(
        actor=person, relation=WfhApplication.Relation.SELF, due_date=due, start=monday,
        end=due - timedelta(days=1), workplace="花蓮市住所（與機關約定之居家辦公地點）")
    while True:
        application.refresh_from_db()
        if application.case.status != Case.Status.PENDING:
            break
        step = application.case.steps.get(status=Step.Status.CURRENT)
        services.wfh_application_decide(actor=step.decider, application=application, decision="approve",
                                        answers=ANSWERS, comment="業務可獨立作業，同意居家辦公。")
    workdays = [d for d in (monday + timedelta(days=i) for i in range(5))
                if d in set(services.office_calendar.workdays_between(person.agency, monday, monday + timedelta(days=4)))]
    services.wfh_week_plan(actor=person, application=application, week_start=monday, days=workdays[::2][:3])
    return f"居家辦公：{person.name} 懷孕30週，已核准並排定 {len(workdays[::2][:3])} 日"
