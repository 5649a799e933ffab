"""考績委員會組織規程第2條第3項 / 公務人員陞遷法施行細則第7條第1項 (seed 004 items 6, 7)."""

from fractions import Fraction

import pytest

from chaiqin import rules


def test_a_gender_under_a_third_of_staff_gets_its_share_rounded_up_and_the_other_a_third():
    # 9 members, 30 men / 10 women: women 1/4 < 1/3 → ceil(9 × 1/4 = 2.25) = 3;
    # 10 < 20 so the 2-person floor is irrelevant. Men ≥ 1/3 → ceil(9/3) = 3.
    assert rules.committee_minimum(9, {"男": 30, "女": 10}) == {"男": 3, "女": 3}


def test_one_third_of_the_members_is_rounded_up():
    # 委員任一性別比例不得低於三分之一: 7 members → 7/3 = 2.33 → 3 each.
    assert rules.committee_minimum(7, {"男": 50, "女": 50}) == {"男": 3, "女": 3}
    # 10 members → 3.33 → 4.
    assert rules.committee_minimum(10, {"男": 15, "女": 15}) == {"男": 4, "女": 4}


def test_a_share_of_exactly_one_third_is_not_under_one_third():
    # 20 men / 10 women: women exactly 1/3 → the one-third rule: ceil(10/3) = 4, not 10×1/3.
    detail = rules.committee_minimum_detail(10, {"男": 20, "女": 10})
    assert detail.details["女"].share == Fraction(1, 3)
    assert detail.minimums == {"男": 4, "女": 4}
    assert "三分之一" in detail.details["女"].basis


def test_twenty_or_more_staff_of_a_gender_guarantee_two_members():
    # 5 members, 90 men / 22 women: women 22/112 → 5 × 22/112 = 0.98 → 1, but 22 ≥ 20 → 2.
    assert rules.committee_minimum(5, {"男": 90, "女": 22}) == {"男": 2, "女": 2}


def test_nineteen_staff_of_a_gender_do_not_reach_the_two_person_floor():
    # 5 members, 90 men / 19 women: 5 × 19/109 = 0.87 → 1; 19 < 20, no floor.
    assert rules.committee_minimum(5, {"男": 90, "女": 19}) == {"男": 2, "女": 1}


def test_the_floor_does_not_lower_a_larger_proportional_minimum():
    # 15 members, 100 men / 25 women: 15 × 25/125 = 3 → 3 (already above the floor of 2).
    assert rules.committee_minimum(15, {"男": 100, "女": 25}) == {"男": 5, "女": 3}


def test_a_gender_with_no_staff_needs_no_member():
    assert rules.committee_minimum(5, {"男": 40, "女": 0}) == {"男": 2, "女": 0}


def test_the_detail_cites_the_committee_asked_about():
    assert rules.committee_minimum_detail(9, {"男": 1, "女": 1}).citation == "考績委員會組織規程第2條第3項"
    promotion = rules.committee_minimum_detail(9, {"男": 1, "女": 1}, committee="promotion")
    assert promotion.citation == "公務人員陞遷法施行細則第7條第1項"


@pytest.mark.parametrize(
    ("members", "staff"),
    [(0, {"男": 1, "女": 1}), (-3, {"男": 1}), (9, {}), (9, {"男": -1, "女": 5}),
     (9, {"男": 0, "女": 0}), (9.0, {"男": 1}), (9, {"男": 2.5})],
)
def test_it_refuses_impossible_committees_and_counts(members, staff):
    with pytest.raises(rules.RuleInputError):
        rules.committee_minimum(members, staff)


def test_it_refuses_an_unknown_committee_kind():
    with pytest.raises(rules.RuleInputError, match="委員會類別"):
        rules.committee_minimum_detail(9, {"男": 1}, committee="budget")
