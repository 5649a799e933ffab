"""Which items apply at a headcount (seed 004 說明一; 性別平等工作法第13條、第19條、第23條)."""

import pytest

from chaiqin import rules

ALWAYS = set(range(1, 20)) - {1, 2, 3, 4, 16}


@pytest.mark.parametrize(
    ("headcount", "extra"),
    [
        (0, set()),
        (9, set()),
        (10, {1, 2}),  # 第13條第1項第1款: 十人以上未達三十人，應訂定申訴管道
        (29, {1, 2}),
        (30, {1, 2, 16}),  # 第19條第1項: 僱用三十人以上雇主
        (99, {1, 2, 16}),
        (100, {1, 2, 3, 4, 16}),  # 第23條第1項: 僱用受僱者一百人以上
        (5000, {1, 2, 3, 4, 16}),
    ],
)
def test_the_headcount_thresholds_of_items_1_to_4_and_16(headcount, extra):
    assert rules.survey_required_items(115, headcount) == ALWAYS | extra


def test_items_1_and_2_ask_for_a_complaint_channel_below_30_and_full_rules_from_30():
    # 第13條第1項: 一、十人以上未達三十人者，應訂定申訴管道 二、三十人以上者，應訂定性騷擾防治措施、申訴及懲戒規範.
    item1 = rules.survey_items(115)[0]
    assert item1.requirement_at(9) is None
    assert "申訴管道" in item1.requirement_at(29)
    assert "性騷擾防治措施" not in item1.requirement_at(29)
    assert "性騷擾防治措施、申訴及懲戒規範" in item1.requirement_at(30)


@pytest.mark.parametrize("headcount", [-1, 10.0, "30", None, True])
def test_a_headcount_that_is_not_a_count_is_refused(headcount):
    with pytest.raises(rules.RuleInputError, match="人數"):
        rules.survey_required_items(115, headcount)
