"""unused_leave_pay_post: 未休假加班費 (休假改進措施, ÷30 a day, within the budget), LSA 特休 not
taken (§38 IV, one day's wage a day) and comp time at expiry (§32-1 II, the day's rate). The days
paid are checked against the ledger and the leave year's close."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.leave import deferrals, ledger, yearend
from chaiqin.org.models import Person
from chaiqin.payroll import services, sheets

pytestmark = pytest.mark.django_db
D = ledger.DAY_MINUTES


def closed_year(person, taken_days, year=2026) -> date:
    """`person`'s annual leave of the leave year holding June `year`: granted, `taken_days` taken,
    and the year closed by the year-end run; returns the year's last day."""
    on = date(year, 6, 1)
    ledger.ensure_grant(person, "annual", on)
    start, end = ledger.period_of(person, "annual", on)
    ledger.post(person=person, account="annual", kind="use", minutes=-int(taken_days * D), period_start=start,
                period_end=end, note="已休")
    yearend.leave_year_close(on=end + timedelta(days=1))
    return end


def test_a_civil_servant_is_paid_a_thirtieth_of_the_monthly_pay_a_day_within_the_budget(world):
    services.wage_record_set(by=world.carol, person=world.alice, valid_from=date(2026, 1, 1), basis="salary",
                             salary=38000, professional=22000)
    services.wage_record_set(by=world.carol, person=world.bob, valid_from=date(2026, 1, 1), basis="salary",
                             salary=45000, professional=25000)
    services.payroll_setting_set(by=world.carol, agency=world.county, unused_leave_budget=10000)
    closed_year(world.bob, 24)
    end = closed_year(world.alice, 17)  # of 21 days, 4 kept at the close
    paid = services.unused_leave_pay_post(by=world.carol, person=world.alice, kind="civil_annual",
                                          period_end=end, minutes=4 * 480)
    assert (paid.amount, paid.day_rate) == (Decimal("8000.00"), Decimal("2000.00"))  # 4 × 60,000 ÷ 30
    with pytest.raises(ChaiqinError, match="預算"):
        services.unused_leave_pay_post(by=world.carol, person=world.bob, kind="civil_annual",
                                       period_end=end, minutes=480)
    rows = sheets.unused_leave_sheet(Person.objects.filter(agency=world.county), 2026)
    assert [(r.person.name, r.amount) for r in rows] == [("陳雅婷", Decimal("8000.00"))]


def test_civil_pay_is_only_for_days_kept_beyond_the_compulsory_ones_and_they_leave_the_balance(world):
    # 行政院與所屬中央及地方各機關公務人員休假改進措施: 10 days must be taken; unused days inside them
    # lapse, the days beyond are kept (or, chosen at the close, paid as 未休假加班費)
    services.wage_record_set(by=world.carol, person=world.alice, valid_from=date(2026, 1, 1), basis="salary",
                             salary=38000, professional=22000)
    with pytest.raises(ChaiqinError, match="尚未辦理年度結算.*休假改進措施"):
        services.unused_leave_pay_post(by=world.carol, person=world.alice, kind="civil_annual",
                                       period_end=date(2026, 12, 31), minutes=480)
    end = closed_year(world.alice, 6)
    entitled = ledger.granted_minutes(world.alice, "annual", date(2026, 6, 1)) // D
    assert entitled == 21  # 公務人員請假規則第7條: 7 years of service in 2026
    # 6 taken: the 4 unused inside the compulsory 10 lapse, the 11 beyond are kept; only those may be paid
    with pytest.raises(ChaiqinError, match="11 日，所請 12 日超過.*休假改進措施"):
        services.unused_leave_pay_post(by=world.carol, person=world.alice, kind="civil_annual",
                                       period_end=end, minutes=12 * 480)
    next_year = date(2027, 3, 1)
    before = ledger.balance(world.alice, "annual", next_year)
    services.unused_leave_pay_post(by=world.carol, person=world.alice, kind="civil_annual", period_end=end,
                                   minutes=3 * 480)
    # paid, not kept: the 3 days leave next year's balance
    assert ledger.balance(world.alice, "annual", next_year) == before - 3 * D


def test_a_workers_annual_leave_not_taken_pays_a_days_wage_a_day(world, worker):
    end = closed_year(worker, 3)
    paid = services.unused_leave_pay_post(by=world.carol, person=worker, kind="labor_annual",
                                          period_end=end, minutes=3 * 480 + 240)
    assert paid.amount == Decimal("4200.00")  # 3.5 days × 36,000 ÷ 30
    assert "第38條第4項" in paid.citation


def test_a_worker_is_paid_only_the_days_the_close_left_unused_and_not_deferred(world, worker):
    # 勞動基準法第38條第4項: days not taken by the year's end are paid, unless deferred by agreement
    end = closed_year(worker, ledger.granted_minutes(worker, "annual", date(2026, 6, 1)) / D - 2)  # 2 days left
    with pytest.raises(ChaiqinError, match="2 日，所請 3 日超過.*第38條第4項"):
        services.unused_leave_pay_post(by=world.carol, person=worker, kind="labor_annual", period_end=end,
                                       minutes=3 * 480)
    assert services.unused_leave_pay_post(by=world.carol, person=worker, kind="labor_annual", period_end=end,
                                          minutes=2 * 480).amount == Decimal("2400.00")


def test_a_workers_days_deferred_by_agreement_are_not_paid_at_the_years_end(world, worker):
    # The deferral is agreed with this worker (勞動基準法第38條第4項), before the year is closed.
    deferrals.deferral_record(actor=world.carol, person=worker, on=date(2026, 6, 1), agreed=True, note="同意遞延")
    end = closed_year(worker, 1)
    with pytest.raises(ChaiqinError, match="0 日.*第38條第4項"):
        services.unused_leave_pay_post(by=world.carol, person=worker, kind="labor_annual", period_end=end,
                                       minutes=480)


def test_a_workers_expired_comp_time_is_paid_at_the_rate_of_the_day_it_was_earned(world, worker):
    # 3 h earned on a rest day at 150 an hour: 2 × 150 × 4/3 + 150 × 5/3 = 650 (§24(2), §32-1 II).
    paid = services.unused_leave_pay_post(by=world.carol, person=worker, kind="labor_comp_time",
                                          period_end=date(2026, 12, 31), minutes=180, earned_on=date(2026, 3, 7),
                                          day_kind="rest_day")
    assert paid.amount == Decimal("650.00")


def test_the_kind_must_fit_the_regime_and_only_personnel_posts(world, worker):
    with pytest.raises(ChaiqinError, match="不適用"):
        services.unused_leave_pay_post(by=world.carol, person=worker, kind="civil_annual",
                                       period_end=date(2026, 12, 31), minutes=480)
    with pytest.raises(ChaiqinError, match="人事人員"):
        services.unused_leave_pay_post(by=world.bob, person=worker, kind="labor_annual",
                                       period_end=date(2026, 12, 31), minutes=480)


def test_the_personnel_office_posts_it_on_the_sheets_page_and_no_one_else_can(world, worker, client):
    assert closed_year(worker, 3) == date(2026, 12, 31)
    client.force_login(world.carol.user)
    response = client.post("/payroll/unused-leave/?year=2026", {"employee_no": "DRV1", "kind": "labor_annual",
                                                               "period_end": "2026-12-31", "hours": "16"})
    assert response.status_code == 302
    assert "2,400.00" in client.get("/payroll/unused-leave/?year=2026").content.decode()  # 2 days × 1,200
    client.force_login(world.alice.user)
    assert client.post("/payroll/unused-leave/?year=2026", {"employee_no": "DRV1", "kind": "labor_annual",
                                                           "period_end": "2027-12-31", "hours": "8"}).status_code == 403
    client.force_login(world.hank.user)
    client.post("/payroll/unused-leave/?year=2027", {"employee_no": "DRV1", "kind": "labor_annual",
                                                    "period_end": "2027-12-31", "hours": "8"})
    assert sheets.unused_leave_sheet(Person.objects.all(), 2027) == []
