"""Completion of an answer (說明三) and the achievement rate (說明二), seed 004."""

from decimal import Decimal

import pytest

from chaiqin import rules


@pytest.mark.parametrize(
    ("number", "answer", "completed"),
    [
        (1, "是", True),
        (1, "依法無須辦理", True),  # 說明三: 其餘調查事項若有填答「依法無須辦理」，視為「已完成」
        (1, "否", False),
        (19, "是", True),
        (15, "否", True),  # 說明三: 編號15、16係反向題，以填答「否」為「已完成」
        (15, "是", False),
        (16, "否", True),
        (16, "是", False),
        (16, "依法無須辦理", False),
    ],
)
def test_an_answer_completes_an_item_as_note_3_says(number, answer, completed):
    assert rules.survey_item_completed(number, answer, year=115) is completed


def test_the_newest_survey_is_used_when_no_year_is_given():
    assert rules.survey_item_completed(15, "否") is True
    assert rules.survey_item_completed(3, "依法無須辦理") is True


@pytest.mark.parametrize("answer", ["", "yes", "不適用", None, True])
def test_an_answer_outside_the_three_choices_is_refused(answer):
    with pytest.raises(rules.RuleInputError, match="依法無須辦理"):
        rules.survey_item_completed(1, answer, year=115)


@pytest.mark.parametrize("number", [0, 20, "1"])
def test_an_item_number_the_survey_lacks_is_refused(number):
    with pytest.raises(rules.RuleInputError, match="編號"):
        rules.survey_item_completed(number, "是", year=115)


def all_done():
    """An agency that completed every item: 是 everywhere, 否 on the reverse items 15 and 16."""
    answers = {n: "是" for n in range(1, 20)}
    answers[15] = answers[16] = "否"
    return answers


def test_five_agencies_with_three_completed_give_60_00():
    # 說明二: 達成率 = 完成機關數 / 機關總數 × 100% = 3/5 × 100 = 60.00.
    not_done = all_done() | {6: "否"}
    reverse_wrong = all_done() | {16: "是"}
    agencies = {"縣府": all_done(), "甲國小": all_done(), "乙國中": all_done() | {3: "依法無須辦理"},
                "丙所": not_done, "丁所": reverse_wrong}
    assert rules.achievement_rate(agencies) == Decimal("60.00")
    detail = rules.survey_achievement(agencies, year=115)
    assert (detail.total, detail.completed) == (5, 3)
    assert detail.incomplete == {"丙所": [6], "丁所": [16]}


def test_the_rate_is_rounded_half_up_to_two_decimals():
    # 2/3 = 66.666… → 66.67; 1/8 = 12.5 exactly → 12.50; 1/6 = 16.666… → 16.67.
    three = {"a": all_done(), "b": all_done(), "c": {}}
    assert rules.achievement_rate(three) == Decimal("66.67")
    eight = {str(i): ({} if i else all_done()) for i in range(8)}
    assert rules.achievement_rate(eight) == Decimal("12.50")
    assert str(rules.achievement_rate(eight)) == "12.50"


def test_a_missing_answer_leaves_the_agency_not_completed():
    partial = all_done()
    del partial[19]
    detail = rules.survey_achievement({"a": partial, "b": all_done() | {12: None}}, year=115)
    assert detail.completed == 0
    assert detail.incomplete == {"a": [19], "b": [12]}


def test_no_agencies_cannot_have_a_rate():
    with pytest.raises(rules.RuleInputError, match="機關"):
        rules.achievement_rate({})


def test_an_answer_to_an_item_the_survey_lacks_is_refused():
    with pytest.raises(rules.RuleInputError, match="沒有的項目"):
        rules.achievement_rate({"a": all_done() | {20: "是"}})


def test_an_invalid_answer_in_one_agency_is_refused_not_counted():
    with pytest.raises(rules.RuleInputError, match="無效"):
        rules.achievement_rate({"a": all_done() | {5: "有"}})


def test_the_rate_cites_notes_2_and_3():
    assert "說明二" in rules.survey_achievement({"a": all_done()}).citation
