"""Lactation time and a parent's hours for a child under 3 (性別平等工作法第18條, 第19條, 第21條)."""

from datetime import date

import pytest

from chaiqin import rules


def test_lactation_is_60_minutes_and_30_more_with_an_hour_of_overtime():
    # 性別平等工作法第18條第1項、第2項
    assert rules.lactation_minutes(overtime_minutes=0) == 60
    assert rules.lactation_minutes(overtime_minutes=59) == 60
    assert rules.lactation_minutes(overtime_minutes=60) == 90


def test_lactation_applies_until_the_childs_second_birthday():
    # 性別平等工作法第18條第1項：子女未滿二歲
    born = date(2025, 3, 9)
    assert rules.lactation_applies(born, date(2027, 3, 8))
    assert not rules.lactation_applies(born, date(2027, 3, 9))


def test_reduced_hours_apply_until_the_childs_third_birthday():
    # 性別平等工作法第19條第1項：撫育未滿三歲子女，每天減少工作時間一小時
    born = date(2024, 2, 29)
    assert rules.childcare_applies(born, date(2027, 2, 27))
    assert not rules.childcare_applies(born, date(2027, 2, 28))
    figures = rules.protection_figures(date(2026, 3, 9))
    assert figures.childcare_reduce_minutes == 60 and figures.no_refusal_citation == "性別平等工作法第21條第1項"


def test_bad_input_is_refused_in_chinese():
    with pytest.raises(rules.RuleInputError, match="不可為負數"):
        rules.lactation_minutes(overtime_minutes=-1)
    with pytest.raises(rules.RuleInputError, match="晚於"):
        rules.lactation_applies(date(2027, 1, 1), date(2026, 1, 1))
