"""國民旅遊卡 (休假改進措施第5點, seed 003 Q.1–Q.3) and the compulsory 10 days."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from chaiqin.compliance import selectors, services
from chaiqin.errors import ChaiqinError
from chaiqin.org.models import Person
from chaiqin.workflow.models import Notification


def test_a_servant_with_21_days_gets_8000_self_use_and_8000_tourism(world):
    card = selectors.travel_card(world.alice, 2026)  # hired 2019-07: six years of service by end of 2025
    assert card.entitled == 21
    assert (card.subsidy.total, card.subsidy.self_use, card.subsidy.tourism) == (16000, 8000, 8000)
    assert card.compulsory.required == 10


def test_an_accepted_pregnancy_makes_the_whole_subsidy_self_use(world):
    services.travel_card_self_use_accept(person=world.alice, year=2026, reason="pregnancy_spouse", actor=world.carol)
    card = selectors.travel_card(world.alice, 2026)
    assert (card.subsidy.self_use, card.subsidy.tourism) == (16000, 0)
    assert card.self_use.accepted_by == world.carol
    item12 = selectors.survey_view(world.county, 115).items[11]
    assert item12.derived == "是" and "張佳穎" in item12.evidence[0]


def test_only_the_personnel_office_accepts_self_use(world):
    with pytest.raises(ChaiqinError):
        services.travel_card_self_use_accept(person=world.alice, year=2026, reason="pregnancy_self", actor=world.bob)


def test_a_servant_joining_this_year_gets_a_small_subsidy_all_self_use(world):
    # 公務人員請假規則第8條 (2026): at least 3 days in the joining year; 5 days or less: all self-use.
    Person.objects.filter(pk=world.alice.pk).update(hire_date=date(2026, 9, 1))
    world.alice.refresh_from_db()
    card = selectors.travel_card(world.alice, 2026)
    assert card.entitled == 3
    assert card.subsidy.total == 4800 and card.subsidy.self_use == 4800 and card.subsidy.tourism == 0
    assert card.compulsory.required == 3


def test_a_full_time_teacher_has_no_travel_card_subsidy(world):
    card = selectors.travel_card(world.gina, 2026)
    assert not card.eligible and card.subsidy is None


def test_the_reminder_waits_for_september(world, settings):
    settings.CHAIQIN_NOW = "2026-08-31T09:00"
    out = StringIO()
    call_command("remind_compulsory_leave", stdout=out)
    assert "9月起" in out.getvalue()
    assert not Notification.objects.exists()


def test_the_reminder_reads_the_leave_ledger_and_reminds_whoever_has_taken_none(world):
    out = StringIO()
    call_command("remind_compulsory_leave", stdout=out)
    # nobody has taken leave: everyone eligible is behind
    assert Notification.objects.filter(person=world.alice).exists()


def test_in_the_autumn_those_behind_on_their_ten_days_are_reminded_from_the_leave_ledger(world):
    from chaiqin.leave.models import BalanceEntry

    BalanceEntry.objects.create(person=world.bob, account="annual", period_start=date(2026, 1, 1),
                                period_end=date(2026, 12, 31), kind="use", minutes=-10 * 480)
    assert selectors.travel_card(world.bob, 2026).compulsory.owed == 0
    call_command("remind_compulsory_leave", stdout=StringIO())
    note = Notification.objects.get(person=world.alice)
    assert "尚須休畢 10 日" in note.message
    assert not Notification.objects.filter(person=world.bob).exists()
