"""rules.overtime_credit: how much of the time worked counts as overtime (pay or comp time).
Civil servants and teachers count whole hours (各機關加班費支給辦法第4條: 以每小時為支給單位;
the agencies' 加班管制要點: 未滿1小時之零數不計); LSA workers every minute worked
(勞動基準法第24條、第32條之1)."""

from datetime import date

import pytest

from chaiqin import rules

ON = date(2026, 3, 3)


def test_five_minutes_signed_credit_nothing_to_a_civil_servant():
    credit = rules.overtime_credit("civil", ON, 5)
    assert (credit.minutes, credit.dropped, credit.unit_minutes) == (0, 5, 60)
    assert "各機關加班費支給辦法第4條" in credit.citation


def test_a_teacher_counts_whole_hours_as_civil_servants_do():
    assert rules.overtime_credit("teacher", ON, 95).minutes == 60
    assert rules.overtime_credit("teacher", ON, 180).minutes == 180


def test_a_worker_is_credited_every_minute_worked():
    credit = rules.overtime_credit("labor", ON, 5)
    assert (credit.minutes, credit.dropped) == (5, 0)
    assert "第32條之1" in credit.citation and credit.citation.startswith("勞動基準法")


def test_an_agencys_half_hour_unit_and_its_limits():
    assert rules.overtime_credit("civil", ON, 95, unit_minutes=30).minutes == 90
    with pytest.raises(rules.RuleInputError, match="60 的因數"):
        rules.overtime_credit("civil", ON, 95, unit_minutes=45)
    with pytest.raises(rules.RuleInputError, match="勞動基準法"):
        rules.overtime_credit("labor", ON, 95, unit_minutes=30)
    with pytest.raises(rules.RuleInputError):
        rules.overtime_credit("civil", ON, -1)
