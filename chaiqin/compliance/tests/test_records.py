"""compliance.records reads other apps through their selectors: real rows in, the same rows out."""

from datetime import date, datetime

from chaiqin.attendance.models import Punch
from chaiqin.compliance import records
from chaiqin.dates import TAIPEI
from chaiqin.leave import ledger
from chaiqin.leave.models import BalanceEntry


def test_punches_are_read_as_minutes_worked_on_the_days_asked(world):
    night = datetime(2026, 3, 9, 23, 10, tzinfo=TAIPEI)
    Punch.objects.create(person=world.alice, at=night, source=Punch.Source.WEB)
    Punch.objects.create(person=world.alice, at=datetime(2026, 3, 11, 8, 0, tzinfo=TAIPEI), source=Punch.Source.WEB)
    found = records.punch_periods([world.alice.pk], date(2026, 3, 9), date(2026, 3, 10))
    assert [(w.person_id, w.start, w.source) for w in found] == [(world.alice.pk, night, "刷卡")]
    assert (found[0].end - found[0].start).total_seconds() == 60


def test_annual_leave_taken_is_the_ledgers_uses_less_their_reversals(world):
    period = dict(period_start=date(2026, 1, 1), period_end=date(2026, 12, 31))
    ledger.post(person=world.alice, account="annual", kind=BalanceEntry.Kind.USE, minutes=-960, note="休假", **period)
    ledger.post(person=world.alice, account="annual", kind=BalanceEntry.Kind.REVERSAL, minutes=480, note="銷假", **period)
    ledger.post(person=world.alice, account="sick", kind=BalanceEntry.Kind.USE, minutes=-480, note="病假", **period)
    assert records.annual_leave_taken_minutes(world.alice, date(2026, 1, 1), date(2026, 12, 31)) == 480


def test_no_overtime_and_no_missed_punches_are_empty_lists_not_unknown(world):
    assert records.overtime_periods([world.alice.pk], date(2026, 3, 1), date(2026, 3, 31)) == []
    assert records.missing_punches(world.alice.agency, date(2026, 3, 1), date(2026, 3, 31)) == []
