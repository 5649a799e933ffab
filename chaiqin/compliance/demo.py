"""Demo data of the personnel office's duties: the demo agencies answer the 115 survey by
themselves (records first, the personnel office's own answers with evidence for the items
the system cannot know), and a colleague of the demo employee has lactation time. Idempotent."""

from __future__ import annotations

from datetime import timedelta

from chaiqin import clock
from chaiqin.org.models import Agency, Person, RoleAssignment
from chaiqin.workflow import services as workflow
from chaiqin.workflow.models import Case

from . import selectors, services
from .models import LactationRequest, SurveyAnswer

YEAR = 115

MANUAL_EVIDENCE = {
    1: "已訂定「性騷擾防治措施、申訴及懲戒規範」，並公告於本機關網站及各樓層公布欄。",
    2: "規範公告於本機關網站「性騷擾防治專區」及各樓層公布欄。",
    3: "本機關一樓設有哺（集）乳室，備有冰箱、洗手台及沙發。",
    4: "與轄內托嬰中心及幼兒園簽訂特約，提供托兒優惠。",
    9: "育嬰留職停薪人員陞任評分由當事人擇優採計甲式或乙式。",
    10: "符合條件者均已依規定請領生育補助、生育給付及育嬰留職停薪津貼。",
    13: "考績委員會審議時，不以依法核給之各項假別、哺乳時間或育嬰減少之工作時間作為考量。",
    14: "娩假、流產假及育嬰留職停薪人員考績列入受考人數，不列入甲等人數計算。",
    15: "本年度未指派妊娠或哺乳期間之女性公務人員於午後10時至翌晨6時工作。",
    18: "已依醫師適性評估建議及當事人意見，提供妊娠中及分娩後未滿二年同仁必要之工作調整。",
    19: "育嬰留職停薪人員依累計任職辦理另予考績，並換算升等條件。",
}


def _personnel(agency: Agency) -> Person | None:
    role = RoleAssignment.objects.filter(agency=agency, role=RoleAssignment.Role.PERSONNEL).select_related("person").first()
    return role.person if role else None


def _nursing_employee() -> str:
    # Not the demo "employee": the WFH demo makes her 30 weeks pregnant. A colleague is nursing.
    employee = Person.objects.filter(user__username="employee").first()
    if employee is None:
        return ""
    person = (Person.objects.filter(agency=employee.agency, unit=employee.unit, gender="F",
                                    status=Person.Status.ACTIVE)
              .exclude(pk=employee.pk).order_by("employee_no").first())
    if person is None or LactationRequest.objects.exists():
        return ""
    today = clock.today()
    birth = today - timedelta(days=200)
    form = services.lactation_request_submit(person=person, child_birth_date=birth, start=today,
                                             end=min(today + timedelta(days=180), birth + timedelta(days=700)),
                                             times="10:00–10:30、15:00–15:30")
    for _ in range(6):
        case = Case.objects.get(pk=form.case_id)
        if case.status != Case.Status.PENDING:
            break
        workflow.case_decide(case=case, actor=case.current_step.decider, decision="approve", comment="依法核給")
    return f"{person.name}哺（集）乳時間"


def _committees(agency: Agency, actor: Person) -> None:
    women = list(Person.objects.filter(agency=agency, gender="F").exclude(status=Person.Status.LEFT)[:4])
    men = list(Person.objects.filter(agency=agency, gender="M").exclude(status=Person.Status.LEFT)[:4])
    members = [(p.name, p.gender) for p in women[:3] + men[:3]]
    if len(members) >= 5:
        for kind in ("performance", "promotion"):
            services.committee_set_members(agency=agency, year=YEAR, kind=kind, members=members, actor=actor)


def _answer(agency: Agency) -> bool:
    actor = _personnel(agency)
    if actor is None or SurveyAnswer.objects.filter(agency=agency, year=YEAR).exists():
        return False
    _committees(agency, actor)
    services.survey_confirm_derived(agency=agency, year=YEAR, actor=actor)
    for item in selectors.survey_view(agency, YEAR).items:
        if item.stored is None:
            answer = "否" if item.reverse else "是"
            services.survey_answer_set(agency=agency, year=YEAR, number=item.number, answer=answer, actor=actor,
                                       evidence=MANUAL_EVIDENCE.get(item.number, "依規定辦理。"))
    return True


def demo_load() -> str:
    parts = []
    nursing = _nursing_employee()
    if nursing:
        parts.append(nursing)
    answered = [a.short_name or a.name for a in Agency.objects.all() if _answer(a)]
    if answered:
        parts.append(f"{'、'.join(answered)}已填報{YEAR}年度法定性別友善事項")
    return ("人事業務示範資料：" + "；".join(parts)) if parts else ""
