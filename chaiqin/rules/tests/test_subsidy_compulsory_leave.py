"""休假改進措施 / 公務人員請假規則第10條 (seed 003 國民旅遊卡 Q.1): compulsory annual leave days."""

from decimal import Decimal

import pytest

from chaiqin import rules


def test_someone_entitled_to_ten_days_or_less_must_take_all_of_them():
    # Q.1: 仍應休完應休畢日數10日; entitled to 7: all 7 are compulsory.
    owed = rules.compulsory_leave_owed(7, 3)
    assert (owed.required, owed.owed) == (7, 4)


def test_someone_entitled_to_more_than_ten_must_take_at_least_ten():
    owed = rules.compulsory_leave_owed(21, 4)
    assert (owed.required, owed.owed) == (10, 6)
    assert "休假改進措施" in owed.citation


def test_days_taken_beyond_the_compulsory_ten_leave_nothing_owed():
    assert rules.compulsory_leave_owed(28, 12).owed == 0


def test_hours_taken_count_as_fractions_of_a_day():
    # 休假得以時計 (seed 003 Q.3): 9 days and 4 hours taken of 10 leaves half a day.
    assert rules.compulsory_leave_owed(14, Decimal("9.5")).owed == Decimal("0.5")


def test_half_day_entitlements_are_owed_in_full():
    assert rules.compulsory_leave_owed(Decimal("6.5"), 0).owed == Decimal("6.5")


@pytest.mark.parametrize(("entitled", "taken"), [(-1, 0), (14, -1), (40, 0)])
def test_it_refuses_negative_or_absurd_days(entitled, taken):
    with pytest.raises(rules.RuleInputError):
        rules.compulsory_leave_owed(entitled, taken)
