"""留職停薪 stops the clock, read from the console's dated periods (org.StatusPeriod), per regime:
no leave on its days, no punches expected, and annual leave afterwards by the seniority that leaves
the time out (公務人員請假規則第7條、第8條; 教師請假規則第8條; 勞動基準法第38條第1項 and the Ministry
of Labor's reading that the time on 留職停薪 is not service)."""

from datetime import date

import pytest

from chaiqin.attendance import selectors as attendance
from chaiqin.errors import ChaiqinError
from chaiqin.leave import ledger, services
from chaiqin.org import staffing
from chaiqin.org.models import Person
from chaiqin.org.services import person_create

from .conftest import at

pytestmark = pytest.mark.django_db
ON = date(2026, 3, 9)  # the frozen today


def submit(person, agent, code, start, end):
    return services.leave_request_submit(person=person, leave_code=code, start=at(start), end=at(end),
                                         agent=agent, reason="家中有事")


def hire(world, no, post, hired, agency=None, unit=None):
    return person_create(agency=agency or world.county, unit=unit or world.civil_affairs, employee_no=no, name=f"同仁{no}",
                         gender="F", post=post, hire_date=hired, supervisor=world.bob if agency is None else None,
                         username=no.lower(),
                         password="correct-horse-battery", email=f"{no.lower()}@example.gov.tw")


def test_civil_servant_no_leave_on_the_days_of_a_dated_period_only(world, ivy):
    staffing.staff_unpaid_leave(actor=world.carol, person=world.alice, kind="parental", start=date(2026, 4, 1),
                                end=date(2026, 9, 30))
    world.alice.refresh_from_db()
    assert world.alice.status == Person.Status.ACTIVE  # the period lies ahead: today she serves
    with pytest.raises(ChaiqinError, match="115-04-01至115-09-30為留職停薪期間") as exc:
        submit(world.alice, ivy, "personal", "2026-03-31 08:00", "2026-04-01 17:00")
    assert exc.value.citation == "公務人員留職停薪辦法"
    assert submit(world.alice, ivy, "personal", "2026-03-30 08:00", "2026-03-30 17:00").minutes == 480
    assert submit(world.alice, ivy, "personal", "2026-10-01 08:00", "2026-10-01 17:00").minutes == 480


def test_no_punch_expected_and_no_absence_on_the_days_of_the_period(world):
    staffing.staff_unpaid_leave(actor=world.carol, person=world.alice, kind="parental", start=date(2026, 2, 2),
                                end=date(2026, 2, 6))
    days = attendance.daily_statuses([world.alice], date(2026, 2, 2), date(2026, 2, 9))[world.alice.pk]
    codes = {d.day: d.codes for d in days}
    assert all(codes[date(2026, 2, d)] == ("unpaid_leave",) for d in range(2, 7))
    assert "absent" in codes[date(2026, 2, 9)]  # back at work, no punch: 曠職 again


def test_civil_annual_leave_of_the_year_touched_is_by_months_in_service(world):
    # 公務人員請假規則第7條、第8條: hired 2019-07-01, 21 days in 2026; away April–September, 6 months
    # in service: 21 × 6/12 = 10.5 days (under half a day counted as half a day)
    assert ledger.balance(world.alice, "annual", ON) == 21 * 480
    staffing.staff_unpaid_leave(actor=world.carol, person=world.alice, kind="parental", start=date(2026, 4, 1))
    assert ledger.balance(world.alice, "annual", ON) == 21 * 480 * 3 // 12 + 120  # open: Jan–Mar, 5.25 → 5.5
    staffing.staff_reinstate(actor=world.carol, person=world.alice, on=date(2026, 10, 1))
    assert ledger.balance(world.alice, "annual", ON) == 10 * 480 + 240


def test_civil_seniority_leaves_the_time_away_out(world):
    # hired 2018-01-01: 9 years of service at the end of 2026 → 28 days in 2027; 留職停薪 of 183 days
    # in 2025 moves the start to 2018-07-03: 8 years → 21 days
    person = hire(world, "SEN", Person.Post.ADMIN, date(2018, 1, 1))
    assert ledger.granted_minutes(person, "annual", date(2027, 3, 1)) == 28 * 480
    staffing.staff_unpaid_leave(actor=world.carol, person=person, kind="family_care", start=date(2025, 4, 1),
                                end=date(2025, 9, 30))
    assert ledger.granted_minutes(person, "annual", date(2027, 3, 1)) == 21 * 480


def test_teacher_no_leave_during_the_period(world):
    agent = hire(world, "T9", Person.Post.TEACHER, date(2015, 3, 1), agency=world.school, unit=world.gina.unit)
    staffing.staff_unpaid_leave(actor=world.hank, person=world.gina, kind="study", start=date(2026, 3, 16))
    with pytest.raises(ChaiqinError, match="留職停薪期間") as exc:
        submit(world.gina, agent, "personal", "2026-03-16 08:00", "2026-03-16 17:00")
    assert exc.value.citation == "教育人員留職停薪辦法"
    with pytest.raises(ChaiqinError, match="留職停薪，無法代理"):
        submit(agent, world.gina, "personal", "2026-03-20 08:00", "2026-03-20 17:00")


def test_worker_special_leave_counts_seniority_without_the_time_away(world):
    # 勞動基準法第38條第1項: hired 2016-03-01, 10 years on 2026-03-01 → 16 days; 留職停薪 from
    # 2022-03-01 to 2023-02-28 (365 days) is not service: 9 years → 15 days
    worker = hire(world, "LAB", Person.Post.TECHNICIAN, date(2016, 3, 1))
    assert worker.regime == "labor"
    assert ledger.balance(worker, "annual", ON) == 16 * 480
    staffing.staff_unpaid_leave(actor=world.carol, person=worker, kind="parental", start=date(2022, 3, 1),
                                end=date(2023, 2, 28))
    assert ledger.balance(worker, "annual", ON) == 15 * 480
    rows = ledger.BalanceEntry.objects.filter(person=worker, account="annual", kind="grant").order_by("pk")
    assert [r.minutes for r in rows] == [16 * 480, -480]
    assert "勞動部" in rows[1].note
