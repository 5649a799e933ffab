"""Attacks on the payroll app and the reports: wages are seen only by the personnel office,
the accounting office (of the person's agency or one above) and the person; pay sheets only by
the first two; another agency's people and units answer 404; an employee asking for a report
403. The claimant never supplies a wage (issue: a worker set their own wage), and nothing an
attacker tries writes anything.
"""

from __future__ import annotations

from datetime import date

import pytest

from chaiqin.org.models import RoleAssignment
from chaiqin.org.services import role_grant
from chaiqin.payroll import services
from chaiqin.payroll.models import WageRecord

from .conftest import client_for, snapshot

pytestmark = pytest.mark.django_db

PAGES = ["/payroll/", "/payroll/people/", "/payroll/import/", "/payroll/overtime-pay/?month=2026-03",
         "/payroll/overtime-pay/?month=2026-03&format=xlsx", "/payroll/overtime-pay/?month=2026-03&format=pdf",
         "/payroll/overtime-pay/?month=2026-03&format=csv", "/payroll/unused-leave/?year=2026",
         "/payroll/unused-leave/?year=2026&format=xlsx", "/payroll/statistics/?month=2026-03",
         "/payroll/statistics/?month=2026-03&format=xlsx", "/payroll/settings/"]
# Who gets 200 on each page (else 403): personnel keeps, accounting reads, supervisors see statistics.
ROLE_PAGES = {
    "carol": set(PAGES),
    "accountant": {p for p in PAGES if "import" not in p and "settings" not in p},
    "bob": {"/payroll/", "/payroll/statistics/?month=2026-03", "/payroll/statistics/?month=2026-03&format=xlsx"},
    "alice": {"/payroll/"},
    "frank": {"/payroll/", "/payroll/statistics/?month=2026-03", "/payroll/statistics/?month=2026-03&format=xlsx"},
    "erin": {"/payroll/", "/payroll/statistics/?month=2026-03", "/payroll/statistics/?month=2026-03&format=xlsx"},
}


@pytest.fixture
def wages(world, people):
    accountant = people["ken"]
    role_grant(person=accountant, role=RoleAssignment.Role.ACCOUNTING)
    services.wage_record_set(by=world.carol, person=world.alice, valid_from=date(2026, 1, 1), basis="salary",
                             salary=38000, professional=22000)
    return accountant


@pytest.mark.parametrize("username", sorted(ROLE_PAGES))
def test_every_role_gets_only_its_pages(world, wages, username):
    client = client_for("ken" if username == "accountant" else username)
    for url in PAGES:
        expected = 200 if url in ROLE_PAGES[username] else 403
        assert client.get(url).status_code == expected, (username, url)


@pytest.mark.parametrize("username, expected", [("alice", 200), ("carol", 200), ("ken", 200), ("bob", 404),
                                                ("diana", 404), ("frank", 404), ("erin", 404), ("ivy", 404),
                                                ("leo", 404), ("hank", 404), ("gina", 404)])
def test_a_persons_wages_are_seen_by_themselves_personnel_and_accounting_only(world, wages, username, expected):
    client = client_for(username)
    assert client.get(f"/payroll/people/{world.alice.pk}/").status_code == expected
    assert client.get(f"/api/payroll/people/{world.alice.pk}/wages").status_code == expected


def test_another_agency_cannot_read_or_write_wages_and_nothing_changes(world, wages):
    before = snapshot()
    hank = client_for("hank")
    assert hank.post(f"/payroll/people/{world.alice.pk}/", {"valid_from": "2026-02-01", "basis": "salary",
                                                            "salary": "99999"}).status_code == 404
    assert "陳雅婷" not in hank.get("/payroll/overtime-pay/?month=2026-03").content.decode()
    assert "陳雅婷" not in hank.get("/payroll/statistics/?month=2026-03").content.decode()
    assert hank.get(f"/payroll/statistics/people/{world.alice.pk}/").status_code == 404
    unit = world.civil_affairs.pk
    assert hank.get(f"/api/reports/overtime-pay/2026/3?unit_id={unit}").status_code == 404
    assert hank.get(f"/api/reports/attendance-summary/2026?unit_id={unit}").status_code == 404
    assert hank.get(f"/payroll/overtime-pay/?month=2026-03&unit={unit}").status_code == 404
    # The accountant reads but never writes; alice cannot raise her own wage.
    for username in ("ken", "alice"):
        c = client_for(username)
        assert c.post(f"/payroll/people/{world.alice.pk}/", {"valid_from": "2026-02-01", "basis": "salary",
                                                             "salary": "99999"}).status_code == 403
    assert snapshot() == before
    assert WageRecord.objects.get().salary == 38000


def test_a_claim_carrying_a_wage_is_refused_and_pays_only_the_wage_data(world, wages):
    from chaiqin.overtime.models import OvertimeSlot
    from chaiqin.overtime.services import overtime_request_submit, PlannedSlot, overtime_sign
    from chaiqin.workflow import services as workflow
    from chaiqin.tests.security.conftest import at
    from django.test import override_settings

    with override_settings(CHAIQIN_NOW="2026-03-02T09:00"):
        req = overtime_request_submit(applicant=world.alice, reason="預算", work_items="預算",
                                      slots=[PlannedSlot(world.alice, at("2026-03-03T18:00"), at("2026-03-03T21:00"))])
        for step in req.case.steps.order_by("order"):
            workflow.case_decide(case=req.case, actor=step.decider, decision="approve")
    slot = req.slots.get()
    with override_settings(CHAIQIN_NOW="2026-03-03T18:00"):
        overtime_sign(slot=slot, person=world.alice, direction="in")
    alice = client_for("alice")
    with override_settings(CHAIQIN_NOW="2026-03-03T20:00"):
        overtime_sign(slot=slot, person=world.alice, direction="out")
        # Before the approved slot has ended (21:00): refused.
        early = alice.post(f"/api/overtime/slots/{slot.pk}/claim", {"compensation": "pay"},
                           content_type="application/json")
        assert early.status_code == 400 and "結束" in early.json()["detail"]
    with override_settings(CHAIQIN_NOW="2026-03-04T09:00"):
        forged = alice.post(f"/api/overtime/slots/{slot.pk}/claim", {"compensation": "pay", "hourly_wage": 99999},
                            content_type="application/json")
        assert forged.status_code == 422
        assert OvertimeSlot.objects.get(pk=slot.pk).claimed_at is None
        done = alice.post(f"/api/overtime/slots/{slot.pk}/claim", {"compensation": "pay"},
                          content_type="application/json")
    assert done.status_code == 200
    # 2 h signed (18:00–20:00) × 60,000 ÷ 240 = 500 (各機關加班費支給辦法第4條), never 99999 an hour.
    assert done.json()["pay_amount"] == "500.00"
