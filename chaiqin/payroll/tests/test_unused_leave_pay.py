"""unused_leave_pay_post: 未休假加班費 (休假改進措施, ÷30 a day, within the budget), LSA 特休 not
taken (§38 IV, one day's wage a day) and comp time at expiry (§32-1 II, the day's rate)."""

from datetime import date
from decimal import Decimal

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.org.models import Person
from chaiqin.payroll import services, sheets

pytestmark = pytest.mark.django_db


def test_a_civil_servant_is_paid_a_thirtieth_of_the_monthly_pay_a_day_within_the_budget(world):
    services.wage_record_set(by=world.carol, person=world.alice, valid_from=date(2026, 1, 1), basis="salary",
                             salary=38000, professional=22000)
    services.payroll_setting_set(by=world.carol, agency=world.county, unused_leave_budget=10000)
    paid = services.unused_leave_pay_post(by=world.carol, person=world.alice, kind="civil_annual",
                                          period_end=date(2026, 12, 31), minutes=4 * 480)
    assert (paid.amount, paid.day_rate) == (Decimal("8000.00"), Decimal("2000.00"))  # 4 × 60,000 ÷ 30
    services.wage_record_set(by=world.carol, person=world.bob, valid_from=date(2026, 1, 1), basis="salary",
                             salary=45000, professional=25000)
    with pytest.raises(ChaiqinError, match="預算"):
        services.unused_leave_pay_post(by=world.carol, person=world.bob, kind="civil_annual",
                                       period_end=date(2026, 12, 31), minutes=480)
    rows = sheets.unused_leave_sheet(Person.objects.filter(agency=world.county), 2026)
    assert [(r.person.name, r.amount) for r in rows] == [("陳雅婷", Decimal("8000.00"))]


def test_a_workers_annual_leave_not_taken_pays_a_days_wage_a_day(world, worker):
    paid = services.unused_leave_pay_post(by=world.carol, person=worker, kind="labor_annual",
                                          period_end=date(2026, 12, 31), minutes=3 * 480 + 240)
    assert paid.amount == Decimal("4200.00")  # 3.5 days × 36,000 ÷ 30
    assert "第38條第4項" in paid.citation


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
