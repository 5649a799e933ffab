"""Checking an actual committee for survey items 6 and 7 (seed 004), and the 5–23 bound."""

import pytest

from chaiqin import rules

STAFF = {"男": 30, "女": 10}


def test_a_committee_meeting_both_minimums_passes_item_6():
    # 9 members (6 men, 3 women) against the minimum 3/3 of 考績委員會組織規程第2條第3項.
    check = rules.committee_check({"男": 6, "女": 3}, STAFF, committee="performance")
    assert check.ok
    assert check.problems == []
    assert check.citation == "考績委員會組織規程第2條第3項"


def test_a_committee_one_woman_short_fails_and_says_by_how_much():
    check = rules.committee_check({"男": 7, "女": 2}, STAFF, committee="performance")
    assert not check.ok
    assert check.shortfalls == {"女": 1}
    assert "女" in check.problems[0]


def test_a_gender_missing_from_the_committee_counts_as_zero_members():
    check = rules.committee_check({"男": 9}, STAFF, committee="performance")
    assert check.actual["女"] == 0
    assert check.shortfalls == {"女": 3}


@pytest.mark.parametrize(("members", "ok"), [(4, False), (5, True), (23, True), (24, False)])
def test_a_promotion_committee_has_five_to_twenty_three_members(members, ok):
    # 公務人員陞遷法施行細則第7條第1項: 應置委員五人至二十三人.
    size = rules.promotion_committee_size_check(members)
    assert size.ok is ok
    assert size.citation == "公務人員陞遷法施行細則第7條第1項"


def test_a_promotion_committee_of_four_fails_item_7_even_with_balanced_genders():
    check = rules.committee_check({"男": 2, "女": 2}, {"男": 10, "女": 10}, committee="promotion")
    assert not check.ok
    assert check.shortfalls == {}
    assert any("5 人至 23 人" in p for p in check.problems)


def test_a_performance_committee_is_not_held_to_the_promotion_size_bound():
    # The 5–23 bound is quoted in seed 004 only for the 甄審委員會 (item 7).
    check = rules.committee_check({"男": 2, "女": 2}, {"男": 10, "女": 10}, committee="performance")
    assert check.ok


def test_a_committee_too_small_for_the_two_person_floors_is_reported():
    # 2 members, 25 men / 100 women: men 2 × 1/5 = 0.4 → 1, but 25 ≥ 20 → 2;
    # women ceil(2/3) = 1. 2 + 1 = 3 minimum members cannot fit in 2 seats.
    check = rules.committee_check({"男": 1, "女": 1}, {"男": 25, "女": 100}, committee="performance")
    assert not check.ok
    assert any("不足以同時符合" in p for p in check.problems)


def test_an_empty_committee_is_refused():
    with pytest.raises(rules.RuleInputError, match="至少 1 人"):
        rules.committee_check({"男": 0, "女": 0}, STAFF, committee="performance")
