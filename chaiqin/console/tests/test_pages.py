"""The personnel console's pages as the personnel officer uses them, and the refusals of its services.

carol is the county's personnel officer (人事); hank the school's. Every change is written to the
personnel office's trail (OrgEvent) and nothing is half-saved when a change is refused.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from chaiqin.conftest import PASSWORD
from chaiqin.dates import TAIPEI
from chaiqin.errors import ChaiqinError
from chaiqin.org import staffing
from chaiqin.org.models import OrgEvent, Person, StatusPeriod, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen(settings):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_every_console_page_opens_for_the_personnel_officer(world):
    client = _client("carol")
    for url in ["/console/", "/console/people/", "/console/people/new/", f"/console/people/{world.alice.pk}/",
                "/console/units/", "/console/roles/", "/console/routes/", "/console/calendar/", "/console/events/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "人事管理 · 花蓮縣政府" in response.content.decode()


def test_the_nav_shows_the_console_to_personnel_only(world):
    assert "人事管理" in _client("carol").get("/").content.decode()
    assert "人事管理" not in _client("alice").get("/").content.decode()
    assert _client("alice").get("/console/").status_code == 403


def test_search_finds_by_name_and_stays_in_the_agency(world):
    client = _client("carol")
    page = client.get("/console/people/", {"q": "陳雅婷"}).content.decode()
    assert "陳雅婷" in page and "林柏宇" not in page
    page = client.get("/console/people/", {"q": "李思妤"}).content.decode()  # the school's teacher
    assert "沒有符合的人員" in page and f"/console/people/{world.gina.pk}/" not in page


def test_the_officer_creates_a_person_with_a_log_in_who_then_logs_in(world):
    client = _client("carol")
    response = client.post("/console/people/new/", {
        "employee_no": "C0901", "name": "高美玲", "gender": "F", "unit": world.civil_affairs.pk, "post": "admin",
        "title": "科員", "hire_date": "115-03-02", "supervisor": world.bob.pk, "email": "", "username": "meiling",
        "password": "Qw3rty-chaiqin-26"})
    person = Person.objects.get(employee_no="C0901")
    assert response.status_code == 302 and response["Location"] == f"/console/people/{person.pk}/"
    assert person.hire_date == date(2026, 3, 2) and person.regime == "civil" and person.supervisor == world.bob
    assert not person.user.is_staff and not person.user.is_superuser
    assert Client().login(username="meiling", password="Qw3rty-chaiqin-26")
    assert OrgEvent.objects.filter(person=person, action="person_create", actor=world.carol).exists()


@pytest.mark.parametrize("typed, message", [("115-12-02", "晚於今天"), ("1949-12-31", "民國39年（西元1950年）")])
def test_a_hire_date_in_the_future_or_before_1950_is_refused(world, typed, message):
    response = _client("carol").post("/console/people/new/", {
        "employee_no": "C0902", "name": "高美玲", "gender": "F", "unit": world.civil_affairs.pk, "post": "admin",
        "hire_date": typed})
    assert response.status_code == 200 and message in response.content.decode()
    assert not Person.objects.filter(employee_no="C0902").exists()


def test_a_unit_of_another_agency_cannot_be_chosen(world):
    school_unit = Unit.objects.get(agency=world.school, name="機械科")
    response = _client("carol").post("/console/people/new/", {
        "employee_no": "C0903", "name": "高美玲", "gender": "F", "unit": school_unit.pk, "post": "admin",
        "hire_date": "115-03-02"})
    assert response.status_code == 200 and not Person.objects.filter(employee_no="C0903").exists()


def test_moving_a_unit_head_out_of_their_unit_is_refused_naming_the_unit(world):
    with pytest.raises(ChaiqinError, match="民政處.*單位主管"):
        staffing.staff_move(actor=world.carol, person=world.diana, unit=world.personnel_office)
    world.diana.refresh_from_db()
    assert world.diana.unit == world.civil_affairs


def test_a_move_is_recorded(world):
    staffing.staff_move(actor=world.carol, person=world.alice, unit=world.personnel_office)
    world.alice.refresh_from_db()
    assert world.alice.unit == world.personnel_office
    assert OrgEvent.objects.get(action="person_move").note == "由民政處調至人事處"


def test_a_unit_head_must_belong_to_the_unit(world):
    with pytest.raises(ChaiqinError, match="單位主管必須是該單位的人員"):
        staffing.unit_head_set(actor=world.carol, unit=world.personnel_office, head=world.alice)


def test_unpaid_parental_leave_then_return(world, settings):
    period = staffing.staff_unpaid_leave(actor=world.carol, person=world.alice, kind="parental",
                                         start=date(2026, 3, 1), end=None)
    world.alice.refresh_from_db()
    assert world.alice.status == Person.Status.UNPAID_LEAVE and period.get_kind_display() == "育嬰"
    staffing.staff_reinstate(actor=world.carol, person=world.alice, on=date(2026, 3, 9))
    world.alice.refresh_from_db()
    period.refresh_from_db()
    assert world.alice.status == Person.Status.ACTIVE and period.end == date(2026, 3, 8)
    assert list(OrgEvent.objects.filter(person=world.alice).values_list("action", flat=True).order_by("pk")) == [
        "unpaid_leave", "reinstate"]


def test_a_status_change_over_pending_leave_names_the_requests(world):
    from chaiqin.leave import services as leave

    leave.leave_request_submit(person=world.alice, leave_code="personal",
                               start=datetime(2026, 3, 16, 8, tzinfo=TAIPEI), end=datetime(2026, 3, 16, 17, tzinfo=TAIPEI),
                               agent=world.bob, reason="家中有事")
    with pytest.raises(ChaiqinError, match=r"尚未簽核完成的申請：事假（115-03-16 08:00"):
        staffing.staff_unpaid_leave(actor=world.carol, person=world.alice, kind="parental", start=date(2026, 3, 10))
    assert not StatusPeriod.objects.exists()
    world.alice.refresh_from_db()
    assert world.alice.status == Person.Status.ACTIVE


def test_separation_disables_the_log_in(world):
    staffing.staff_separate(actor=world.carol, person=world.alice, on=date(2026, 3, 1))
    world.alice.refresh_from_db()
    assert world.alice.status == Person.Status.LEFT
    assert not Client().login(username="alice", password=PASSWORD)


def test_log_in_reset_and_disable(world):
    client = _client("carol")
    client.post(f"/console/people/{world.alice.pk}/password/", {"password": "N3w-passw0rd-chaiqin"})
    assert Client().login(username="alice", password="N3w-passw0rd-chaiqin")
    client.post(f"/console/people/{world.alice.pk}/login-active/", {"active": "0"})
    assert not Client().login(username="alice", password="N3w-passw0rd-chaiqin")


def test_standing_agents_in_order(world):
    client = _client("carol")
    client.post(f"/console/people/{world.alice.pk}/agents/", {"agents": [world.diana.pk, world.bob.pk, ""]})
    from chaiqin.org.selectors import agent_choices, standing_agents

    assert standing_agents(world.alice) == [world.diana, world.bob]
    assert agent_choices(world.alice)[:2] == [world.diana, world.bob]
    response = client.post(f"/console/people/{world.alice.pk}/agents/", {"agents": [world.gina.pk]})
    assert standing_agents(world.alice) == [world.diana, world.bob] and response.status_code == 302


def test_roles_granted_and_taken_back(world):
    client = _client("carol")
    client.post("/console/roles/new/", {"person": world.bob.pk, "role": "ethics"})
    assignment = world.bob.roles.get()
    assert assignment.role == "ethics"
    client.post(f"/console/roles/{assignment.pk}/revoke/")
    assert not world.bob.roles.exists()
    assert OrgEvent.objects.filter(action__in=["role_grant", "role_revoke"]).count() == 2


def test_closures_and_chains_from_the_console(world):
    from chaiqin.calendar.models import Closure
    from chaiqin.workflow.models import RouteRule

    client = _client("carol")
    client.post("/console/calendar/closures/new/", {"day": "115-07-20", "part": "whole", "reason": "颱風",
                                                    "declared_by": "花蓮縣政府宣布"})
    assert Closure.objects.get(agency=world.county).date == date(2026, 7, 20)
    client.post("/console/routes/set/", {"kind": "leave", "roles": ["agent", "supervisor", "personnel", ""],
                                         "agency_head_hours": "24"})
    rule = RouteRule.objects.get(agency=world.county, kind="leave")
    assert rule.role_list() == ["agent", "supervisor", "personnel"] and rule.agency_head_from_minutes == 24 * 60
    assert not Closure.objects.filter(agency=world.school).exists()


def test_agency_settings_from_the_console(world):
    from datetime import time

    client = _client("carol")
    assert client.get("/console/agency/").status_code == 200
    form = {"short_name": "花蓮縣府", "office_start": "08:30", "lunch_start": "12:30", "lunch_end": "13:30",
            "office_end": "17:30", "flex_minutes": "30", "comp_time_months": "24", "labor_leave_basis": "calendar"}
    assert client.post("/console/agency/", form).status_code == 302
    world.county.refresh_from_db()
    assert world.county.office_start == time(8, 30) and world.county.comp_time_months == 24
    response = client.post("/console/agency/", {**form, "lunch_start": "18:00"})
    assert "順序不正確" in response.content.decode()
    assert OrgEvent.objects.filter(action="agency_settings").count() == 1


def test_a_status_entered_ahead_begins_on_its_day(world, settings):
    from django.core.management import call_command

    staffing.staff_unpaid_leave(actor=world.carol, person=world.alice, kind="parental", start=date(2026, 4, 1),
                                end=date(2026, 9, 30))
    world.alice.refresh_from_db()
    assert world.alice.status == Person.Status.ACTIVE
    settings.CHAIQIN_NOW = "2026-04-01T00:30"
    call_command("org_status_sync")
    world.alice.refresh_from_db()
    assert world.alice.status == Person.Status.UNPAID_LEAVE
    settings.CHAIQIN_NOW = "2026-10-01T00:30"
    call_command("org_status_sync")
    world.alice.refresh_from_db()
    assert world.alice.status == Person.Status.ACTIVE


def test_a_username_too_long_is_refused_in_chinese(world):
    newcomer = staffing.staff_create(actor=world.carol, unit=world.civil_affairs, employee_no="N1", name="甲",
                                     gender="F", post="admin", hire_date=date(2020, 1, 1))
    with pytest.raises(ChaiqinError, match="帳號最長"):
        staffing.login_create(actor=world.carol, person=newcomer, username="u" * 151, password="Qw3rty-chaiqin-26")
    newcomer.refresh_from_db()
    assert newcomer.user is None


def test_the_officer_records_card_numbers_in_the_person_form_one_card_one_person(world):
    client = _client("carol")
    new = {"employee_no": "C0905", "name": "高美玲", "gender": "F", "unit": world.civil_affairs.pk, "post": "admin",
           "hire_date": "115-03-02", "card_no": " 0000012345 "}
    assert client.post("/console/people/new/", new).status_code == 302
    meiling = Person.objects.get(employee_no="C0905")
    assert meiling.card_no == "0000012345"
    assert 'value="0000012345"' in client.get(f"/console/people/{meiling.pk}/").content.decode()

    # alice may not take it: the page names the person who holds the card, and nothing is saved.
    edit = {"employee_no": "ALICE", "name": "陳雅婷", "gender": "F", "post": "admin", "title": "專員",
            "hire_date": "108-07-01", "supervisor": world.bob.pk, "card_no": "0000012345"}
    page = client.post(f"/console/people/{world.alice.pk}/edit/", edit).content.decode()
    assert "卡號「0000012345」已登錄給本機關的高美玲（員工編號 C0905），同一張卡不可對應兩人。" in page
    world.alice.refresh_from_db()
    assert (world.alice.card_no, world.alice.title) == ("", "")
    page = client.post("/console/people/new/", {**new, "employee_no": "C0906"}).content.decode()
    assert "已登錄給本機關的高美玲" in page and not Person.objects.filter(employee_no="C0906").exists()

    # Given up by 高美玲, it is alice's; the change is in the trail.
    client.post(f"/console/people/{meiling.pk}/edit/", {**new, "card_no": ""})
    assert client.post(f"/console/people/{world.alice.pk}/edit/", edit).status_code == 302
    world.alice.refresh_from_db()
    assert world.alice.card_no == "0000012345"
    assert OrgEvent.objects.filter(person=world.alice, action="person_update", note__contains="卡號").exists()
