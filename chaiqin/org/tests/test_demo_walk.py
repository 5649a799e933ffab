"""The demo can be walked: every demo log-in asks for a day of leave and demo log-ins alone approve it
to the end; 政風 and the agency head (mainland trips, long leave) have log-ins too; the county has
subordinate agencies with their own personnel office; `load_demo` prints each log-in and the address
it serves."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command

from chaiqin.dates import TAIPEI
from chaiqin.errors import ChaiqinError
from chaiqin.org.demo import DEMO_AGENTS, DEMO_LOGINS, demo_load
from chaiqin.org.models import Agency, Person, RoleAssignment

pytestmark = pytest.mark.django_db

DEMO_USERNAMES = {login.username for login in DEMO_LOGINS}


@pytest.fixture
def demo(settings):
    settings.CHAIQIN_NOW = "2026-10-08T09:00"  # a Thursday
    demo_load()


def _person(username: str) -> Person:
    return Person.objects.select_related("agency", "unit", "user").get(user__username=username)


def _submit_a_free_day(person: Person, agent: Person):
    from chaiqin.leave import services

    day = datetime(2026, 10, 19, tzinfo=TAIPEI)  # a Monday; the demo's own leave is earlier
    for _ in range(20):
        if day.weekday() < 5:
            try:
                return services.leave_request_submit(person=person, leave_code="personal", start=day.replace(hour=8),
                                                     end=day.replace(hour=17 if person.agency.kind == "agency" else 16),
                                                     agent=agent, reason="示範：請假一日")
            except ChaiqinError as exc:
                if exc.code not in ("agent", "overlap", ""):
                    raise
        day += timedelta(days=1)
    raise AssertionError(f"{person.name}找不到可請假的日子")


def _walk(username: str) -> list[str]:
    """Submit a day of leave as `username` and approve it step by step as each step's decider."""
    from chaiqin.workflow import services as workflow
    from chaiqin.workflow.models import Case, Step

    request = _submit_a_free_day(_person(username), _person(DEMO_AGENTS[username]))
    deciders = []
    for _ in range(8):
        case = Case.objects.get(pk=request.case_id)
        if case.status != Case.Status.PENDING:
            break
        step = case.steps.select_related("decider__user").get(status=Step.Status.CURRENT)
        assert step.decider.user is not None and step.decider.user.username in DEMO_USERNAMES, step.decider.name
        deciders.append(step.decider.user.username)
        workflow.case_decide(case=case, actor=step.decider, decision="approve", comment="同意")
    assert Case.objects.get(pk=request.case_id).status == Case.Status.APPROVED, (username, deciders)
    return deciders


def test_every_demo_login_can_be_walked_with_demo_logins_only(demo):
    from chaiqin.compliance import selectors
    from chaiqin.workflow.routing import plan_route

    assert set(DEMO_AGENTS) == DEMO_USERNAMES
    # A day of leave of each demo login, approved to the end by demo logins (agent first).
    walked = {username: _walk(username) for username in sorted(DEMO_AGENTS)}
    assert walked["employee"] == ["agent", "supervisor", "director", "personnel"]
    assert walked["teacher"] == ["teacher2", "dept-head", "school-hr"]
    assert walked["personnel"] == ["personnel2", "hr-chief", "hr-director", "personnel2"]
    # 政風 (mainland trips) and the agency head (long leave, special forms) of every route too.
    for username, agent in DEMO_AGENTS.items():
        person = _person(username)
        has_ethics = RoleAssignment.objects.filter(agency=person.agency, role="ethics").exists()
        steps = plan_route(kind="overseas", applicant=person, agent=_person(agent), special=True,
                           extra_roles=("ethics",) if has_ethics else ())
        for step in steps:
            assert step.decider.user is not None and step.decider.user.username in DEMO_USERNAMES, (username, step)
    # The county's subordinate agencies, each with a personnel office of two, in its survey roll-up.
    county = Agency.objects.get(code="376550000A")
    below = Agency.objects.filter(parent=county)
    assert sorted(a.name for a in below) == ["花蓮縣壽豐鄉公所", "花蓮縣立志學國民小學"]
    for agency in below:
        officers = Person.objects.filter(roles__agency=agency, roles__role="personnel", agency=agency)
        assert officers.count() == 2 and all(p.user_id for p in officers)
    rollup = selectors.rollup(county, 2026)
    assert [a.name for a, _ in rollup.rows] == ["花蓮縣政府", "花蓮縣壽豐鄉公所", "花蓮縣立志學國民小學"]


def test_load_demo_prints_each_log_in_on_its_own_line_and_the_address_it_serves(db, settings, monkeypatch):
    settings.CHAIQIN_NOW = "2026-10-08T09:00"
    monkeypatch.setenv("HOST", "127.0.0.1")
    monkeypatch.setenv("PORT", "8123")
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    lines = out.getvalue().splitlines()
    for login in DEMO_LOGINS:
        line = next(l for l in lines if l.split()[1:2] == [login.username])
        person = _person(login.username)
        assert line.startswith("  " + login.role) and line.endswith(person.name), line
    assert "開啟 http://127.0.0.1:8123/ 登入。" in lines
