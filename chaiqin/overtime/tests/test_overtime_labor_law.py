"""Workers' overtime through the services: the labour-management agreement as an agency setting
(勞動基準法第32條第2項) and comp time ending with the leave year (施行細則第22條之2, §32-1 II)."""

from datetime import date

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.org.models import Person
from chaiqin.org.services import person_create
from chaiqin.overtime import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(world):
    return person_create(agency=world.county, unit=world.civil_affairs, employee_no="W1", name="技工甲", gender="M",
                         post=Person.Post.WORKER, hire_date=date(2025, 3, 1), supervisor=world.bob)


def evenings(month: str, days, hours: int = 3):
    return [(f"{month}-{d:02d}T18:00", f"{month}-{d:02d}T{18 + hours}:00") for d in days]


WORKDAYS_MARCH = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24, 25]  # 18 workdays


def test_without_an_agreement_a_worker_is_held_to_46_hours_a_month(world, worker, settings, ask):
    # 勞動基準法第32條第2項: 46 h a month
    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    with pytest.raises(ChaiqinError) as refused:
        ask(worker, evenings("2026-03", WORKDAYS_MARCH[:16]))  # 48 h
    assert refused.value.code == "monthly_ot_over_cap"


def test_the_agencys_agreement_allows_54_hours_a_month_from_its_date(world, worker, settings, ask):
    # 勞動基準法第32條第2項但書: with the 勞資會議's agreement, 54 h a month and 138 h in 3 months
    world.county.labor_agreement_on = date(2026, 3, 1)
    world.county.save(update_fields=["labor_agreement_on"])
    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    ask(worker, evenings("2026-03", WORKDAYS_MARCH))  # 54 h: allowed
    with pytest.raises(ChaiqinError) as refused:
        ask(worker, [("2026-03-26T18:00", "2026-03-26T19:00")])  # 55 h
    assert refused.value.code == "monthly_ot_over_cap" and "但書" in refused.value.citation


def test_an_agreement_dated_later_does_not_apply_before_it(world, worker, settings, ask):
    world.county.labor_agreement_on = date(2026, 4, 1)
    world.county.save(update_fields=["labor_agreement_on"])
    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    with pytest.raises(ChaiqinError):
        ask(worker, evenings("2026-03", WORKDAYS_MARCH[:16]))  # 48 h in March: before the agreement


def test_a_workers_comp_time_ends_with_the_annual_leave_year(world, worker):
    # 施行細則第22條之2: at the latest the last day of the annual-leave year; hired 1 March, counted by
    # anniversary: comp time earned in January 2026 lasts to 2026-02-28, not a whole year
    assert services.comp_time_expiry(worker, date(2026, 1, 15)) == date(2026, 2, 28)
    assert services.comp_time_expiry(worker, date(2026, 3, 2)) == date(2027, 2, 28)
    world.county.labor_leave_basis = "calendar"
    world.county.save(update_fields=["labor_leave_basis"])
    worker.refresh_from_db()
    assert services.comp_time_expiry(worker, date(2026, 1, 15)) == date(2026, 12, 31)
    # civil servants keep the agency's term (no leave-year limit)
    assert services.comp_time_expiry(world.alice, date(2026, 1, 15)) == date(2027, 1, 14)
