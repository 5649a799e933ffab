"""The law of leave through the services: pay deducted beyond a quota, first-year proration,
sick leave beyond 28 days, the school morning (公務人員請假規則第3條, 教師請假規則第3條)."""

from datetime import date

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.leave import ledger, selectors, services
from chaiqin.leave.models import BalanceEntry
from chaiqin.org.models import Person
from chaiqin.org.services import person_create

from .conftest import approve_all, at

pytestmark = pytest.mark.django_db
ON = date(2026, 3, 9)


def submit(person, agent, code, start, end, **kw):
    return services.leave_request_submit(person=person, leave_code=code, start=at(start), end=at(end),
                                         agent=agent, reason="家中有事", **kw)


def used_up(person, agent, code, start, end):
    approve_all(submit(person, agent, code, start, end))


def test_personal_leave_beyond_seven_days_is_accepted_and_charged_as_pay_deducted(world, ivy):
    # 公務人員請假規則第3條第1項第1款: 「超過規定日數之事假，應按日扣除俸(薪)給」
    req = submit(world.alice, ivy, "personal", "2026-03-10 08:00", "2026-03-18 17:00")  # 7 workdays
    assert req.minutes == 7 * 480
    over = submit(world.alice, ivy, "personal", "2026-03-19 08:00", "2026-03-19 17:00")  # the 8th day
    assert [(p["pay_label"], p["minutes"], p["deducted"]) for p in over.charge] == [("按日扣除俸給", 480, True)]
    assert "第3條第1項第1款" in over.charge[0]["citation"]
    held = BalanceEntry.objects.filter(case=over.case, account=ledger.PAY_DEDUCTED, kind="hold")
    assert [r.minutes for r in held] == [-480]
    approve_all(over)
    assert ledger.used(world.alice, ledger.PAY_DEDUCTED, ON) == 480
    assert ledger.balance(world.alice, "personal", ON) == 0


def test_the_preview_says_the_deduction(world, ivy):
    used_up(world.alice, ivy, "personal", "2026-03-10 08:00", "2026-03-18 17:00")
    ev = services.evaluate(person=world.alice, leave_code="personal", start=at("2026-03-19 08:00"),
                           end=at("2026-03-19 12:00"))
    assert ev.pay_summary == "按日扣除俸給4時"


def test_teacher_personal_leave_beyond_seven_days_has_pay_deducted(world):
    # 教師請假規則第3條: 事假每學年7日; beyond, 按日扣除薪給
    agent = person_create(agency=world.school, unit=world.gina.unit, employee_no="T2", name="周老師", gender="M",
                          post=Person.Post.TEACHER, hire_date=date(2015, 3, 1), supervisor=world.gina.supervisor,
                          username="t2", password="correct-horse-battery", email="t2@example.gov.tw")
    used_up(world.gina, agent, "personal", "2026-03-10 08:00", "2026-03-18 17:00")
    over = submit(world.gina, agent, "personal", "2026-03-19 08:00", "2026-03-19 17:00")
    assert over.charge[0]["pay_label"] == "按日扣除薪給" and over.charge[0]["deducted"]


def test_sick_leave_beyond_28_days_uses_personal_leave_then_pay_is_deducted_never_annual_leave(world, ivy):
    # 公務人員請假規則第3條第1項第2款; 銓敘部 (花蓮縣政府108.1.16府人訓字第1080012300號): no 事假 left,
    # deduct by the day; 休假 is never taken without the person asking for it
    used_up(world.alice, ivy, "sick", "2026-01-05 08:00", "2026-02-11 17:00")  # 28 workdays
    assert ledger.balance(world.alice, "sick", ON) == 0
    used_up(world.alice, ivy, "personal", "2026-04-13 08:00", "2026-04-20 17:00")  # 6 of 7 days of 事假
    assert ledger.balance(world.alice, "personal", ON) == 480
    annual = ledger.balance(world.alice, "annual", ON)
    req = submit(world.alice, ivy, "sick", "2026-03-10 08:00", "2026-03-11 17:00")
    assert [(p["quotas"], p["pay_label"], p["minutes"]) for p in req.charge] == [
        (["personal"], "全薪", 480), (["pay_deducted"], "按日扣除俸給", 480)]
    assert "1080012300" in req.charge[1]["citation"]
    assert ledger.balance(world.alice, "annual", ON) == annual


def test_first_year_personal_and_sick_leave_are_prorated(world, ivy):
    # 公務人員請假規則第3條第2項: hired in March, 10 months: 事假 7×10/12 → 6 days, 病假 28×10/12 → 23.5
    newcomer = person_create(agency=world.county, unit=world.civil_affairs, employee_no="NEW", name="新進員",
                             gender="M", post=Person.Post.ADMIN, hire_date=date(2026, 3, 2), supervisor=world.bob,
                             username="newcomer", password="correct-horse-battery", email="n@example.gov.tw")
    assert ledger.balance(newcomer, "personal", ON) == 6 * 480
    assert ledger.balance(newcomer, "sick", ON) == 23 * 480 + 240
    lines = {line.account: line for line in selectors.balance_lines(newcomer, ON)}
    assert lines["personal"].available == 6 * 480
    ev = services.evaluate(person=newcomer, leave_code="personal", start=at("2026-03-10 08:00"),
                           end=at("2026-03-17 17:00"))  # 6 workdays: all inside the prorated quota
    assert all(not p["deducted"] for p in ev.parts)
    ev = services.evaluate(person=newcomer, leave_code="personal", start=at("2026-03-10 08:00"),
                           end=at("2026-03-18 17:00"))  # the 7th day is beyond it
    assert [p["deducted"] for p in ev.parts] == [False, True]
    assert ledger.balance(world.alice, "personal", ON) == 7 * 480  # hired 2019: the whole quota


def test_school_morning_leave_ending_after_1230_is_refused_with_the_rule(world):
    # seed 003 Q.10: whoever cannot clock in by 12:30 asks for leave until 14:00 (5 hours)
    with pytest.raises(ChaiqinError, match="14:00"):
        services.evaluate(person=world.gina, leave_code="personal", start=at("2026-03-10 08:00"),
                          end=at("2026-03-10 13:00"))
    ev = services.evaluate(person=world.gina, leave_code="personal", start=at("2026-03-10 08:00"),
                           end=at("2026-03-10 14:00"))
    assert ev.minutes == 300
    assert services.evaluate(person=world.gina, leave_code="personal", start=at("2026-03-10 08:00"),
                             end=at("2026-03-10 12:00")).minutes == 240
    # an office whose morning is 4 hours has no such rule: 08:00–13:00 is the morning
    assert services.evaluate(person=world.alice, leave_code="personal", start=at("2026-03-10 08:00"),
                             end=at("2026-03-10 13:00")).minutes == 240


def test_reading_balances_and_previewing_write_nothing(world, ivy):
    # grants are posted by services (at hire, the yearly command, submission), never by a read
    assert set(BalanceEntry.objects.filter(person=world.alice).values_list("account", flat=True)) >= {
        "annual", "personal", "sick"}
    before = BalanceEntry.objects.count()
    selectors.balance_lines(world.alice, date(2027, 3, 9))  # a year whose grants are not posted
    services.evaluate(person=world.alice, leave_code="sick", start=at("2027-03-10 08:00"), end=at("2027-03-10 17:00"))
    assert BalanceEntry.objects.count() == before
    submit(world.alice, ivy, "personal", "2027-03-10 08:00", "2027-03-10 17:00")
    assert BalanceEntry.objects.filter(person=world.alice, kind="grant", account="personal",
                                       period_start=date(2027, 1, 1)).count() == 1


def test_the_yearly_command_posts_grants_once(world):
    from django.core.management import call_command

    call_command("post_leave_grants", "--on", "116-01-01")
    rows = BalanceEntry.objects.filter(period_start__gte=date(2027, 1, 1), kind="grant").count()
    assert rows >= 3 * 9  # every person: annual, personal, sick at least
    call_command("post_leave_grants", "--on", "2027-01-01")
    assert BalanceEntry.objects.filter(period_start__gte=date(2027, 1, 1), kind="grant").count() == rows


def test_unpaid_leave_stops_the_clock(world, ivy):
    # 公務人員留職停薪辦法: during 留職停薪 there is no duty to work, so no leave, no grant, no absence
    from chaiqin.attendance import selectors as attendance

    away = person_create(agency=world.county, unit=world.civil_affairs, employee_no="AWAY", name="留停員", gender="F",
                         post=Person.Post.ADMIN, hire_date=date(2018, 3, 1), supervisor=world.bob,
                         status=Person.Status.UNPAID_LEAVE, username="away", password="correct-horse-battery",
                         email="away@example.gov.tw")
    with pytest.raises(ChaiqinError, match="留職停薪") as exc:
        submit(away, ivy, "personal", "2026-03-10 08:00", "2026-03-10 17:00")
    assert "留職停薪辦法" in exc.value.citation
    assert not BalanceEntry.objects.filter(person=away).exists()
    assert all(line.available == 0 for line in selectors.balance_lines(away, ON))
    days = attendance.daily_statuses([away], date(2026, 3, 2), date(2026, 3, 6))[away.pk]
    assert {d.codes for d in days} == {("unpaid_leave",)}
