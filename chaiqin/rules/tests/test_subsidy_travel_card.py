"""休假改進措施第5點 (seed 003 國民旅遊卡 Q.1–Q.3): the travel card subsidy and its split."""

from datetime import date
from decimal import Decimal

import pytest

from chaiqin import rules

MEASURE = "行政院與所屬中央及地方各機關公務人員休假改進措施第5點"


def split(subsidy):
    return (subsidy.total, subsidy.self_use, subsidy.tourism)


def test_ten_days_or_more_give_16000_split_8000_and_8000():
    # Q.1: 強制休假日數…10日共16,000元；Q.2 二: 8,000元自行運用額度、8,000元觀光旅遊額度.
    for days in (10, 14, 30):
        assert split(rules.travel_card_subsidy(days)) == (16000, 8000, 8000)
    assert rules.travel_card_subsidy(21).citation == MEASURE


def test_each_day_below_ten_is_worth_1600():
    # 7 days: 7 × 1,600 = 11,200; self-use first (8,000), the remaining 3,200 tourism.
    assert split(rules.travel_card_subsidy(7)) == (11200, 8000, 3200)


def test_five_days_or_less_are_all_self_use():
    # Q.2 三: 當年所具休假資格在五日以下者，其補助總額均屬自行運用額度.
    assert split(rules.travel_card_subsidy(5)) == (8000, 8000, 0)
    assert split(rules.travel_card_subsidy(3)) == (4800, 4800, 0)
    assert "五日以下" in rules.travel_card_subsidy(3).basis


def test_half_a_day_over_five_goes_to_tourism():
    # Q.2 三: 逾五日之休假補助，屬觀光旅遊額度. 5.5 × 1,600 = 8,800.
    assert split(rules.travel_card_subsidy(Decimal("5.5"))) == (8800, 8000, 800)


def test_six_and_a_half_days_give_10400_split_8000_and_2400():
    assert split(rules.travel_card_subsidy(Decimal("6.5"))) == (10400, 8000, 2400)
    assert split(rules.travel_card_subsidy(6.5)) == (10400, 8000, 2400)


@pytest.mark.parametrize("days", [0, 1, Decimal("1.5")])
def test_under_two_days_get_the_subsidy_of_two_days_as_self_use(days):
    # Q.3 三: 無休假資格或休假資格未達2日，酌給相當2日之休假補助費，屬自行運用額度.
    subsidy = rules.travel_card_subsidy(days)
    assert split(subsidy) == (3200, 3200, 0)
    assert subsidy.days == 2


def test_two_days_are_paid_as_two_days():
    assert split(rules.travel_card_subsidy(2)) == (3200, 3200, 0)


def test_pregnancy_accepted_by_the_agency_makes_everything_self_use():
    # 第5點第1項第1款第4目 (seed 004 item 12; seed 003 Q.3 二).
    subsidy = rules.travel_card_subsidy(14, all_self_use=True)
    assert split(subsidy) == (16000, 16000, 0)
    assert subsidy.citation == f"{MEASURE}第1項第1款第4目"
    assert split(rules.travel_card_subsidy(Decimal("6.5"), all_self_use=True)) == (10400, 10400, 0)


def test_amounts_are_decimals():
    subsidy = rules.travel_card_subsidy(Decimal("6.5"))
    assert all(isinstance(v, Decimal) for v in split(subsidy))


@pytest.mark.parametrize("days", [-1, Decimal("6.3"), 31, "7", None, True])
def test_it_refuses_impossible_entitlements(days):
    with pytest.raises(rules.RuleInputError):
        rules.travel_card_subsidy(days)


def test_it_refuses_a_year_before_the_2020_figures():
    # Q.2: 自109年1月1日起; the earlier rules are not encoded.
    assert split(rules.travel_card_subsidy(10, on=date(2020, 1, 1))) == (16000, 8000, 8000)
    with pytest.raises(rules.RuleInputError, match="2019-12-31"):
        rules.travel_card_subsidy(10, on=date(2019, 12, 31))
