"""留職停薪 in the rules engine (rules/data/unpaid_leave.toml): the days away, the seniority after it
(勞動基準法第38條第1項 and the Ministry of Labor's reading; 公務人員請假規則第7條、第8條) and the annual
leave of a leave year it touches."""

from datetime import date
from decimal import Decimal

import pytest

from chaiqin import rules

AWAY = [(date(2022, 3, 1), date(2023, 2, 28))]  # 365 days


def test_days_before_count_inclusive_days_and_an_open_span_up_to_the_day_before():
    assert rules.unpaid_leave_days_before(AWAY, date(2026, 1, 1)) == 365
    assert rules.unpaid_leave_days_before(AWAY, date(2022, 3, 11)) == 10
    assert rules.unpaid_leave_days_before([(date(2026, 3, 1), None)], date(2026, 3, 9)) == 8
    assert rules.on_unpaid_leave(AWAY, date(2023, 2, 28)) and not rules.on_unpaid_leave(AWAY, date(2023, 3, 1))


def test_worker_seniority_moves_later_by_the_time_away():
    # hired 2016-03-01: from 2017-03-01 on; 9 complete years on 2026-03-02, 15 days instead of 16
    start = rules.seniority_after_unpaid_leave("labor", date(2016, 3, 1), AWAY, date(2026, 3, 2))
    assert start == date(2017, 3, 1)
    assert rules.annual_leave_days("labor", start, date(2026, 3, 2)) == 15
    assert rules.annual_leave_days("labor", date(2016, 3, 1), date(2026, 3, 2)) == 16
    assert "勞動部" in rules.unpaid_leave_rule("labor", date(2026, 3, 2)).seniority_citation


def test_civil_year_of_return_by_months_in_service():
    # 14 days; away 2025-03-01 to 2026-06-30: July–December in service, 14 × 6/12 = 7
    spans = [(date(2025, 3, 1), date(2026, 6, 30))]
    days = rules.return_year_annual_days("civil", Decimal(14), spans, year_start=date(2026, 1, 1),
                                         year_end=date(2026, 12, 31))
    assert days == 7
    # the month of return counted: back on 2026-07-15, 6 months; 21 × 6/12 = 10.5 stays a half day
    assert rules.return_year_annual_days("civil", Decimal(21), [(date(2025, 3, 1), date(2026, 7, 14))],
                                         year_start=date(2026, 1, 1), year_end=date(2026, 12, 31)) == Decimal("10.5")
    # the year it began: January and February served, 14 × 2/12 = 2.33 → 2.5 (up to the half day)
    assert rules.return_year_annual_days("civil", Decimal(14), spans, year_start=date(2025, 1, 1),
                                         year_end=date(2025, 12, 31)) == Decimal("2.5")
    # a year wholly away gives nothing; a year it does not touch is unchanged
    assert rules.return_year_annual_days("civil", Decimal(14), [(date(2026, 1, 1), None)], year_start=date(2026, 1, 1),
                                         year_end=date(2026, 12, 31)) == 0
    assert rules.return_year_annual_days("civil", Decimal(14), spans, year_start=date(2027, 1, 1),
                                         year_end=date(2027, 12, 31)) == 14


def test_workers_keep_their_leave_year_days():
    assert rules.return_year_annual_days("labor", Decimal(15), AWAY, year_start=date(2022, 3, 1),
                                         year_end=date(2023, 2, 28)) == 15


def test_bad_spans_are_refused():
    with pytest.raises(rules.RuleInputError):
        rules.unpaid_leave_days_before([(date(2026, 3, 9), date(2026, 3, 1))], date(2026, 4, 1))
