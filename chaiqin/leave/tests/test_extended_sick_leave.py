"""延長病假 through the services: two years from its first day, again after a year back at work
(公務人員請假規則第3條第1項第2款); each year's 事假 and 病假 first when it crosses into the next year
(銓敘部72年12月7日72台楷典三字第51593號函); used up, 留職停薪 applies (公務人員請假規則第5條); a
teacher's break between two spells counted (教師請假規則第3條; the school personnel offices' Q&A,
教師 Q.3: 「開學後再請延長病假時，其延長病假視為未中斷，且不得扣除寒暑假之日數」)."""

from datetime import date, timedelta

import pytest

from chaiqin.calendar import selectors as office_calendar
from chaiqin.errors import ChaiqinError
from chaiqin.leave import ledger, services
from chaiqin.org.models import Person
from chaiqin.org.services import person_create

from .conftest import approve_all, at

pytestmark = pytest.mark.django_db


def file(person, agent, code, start, end):
    return services.leave_request_submit(person=person, leave_code=code, start=at(start), end=at(end),
                                         agent=agent, reason="重病治療")


def take(person, agent, code, start, end):
    return approve_all(file(person, agent, code, start, end))


def take_days(person, agent, code, first, days):
    """Take `days` whole workdays of `code` from `first` on; returns the day after the last one."""
    workdays = [d.date for d in office_calendar.days_between(person.agency, first, first + timedelta(days=3 * days + 30))
                if d.is_workday][:days]
    take(person, agent, code, f"{workdays[0]} 08:00", f"{workdays[-1]} 17:00")
    return workdays[-1] + timedelta(days=1)


def use_up_2026(world, ivy):
    """alice's 病假 28 days, 事假 7 days and 休假 21 days of 2026, all taken."""
    after = take_days(world.alice, ivy, "sick", date(2026, 1, 5), 28)
    after = take_days(world.alice, ivy, "personal", after, 7)
    take_days(world.alice, ivy, "annual", after, 21)
    assert [ledger.balance(world.alice, k, date(2026, 4, 1)) for k in ("sick", "personal", "annual")] == [0, 0, 0]


def test_the_window_runs_two_years_from_the_first_day_not_calendar_pairs(world, ivy):
    use_up_2026(world, ivy)
    first = file(world.alice, ivy, "extended_sick", "2026-05-04 00:00", "2026-06-01 00:00")  # 28 calendar days
    assert first.minutes == 28 * 480
    approve_all(first)
    # not the calendar pair 2026–2027: two years from 2026-05-04
    assert ledger.period_of(world.alice, "extended_sick", date(2026, 12, 1)) == (date(2026, 5, 4), date(2028, 5, 3))
    assert ledger.used(world.alice, "extended_sick", date(2026, 12, 1)) == 28 * 480
    # 銷假上班一年以上: a spell beginning a year after the last one ended starts a new window
    assert ledger.period_of(world.alice, "extended_sick", date(2027, 6, 1)) == (date(2027, 6, 1), date(2029, 5, 31))
    assert ledger.period_of(world.alice, "extended_sick", date(2027, 5, 31)) == (date(2026, 5, 4), date(2028, 5, 3))


def test_a_request_crossing_into_the_next_year_is_refused_until_its_leave_is_used(world, ivy):
    use_up_2026(world, ivy)
    with pytest.raises(ChaiqinError, match="跨越年度時，應先扣除新年度之事假、病假.*115-12-31") as exc:
        file(world.alice, ivy, "extended_sick", "2026-12-01 00:00", "2027-01-10 00:00")
    assert "72台楷典三字第51593號" in exc.value.citation


def test_used_up_the_system_says_unpaid_leave_applies(world, ivy):
    use_up_2026(world, ivy)
    take(world.alice, ivy, "extended_sick", "2026-04-06 00:00", "2027-01-01 00:00")  # 270 days, to 2026-12-31
    after = take_days(world.alice, ivy, "sick", date(2027, 1, 4), 28)
    after = take_days(world.alice, ivy, "personal", after, 7)
    take_days(world.alice, ivy, "annual", after, ledger.balance(world.alice, "annual", date(2027, 3, 1)) // 480)
    assert ledger.balance(world.alice, "annual", date(2027, 3, 1)) == 0
    # 95 days are left of the year in the window; asking 100 runs past it
    with pytest.raises(ChaiqinError, match="應予留職停薪"):
        file(world.alice, ivy, "extended_sick", "2027-05-01 00:00", "2027-08-09 00:00")
    assert file(world.alice, ivy, "extended_sick", "2027-05-01 00:00", "2027-08-04 00:00").minutes == 95 * 480


def test_a_teacher_back_for_the_break_and_sick_again_after_term_starts_has_the_break_counted(world):
    agent = person_create(agency=world.school, unit=world.gina.unit, employee_no="T3", name="周老師", gender="M",
                          post=Person.Post.TEACHER, hire_date=date(2015, 3, 1), supervisor=world.gina.supervisor,
                          username="t3", password="correct-horse-battery", email="t3@example.gov.tw")
    after = take_days(world.gina, agent, "sick", date(2025, 9, 1), 28)
    take_days(world.gina, agent, "personal", after, 7)
    take(world.gina, agent, "extended_sick", "2025-11-03 00:00", "2026-01-21 00:00")  # to 2026-01-20
    # winter break 2026-01-21 to 2026-02-15 (26 days); asked again from 2026-02-23, after the term started
    again = file(world.gina, agent, "extended_sick", "2026-02-23 00:00", "2026-03-02 00:00")  # 7 days
    assert again.minutes == (7 + 26) * 480
    assert "寒暑假26日計入延長病假" in again.charge[0]["explanation"]
    # across two school years each year's 事假 and 病假 come first
    with pytest.raises(ChaiqinError, match="跨越學年度.*115-07-31"):
        file(world.gina, agent, "extended_sick", "2026-07-20 00:00", "2026-08-10 00:00")
