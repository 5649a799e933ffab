"""wage_record_set: the personnel office keeps wage rows with their in-force dates."""

from datetime import date
from decimal import Decimal

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.payroll import selectors, services

pytestmark = pytest.mark.django_db


def test_a_new_row_closes_the_one_in_force_the_day_before(world):
    old = services.wage_record_set(by=world.carol, person=world.alice, valid_from=date(2026, 1, 1), basis="salary",
                                   salary=38000, professional=22000)
    new = services.wage_record_set(by=world.carol, person=world.alice, valid_from=date(2026, 7, 1), basis="salary",
                                   salary=39500, professional=22000)
    old.refresh_from_db()
    assert old.valid_to == date(2026, 6, 30) and new.valid_to is None
    assert selectors.wage_on(world.alice, date(2026, 6, 30)).salary == Decimal("38000.00")
    assert selectors.wage_on(world.alice, date(2026, 7, 1)).salary == Decimal("39500.00")
    assert selectors.wage_on(world.alice, date(2025, 12, 31)) is None


def test_a_row_entered_between_two_ends_before_the_later_one(world):
    services.wage_record_set(by=world.carol, person=world.alice, valid_from=date(2026, 1, 1), basis="salary", salary=1)
    services.wage_record_set(by=world.carol, person=world.alice, valid_from=date(2026, 9, 1), basis="salary", salary=3)
    middle = services.wage_record_set(by=world.carol, person=world.alice, valid_from=date(2026, 5, 1), basis="salary",
                                      salary=2)
    assert middle.valid_to == date(2026, 8, 31)
    book = selectors.WageBook([world.alice.pk], date(2026, 1, 1), date(2026, 12, 31))
    assert [book.on(world.alice.pk, date(2026, m, 15)).salary for m in (4, 5, 8, 9)] == [1, 2, 2, 3]


def test_only_the_personnel_office_of_the_agency_keeps_wages(world):
    for outsider in (world.alice, world.bob, world.diana, world.frank, world.hank):
        with pytest.raises(ChaiqinError, match="人事人員"):
            services.wage_record_set(by=outsider, person=world.alice, valid_from=date(2026, 1, 1), basis="salary",
                                     salary=38000)


def test_the_basis_must_fit_the_regime(world):
    with pytest.raises(ChaiqinError, match="計薪方式應為"):
        services.wage_record_set(by=world.carol, person=world.alice, valid_from=date(2026, 1, 1), basis="hourly",
                                 hourly_wage=200)
    with pytest.raises(ChaiqinError, match="不使用"):
        services.wage_record_set(by=world.carol, person=world.alice, valid_from=date(2026, 1, 1), basis="single",
                                 single_pay=41000, salary=38000)
    with pytest.raises(ChaiqinError, match="0 以上"):
        services.wage_record_set(by=world.carol, person=world.alice, valid_from=date(2026, 1, 1), basis="salary",
                                 salary=-5)
