"""Leave lines of other forms (the 出國申請單's up to five leave types) charged to the ledger like a
leave request: held at submission (refused beyond a quota, nothing half-saved), used on approval,
released on rejection or withdrawal."""

from datetime import date

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.leave import ledger, services
from chaiqin.leave.models import BalanceEntry, LeaveRequest
from chaiqin.trips import services as trips
from chaiqin.trips.models import Overseas
from chaiqin.workflow import services as workflow
from chaiqin.workflow.models import Case

from .conftest import at

pytestmark = pytest.mark.django_db
ON = date(2026, 3, 9)


def overseas(world, lines):
    return trips.overseas_save(person=world.alice, form="overseas", start=at("2026-03-14 06:00"),
                               end=at("2026-03-29 22:00"), reason="探親", country="美國", agent=world.bob,
                               leave_lines=[trips.LeaveLine(c, at(s), at(e)) for c, s, e in lines])


def test_lines_are_held_on_submit_used_on_approval_and_make_no_leave_request(world):
    form = overseas(world, [("personal", "2026-03-16 08:00", "2026-03-18 17:00"),
                            ("annual", "2026-03-19 08:00", "2026-03-27 17:00")])
    annual = ledger.balance(world.alice, "annual", ON)
    trips.overseas_submit(actor=world.alice, overseas=form)
    form.refresh_from_db()
    # 公務人員請假規則第3條 (事假7日): 3 held; 休假 7 days held
    assert ledger.balance(world.alice, "personal", ON) == 4 * 480
    assert ledger.balance(world.alice, "annual", ON) == annual - 7 * 480
    assert not LeaveRequest.objects.exists()
    services.leave_lines_settle(case=form.case, approved=True)
    uses = BalanceEntry.objects.filter(case=form.case, kind="use")
    assert sorted(u.minutes for u in uses) == [-7 * 480, -3 * 480]
    assert ledger.balance(world.alice, "personal", ON) == 4 * 480


def test_lines_beyond_the_quota_are_refused_at_submit_with_the_rule_and_nothing_is_saved(world, ivy):
    # a pending request already holds 5 of the 7 days of 家庭照顧假 (公務人員請假規則第3條第1項第1款)
    services.leave_request_submit(person=world.alice, leave_code="family_care", start=at("2026-03-02 08:00"),
                                  end=at("2026-03-06 17:00"), agent=ivy)
    form = overseas(world, [("family_care", "2026-03-16 08:00", "2026-03-18 17:00"),
                            ("annual", "2026-03-19 08:00", "2026-03-27 17:00")])
    rows = BalanceEntry.objects.exclude(kind="grant").count()
    with pytest.raises(ChaiqinError, match="第1項請假類別：家庭照顧假額度不足") as exc:
        trips.overseas_submit(actor=world.alice, overseas=form)
    assert "公務人員請假規則" in exc.value.citation
    form.refresh_from_db()
    assert form.case is None and not Case.objects.filter(kind="overseas").exists()
    assert BalanceEntry.objects.exclude(kind="grant").count() == rows
    assert ledger.balance(world.alice, "personal", ON) == 2 * 480


def test_two_lines_of_one_form_cannot_together_exceed_a_quota(world):
    form = overseas(world, [("family_care", "2026-03-16 08:00", "2026-03-20 17:00"),
                            ("family_care", "2026-03-23 08:00", "2026-03-27 17:00")])  # 5 + 5 > 7
    with pytest.raises(ChaiqinError, match="第2項請假類別"):
        trips.overseas_submit(actor=world.alice, overseas=form)


def test_a_withdrawn_or_returned_and_resubmitted_form_moves_its_holds(world):
    form = overseas(world, [("annual", "2026-03-16 08:00", "2026-03-27 17:00")])
    annual = ledger.balance(world.alice, "annual", ON)
    trips.overseas_submit(actor=world.alice, overseas=form)
    form.refresh_from_db()
    workflow.case_decide(case=form.case, actor=world.bob, decision="return", comment="請縮短")
    form = Overseas.objects.get(pk=form.pk)
    trips.overseas_save(person=world.alice, overseas=form, form="overseas", start=at("2026-03-14 06:00"),
                        end=at("2026-03-22 22:00"), reason="探親", country="美國", agent=world.bob,
                        leave_lines=[trips.LeaveLine("annual", at("2026-03-16 08:00"), at("2026-03-20 17:00"))])
    trips.overseas_submit(actor=world.alice, overseas=Overseas.objects.get(pk=form.pk))
    assert ledger.balance(world.alice, "annual", ON) == annual - 5 * 480  # 10 released, 5 held
    workflow.case_withdraw(case=Case.objects.get(pk=form.case_id), actor=world.alice)
    assert ledger.balance(world.alice, "annual", ON) == annual
