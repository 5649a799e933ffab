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


def test_the_dashboard_counts_them_and_lists_the_ten_soonest_the_rest_folded(world, client, settings):
    import re

    from chaiqin.org.models import Person

    settings.CHAIQIN_NOW = "2026-11-24T09:00"
    county = list(Person.objects.filter(agency=world.county))
    for n, person in enumerate(county):  # two comp-time grants each, lapsing on different days
        for days in (0, 20):
            ledger.post(person=person, account=ledger.COMP_TIME, kind="grant", minutes=120 + n,
                        period_start=date(2026, 1, 1), period_end=date(2026, 12, 1 + days), note="加班補休",
                        earned_on=date(2026, 1, 5), expires_on=date(2026, 12, 1 + days))
    expected = records.expiring_balances([p.pk for p in county], within_days=60, today=date(2026, 11, 24))
    assert len(expected) >= 2 * len(county) > 10

    client.force_login(world.carol.user)
    body = client.get("/compliance/").content.decode()
    assert f"共 {len(expected)} 筆，依到期日先後" in body
    shown = re.search(r'data-testid="expiring">(.*?)</ul>', body, re.S).group(1)
    rest = re.search(r'data-testid="expiring-rest"><summary>(.*?)</summary>(.*?)</details>', body, re.S)
    assert shown.count("<li>") == 10 and "115-12-01 到期" in shown
    assert rest.group(1) == f"其餘 {len(expected) - 10} 筆" and rest.group(2).count("<li>") == len(expected) - 10
