"""The dashboard's balances about to lapse: annual leave and comp time only, in Chinese, as 日/時."""

from datetime import date

import pytest

from chaiqin.compliance import records
from chaiqin.leave import ledger

pytestmark = pytest.mark.django_db


def test_only_annual_leave_and_comp_time_are_listed_with_their_chinese_names(world):
    year_end = date(2026, 12, 31)
    # the grants posted at hire (today's year) are taken out first, so the year holds only the rows below
    for account in ("annual", "personal"):
        held = ledger.balance(world.alice, account, date(2026, 6, 1)) if ledger.BalanceEntry.objects.filter(
            person=world.alice, account=account, kind="grant", period_start=date(2026, 1, 1)).exists() else 0
        if held:
            ledger.post(person=world.alice, account=account, kind="use", minutes=-held,
                        period_start=date(2026, 1, 1), period_end=year_end, note="已使用")
    ledger.post(person=world.alice, account="annual", kind="grant", minutes=7 * 480 + 240,
                period_start=date(2026, 1, 1), period_end=year_end, note="年度休假")
    ledger.post(person=world.alice, account="personal", kind="grant", minutes=7 * 480,
                period_start=date(2026, 1, 1), period_end=year_end, note="事假額度")
    rows = records.expiring_balances([world.alice.pk], within_days=60, today=date(2026, 11, 24))
    assert [(r["name"], r["left_text"]) for r in rows] == [("休假", "7日4時")]
    assert records.expiring_balances([world.alice.pk], within_days=30, today=date(2026, 10, 1)) == []
