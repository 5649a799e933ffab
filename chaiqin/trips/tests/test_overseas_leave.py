"""The leave lines of a 出國申請單 are charged to the leave ledger: held at submission, used on
approval (the balance drops), released on rejection."""

from __future__ import annotations

from datetime import date

import pytest

from chaiqin.leave import ledger
from chaiqin.trips import services
from chaiqin.workflow.models import Case
from chaiqin.workflow.services import case_decide

from .conftest import at

pytestmark = pytest.mark.django_db
ON = date(2026, 3, 9)


def submitted(world):
    form = services.overseas_save(
        person=world.alice, form="overseas", start=at("2026-03-14 06:00"), end=at("2026-03-22 22:00"), reason="家族旅遊",
        country="日本", agent=world.bob,
        leave_lines=[services.LeaveLine("annual", at("2026-03-16 08:00"), at("2026-03-20 17:00"))])
    return services.overseas_submit(actor=world.alice, overseas=form)


def test_an_approved_overseas_application_lowers_the_annual_leave_balance(world):
    before = ledger.balance(world.alice, "annual", ON)
    form = submitted(world)
    assert ledger.balance(world.alice, "annual", ON) == before - 5 * 480  # held while pending
    case = form.case
    while case.status == Case.Status.PENDING:
        case_decide(case=case, actor=case.current_step.decider, decision="approve")
        case.refresh_from_db()
    assert case.status == Case.Status.APPROVED
    assert ledger.balance(world.alice, "annual", ON) == before - 5 * 480


def test_a_rejected_overseas_application_gives_the_days_back(world):
    before = ledger.balance(world.alice, "annual", ON)
    form = submitted(world)
    case_decide(case=form.case, actor=form.case.current_step.decider, decision="reject", comment="業務繁忙")
    assert ledger.balance(world.alice, "annual", ON) == before
