"""Year end (close_leave_year): unused annual leave kept, deferred, paid or lapsed per regime, and
comp time past its limit expired, all as ledger rows giving the reason and the article."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from chaiqin.errors import ChaiqinError
from chaiqin.leave import deferrals, ledger, yearend
from chaiqin.leave.models import BalanceEntry, LeaveYearClose
from chaiqin.org import staffing
from chaiqin.org.models import Agency, OrgEvent, Person
from chaiqin.org.services import person_create

pytestmark = pytest.mark.django_db
D = ledger.DAY_MINUTES


def take(person, days, on, note="已休"):
    """Approved annual leave of `days` in the leave year containing `on` (a use row, as approval posts)."""
    start, end = ledger.period_of(person, "annual", on)
    ledger.post(person=person, account="annual", kind="use", minutes=-int(days * D), period_start=start,
                period_end=end, note=note)


def rows(person, period_start, kind):
    return list(BalanceEntry.objects.filter(person=person, account="annual", period_start=period_start, kind=kind))


def test_civil_days_beyond_the_mandatory_ten_are_kept_to_the_third_year_and_the_command_is_idempotent(world):
    # 行政院與所屬中央及地方各機關公務人員休假改進措施: at least 10 days taken; the rest kept to the third year
    alice = world.alice
    granted = ledger.ensure_grant(alice, "annual", date(2025, 6, 1)).minutes  # 14 days in 2025
    take(alice, 12, date(2025, 6, 1))
    call_command("close_leave_year", "--on", "2026-01-01")
    call_command("close_leave_year", "--on", "115-01-01")  # twice, ROC date: nothing more
    kept = granted - 12 * D
    [incoming] = [r for r in rows(alice, date(2026, 1, 1), "carry_over")]
    assert incoming.minutes == kept == 2 * D and incoming.expires_on == date(2027, 12, 31)
    assert "第三年" in incoming.note and "休假改進措施" in incoming.note
    assert sum(r.minutes for r in BalanceEntry.objects.filter(person=alice, account="annual",
                                                             period_start=date(2025, 1, 1))) == 0
    assert LeaveYearClose.objects.filter(person=alice).count() == 1
    this_year = ledger.granted_minutes(alice, "annual", date(2026, 3, 9))
    assert ledger.balance(alice, "annual", date(2026, 3, 9)) == this_year + kept


def test_civil_unused_days_inside_the_mandatory_ten_lapse(world):
    alice = world.alice
    ledger.ensure_grant(alice, "annual", date(2025, 6, 1))  # 14 days
    take(alice, 6, date(2025, 6, 1))
    yearend.leave_year_close(on=date(2026, 1, 1))
    [lapsed] = rows(alice, date(2025, 1, 1), "expiry")
    assert lapsed.minutes == -4 * D and "視為放棄" in lapsed.note and "休假改進措施" in lapsed.note
    assert rows(alice, date(2026, 1, 1), "carry_over")[0].minutes == 4 * D  # 14 − 10


def test_civil_kept_days_still_unused_after_the_third_year_lapse(world):
    alice = world.alice
    ledger.ensure_grant(alice, "annual", date(2025, 6, 1))
    take(alice, 12, date(2025, 6, 1))  # 2 days kept until 2027-12-31
    yearend.leave_year_close(on=date(2026, 1, 1))
    for year in (2026, 2027):  # each later year: exactly its own days taken
        own = ledger.ensure_grant(alice, "annual", date(year, 6, 1)).minutes
        take(alice, own / D, date(year, 6, 1))
        yearend.leave_year_close(on=date(year + 1, 1, 1))
    assert rows(alice, date(2027, 1, 1), "carry_over")[0].expires_on == date(2027, 12, 31)  # moved on once
    [lapsed] = [r for r in rows(alice, date(2027, 1, 1), "expiry")]
    assert lapsed.minutes == -2 * D and "保留期限" in lapsed.note
    assert not rows(alice, date(2028, 1, 1), "carry_over")


def test_civil_days_taken_beyond_the_years_own_come_from_kept_days(world):
    alice = world.alice
    ledger.ensure_grant(alice, "annual", date(2025, 6, 1))
    take(alice, 12, date(2025, 6, 1))  # 2 kept
    yearend.leave_year_close(on=date(2026, 1, 1))
    own = ledger.ensure_grant(alice, "annual", date(2026, 6, 1)).minutes
    take(alice, own / D + 1, date(2026, 6, 1))  # one kept day used
    yearend.leave_year_close(on=date(2027, 1, 1))
    [moved] = [r for r in rows(alice, date(2027, 1, 1), "carry_over")]
    assert moved.minutes == 1 * D and moved.expires_on == date(2027, 12, 31)


@pytest.fixture
def worker(world):
    world.county.labor_leave_basis = Agency.LeaveBasis.CALENDAR
    world.county.save(update_fields=["labor_leave_basis"])
    return person_create(agency=world.county, unit=world.civil_affairs, employee_no="W01", name="林工友", gender="M",
                         post=Person.Post.JANITOR, hire_date=date(2020, 1, 1), supervisor=world.bob)


def test_lsa_unused_days_are_paid_without_an_agreement(world, worker):
    # 勞動基準法第38條第4項: 年度終結未休之日數，雇主應發給工資
    granted = ledger.ensure_grant(worker, "annual", date(2025, 6, 1)).minutes
    take(worker, 5, date(2025, 6, 1))
    yearend.leave_year_close(on=date(2026, 1, 1))
    [paid] = rows(worker, date(2025, 1, 1), "payout")
    assert paid.minutes == -(granted - 5 * D) and "發給工資" in paid.note and "勞動基準法第38條第4項" in paid.note
    assert not rows(worker, date(2026, 1, 1), "carry_over")


def test_lsa_deferred_days_by_agreement_are_used_first_next_year_and_paid_if_still_unused(world, worker):
    # 勞動基準法第38條第4項: 經勞雇雙方協商遞延至次一年度實施者，於次一年度終結仍未休之日數，應發給工資
    deferrals.deferral_record(actor=world.carol, person=worker, on=date(2025, 6, 1), agreed=True)
    deferrals.deferral_record(actor=world.carol, person=worker, on=date(2026, 6, 1), agreed=True)
    granted = ledger.ensure_grant(worker, "annual", date(2025, 6, 1)).minutes
    take(worker, granted / D - 3, date(2025, 6, 1))  # 3 days unused
    yearend.leave_year_close(on=date(2026, 1, 1))
    [deferred] = rows(worker, date(2026, 1, 1), "carry_over")
    assert deferred.minutes == 3 * D and deferred.expires_on == date(2026, 12, 31)
    own = ledger.ensure_grant(worker, "annual", date(2026, 6, 1)).minutes
    take(worker, 1, date(2026, 6, 1))  # takes the deferred days first: 2 deferred days left unused
    yearend.leave_year_close(on=date(2027, 1, 1))
    [paid] = rows(worker, date(2026, 1, 1), "payout")
    assert paid.minutes == -2 * D
    [again] = rows(worker, date(2027, 1, 1), "carry_over")
    assert again.minutes == own  # this year's days all deferred again by agreement


def test_lsa_deferral_is_agreed_with_each_worker_not_the_agency(world, worker):
    # 勞動基準法第38條第4項: deferral is agreed between the employer and the worker, one by one
    other = person_create(agency=world.county, unit=world.civil_affairs, employee_no="W02", name="陳工友", gender="M",
                          post=Person.Post.JANITOR, hire_date=date(2020, 1, 1), supervisor=world.bob)
    deferrals.deferral_record(actor=world.carol, person=worker, on=date(2025, 3, 1), agreed=True)
    deferrals.deferral_record(actor=world.carol, person=other, on=date(2025, 3, 1), agreed=True)
    deferrals.deferral_record(actor=world.carol, person=other, on=date(2025, 11, 1), agreed=False,
                              note="勞工改選折發工資")  # the latest record decides
    for person in (worker, other):
        ledger.ensure_grant(person, "annual", date(2025, 6, 1))
        take(person, 2, date(2025, 6, 1))
    yearend.leave_year_close(on=date(2026, 1, 1))
    assert rows(worker, date(2026, 1, 1), "carry_over") and not rows(worker, date(2025, 1, 1), "payout")
    assert rows(other, date(2025, 1, 1), "payout") and not rows(other, date(2026, 1, 1), "carry_over")
    trail = [e.note for e in OrgEvent.objects.filter(person=other, action="annual_deferral").order_by("pk")]
    assert len(trail) == 2 and "不遞延" in trail[1] and "第38條第4項" in trail[1]
    with pytest.raises(ChaiqinError, match="已結算"):
        deferrals.deferral_record(actor=world.carol, person=other, on=date(2025, 6, 1), agreed=True)
    with pytest.raises(ChaiqinError, match="非勞基法適用人員"):
        deferrals.deferral_record(actor=world.carol, person=world.alice, on=date(2026, 3, 1), agreed=True)
    with pytest.raises(PermissionDenied):
        deferrals.deferral_record(actor=world.alice, person=worker, on=date(2026, 3, 1), agreed=True)


def test_lsa_unused_and_deferred_days_are_paid_when_the_contract_ends(world, worker):
    # 勞動基準法第38條第4項: 「於次一年度終結或契約終止仍未休之日數，雇主應發給工資」
    deferrals.deferral_record(actor=world.carol, person=worker, on=date(2025, 6, 1), agreed=True)
    granted = ledger.ensure_grant(worker, "annual", date(2025, 6, 1)).minutes
    take(worker, granted / D - 3, date(2025, 6, 1))  # 3 days deferred into 2026
    yearend.leave_year_close(on=date(2026, 1, 1))
    own = ledger.ensure_grant(worker, "annual", date(2026, 3, 1)).minutes
    take(worker, 2, date(2026, 3, 1))
    staffing.staff_separate(actor=world.carol, person=worker, on=date(2026, 6, 1))
    [paid] = rows(worker, date(2026, 1, 1), "payout")
    assert paid.minutes == -(own + 3 * D - 2 * D) and "契約終止" in paid.note
    yearend.leave_year_close(on=date(2027, 1, 1))  # the year is settled already: not paid twice
    assert len(rows(worker, date(2026, 1, 1), "payout")) == 1


def test_teachers_unused_annual_leave_is_not_kept(world):
    # 教師請假規則第8條: the school year's unused days are not kept (a teacher with an admin post has 休假)
    gina = person_create(agency=world.school, unit=world.gina.unit, employee_no="TA1", name="兼行政教師", gender="F",
                         post=Person.Post.TEACHER_ADMIN, hire_date=date(2015, 8, 1))
    row = ledger.ensure_grant(gina, "annual", date(2026, 3, 1))
    assert row.minutes > D and row.period_start == date(2025, 8, 1)
    take(gina, 1, date(2026, 3, 1))
    yearend.leave_year_close(on=date(2026, 8, 1))
    [lapsed] = rows(gina, date(2025, 8, 1), "expiry")
    assert lapsed.minutes == -(row.minutes - D) and "教師請假規則第8條" in lapsed.note


def test_comp_time_past_its_limit_expires_once_with_its_article(world, worker):
    # 勞動基準法第32條之1: 補休期限屆期未補休之時數，應依延長工作時間之工資標準發給
    ledger.comp_time_grant(person=world.alice, minutes=120, earned_on=date(2025, 1, 6), expires_on=date(2025, 12, 31))
    ledger.comp_time_grant(person=world.alice, minutes=60, earned_on=date(2026, 1, 6), expires_on=date(2026, 12, 31))
    ledger.comp_time_grant(person=worker, minutes=180, earned_on=date(2025, 1, 6), expires_on=date(2025, 12, 31))
    call_command("close_leave_year", "--on", "2026-01-01")
    call_command("close_leave_year", "--on", "2026-01-01")
    [civil] = BalanceEntry.objects.filter(person=world.alice, account="comp_time", kind="expiry")
    assert civil.minutes == -120 and "屆期未休" in civil.note
    [labor] = BalanceEntry.objects.filter(person=worker, account="comp_time", kind="expiry")
    assert labor.minutes == -180 and "發給加班費" in labor.note and "第32條之1" in labor.note
    assert ledger.comp_time_available(world.alice, date(2026, 3, 9)) == 60


def test_the_balance_page_shows_the_year_end_rows(client, world):
    ledger.ensure_grant(world.alice, "annual", date(2025, 6, 1))
    take(world.alice, 12, date(2025, 6, 1))
    yearend.leave_year_close(on=date(2026, 1, 1))
    assert client.login(username="alice", password="correct-horse-battery")
    page = client.get(reverse("leave:balances")).content.decode()
    assert 'data-testid="year-end"' in page and "保留轉入" in page and "第三年" in page
