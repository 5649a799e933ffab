"""rules.day_off_name: a weekend or holiday in each regime's words, never 「休假日」 (which reads
as 休假, annual leave). LSA: 例假 and 休息日 (勞動基準法第36條第1項), 國定假日 (第37條); civil
servants and teachers: 例假日 of the 週休二日 (公務人員週休二日實施辦法)."""

from datetime import date

import pytest

from chaiqin import rules

SATURDAY, SUNDAY, NATIONAL_DAY = date(2026, 3, 7), date(2026, 3, 8), date(2026, 10, 9)


def test_a_workers_saturday_is_the_rest_day_and_sunday_the_regular_day_off():
    assert rules.day_off_name("labor", SATURDAY, "weekend").word == "休息日"
    sunday = rules.day_off_name("labor", SUNDAY, "weekend")
    assert sunday.word == "例假日" and sunday.citation == "勞動基準法第36條第1項"


@pytest.mark.parametrize("regime", ["civil", "teacher"])
def test_civil_servants_and_teachers_weekends_are_regular_days_off(regime):
    for day in (SATURDAY, SUNDAY):
        name = rules.day_off_name(regime, day, "weekend")
        assert name.word == "例假日" and "週休二日" in name.citation


@pytest.mark.parametrize("regime", ["civil", "teacher", "labor"])
def test_holidays_are_national_holidays_and_nothing_is_a_休假日(regime):
    assert rules.day_off_name(regime, NATIONAL_DAY, "holiday").word == "國定假日"
    assert "休假日" not in {rules.day_off_name(regime, d, "weekend").word for d in (SATURDAY, SUNDAY)}


def test_another_kind_is_refused():
    with pytest.raises(rules.RuleInputError):
        rules.day_off_name("civil", SATURDAY, "workday")
