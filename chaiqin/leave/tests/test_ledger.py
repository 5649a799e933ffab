"""The ledger: grants posted once, balance as a sum, rows never changed, comp time oldest first."""

from datetime import date

import pytest

from chaiqin.leave import ledger
from chaiqin.leave.models import BalanceEntry

pytestmark = pytest.mark.django_db


def test_civil_personal_leave_is_granted_seven_days_once_a_calendar_year(world):
    # 公務人員請假規則第3條: 事假每年准給7日
    assert ledger.balance(world.alice, "personal", date(2026, 3, 9)) == 7 * 480
    assert ledger.balance(world.alice, "personal", date(2026, 6, 1)) == 7 * 480
    assert BalanceEntry.objects.filter(person=world.alice, account="personal", kind="grant").count() == 1  # at hire
    ledger.grants_post(person=world.alice, on=date(2026, 3, 9))
    ledger.grants_post(person=world.alice, on=date(2026, 6, 1))
    assert BalanceEntry.objects.filter(person=world.alice, account="personal", kind="grant").count() == 1


def test_annual_leave_is_granted_by_seniority(world):
    # alice hired 2019-07-01: six full years of service at the end of 2025 → 21 days (公務人員請假規則第7條)
    assert ledger.balance(world.alice, "annual", date(2026, 3, 9)) == 21 * 480


def test_teacher_personal_leave_runs_by_school_year(world):
    # 教師請假規則第3條: 事假每學年7日; the school year runs 8/1–7/31
    start, end = ledger.period_of(world.gina, "personal", date(2026, 3, 9))
    assert (start, end) == (date(2025, 8, 1), date(2026, 7, 31))


def test_ledger_rows_can_never_be_changed_or_deleted(world):
    row = ledger.ensure_grant(world.alice, "personal", date(2026, 3, 9))
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()
    with pytest.raises(PermissionError):
        BalanceEntry.objects.filter(pk=row.pk).update(minutes=1)
    with pytest.raises(PermissionError):
        BalanceEntry.objects.filter(pk=row.pk).delete()


def test_comp_time_is_used_oldest_first_and_expired_hours_are_not_available(world):
    # 勞動基準法第32條之1; seed 003 Q.6: 依加班事實發生先後順序補休
    old = ledger.comp_time_grant(person=world.alice, minutes=120, earned_on=date(2025, 12, 1), expires_on=date(2026, 11, 30))
    ledger.comp_time_grant(person=world.alice, minutes=180, earned_on=date(2026, 2, 1), expires_on=date(2027, 1, 31))
    ledger.comp_time_grant(person=world.alice, minutes=60, earned_on=date(2025, 1, 1), expires_on=date(2025, 12, 31))
    assert ledger.comp_time_available(world.alice, date(2026, 3, 9)) == 300
    allocation = ledger.comp_time_allocate(world.alice, 180, date(2026, 3, 9))
    assert [(g.pk, m) for g, m in allocation][0] == (old.pk, 120)
    assert sum(m for _, m in allocation) == 180


def test_minutes_are_shown_as_days_and_hours():
    assert ledger.format_minutes(2 * 480 + 240) == "2日4時"
    assert ledger.format_minutes(210) == "3時30分"
    assert ledger.format_minutes(0) == "0時"
