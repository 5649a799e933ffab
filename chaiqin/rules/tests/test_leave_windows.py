"""Windows of event-bound leave and the miscarriage rows by gestation."""

from datetime import date

import pytest

from chaiqin import rules


def test_labor_marriage_leave_runs_three_months_from_ten_days_before_registration():
    # 勞動部104年10月7日令 example: registered 10/18 -> from 10/8, within 3 months = to 1/7;
    # with the employer's consent within 1 year = to 10/7 of the next year (same dates in 2023).
    w = rules.leave_window("labor", "marriage", event_date=date(2023, 10, 18))
    assert (w.start, w.end, w.extended_end) == (date(2023, 10, 8), date(2024, 1, 7), date(2024, 10, 7))
    assert "1040130270" in w.citation


def test_civil_marriage_leave_window_uses_the_same_wording():
    # 公務人員請假規則第3條: 應自結婚之日前十日起三個月內請畢
    check = rules.check_leave_window("civil", "marriage", event_date=date(2026, 3, 20), leave_date=date(2026, 3, 9))
    assert not check.ok and "早於" in check.reason
    assert rules.check_leave_window("civil", "marriage", event_date=date(2026, 3, 20),
                                    leave_date=date(2026, 3, 10)).ok
    assert rules.check_leave_window("civil", "marriage", event_date=date(2026, 3, 20),
                                    leave_date=date(2026, 6, 9)).ok
    assert not rules.check_leave_window("civil", "marriage", event_date=date(2026, 3, 20),
                                        leave_date=date(2026, 6, 10)).ok


def test_marriage_leave_after_three_months_is_allowed_only_with_consent():
    late = dict(event_date=date(2026, 3, 20), leave_date=date(2026, 9, 1))
    assert not rules.check_leave_window("labor", "marriage", **late).ok
    assert rules.check_leave_window("labor", "marriage", consent=True, **late).ok


def test_civil_funeral_leave_is_taken_within_100_days_of_the_death():
    # 公務人員請假規則第3條: 喪假得分次申請，應於百日內請畢 (check: day of death counted)
    w = rules.leave_window("civil", "funeral_2", event_date=date(2026, 1, 1))
    assert (w.start, w.end) == (date(2026, 1, 1), date(2026, 4, 10))
    assert not rules.check_leave_window("civil", "funeral_2", event_date=date(2026, 1, 1),
                                        leave_date=date(2026, 4, 11)).ok


def test_paternity_leave_ends_seven_days_after_the_birth():
    # 性別平等工作法第15條、施行細則: 分娩當日及其前後合計15日 (check)
    w = rules.leave_window("labor", "paternity", event_date=date(2026, 5, 1))
    assert (w.start, w.end) == (None, date(2026, 5, 8))


def test_leave_without_a_window_raises():
    with pytest.raises(rules.RuleInputError, match="無請假期間限制"):
        rules.leave_window("civil", "sick", event_date=date(2026, 5, 1))


@pytest.mark.parametrize("regime,weeks,code", [
    # 公務人員請假規則第3條 / 教師請假規則第3條: 滿20週 42日, 12-20週 21日, 未滿12週 14日
    ("civil", 20, "miscarriage_1"), ("civil", 19, "miscarriage_2"), ("civil", 12, "miscarriage_2"),
    ("civil", 11, "miscarriage_3"), ("teacher", 25, "miscarriage_1"), ("teacher", 0, "miscarriage_3"),
])
def test_civil_and_teacher_miscarriage_row_by_gestation_weeks(regime, weeks, code):
    assert rules.miscarriage_code(regime, weeks=weeks, on=date(2026, 1, 5)) == code


@pytest.mark.parametrize("months,code", [(3, "miscarriage_1"), (7, "miscarriage_1"),
                                          (2, "miscarriage_2"), (1, "miscarriage_3"), (0, "miscarriage_3")])
def test_labor_miscarriage_row_by_gestation_months(months, code):
    # 性別平等工作法第15條: 3個月以上四星期, 2個月以上未滿3個月一星期, 未滿2個月五日
    assert rules.miscarriage_code("labor", months=months, on=date(2026, 1, 5)) == code


def test_labor_miscarriage_row_from_weeks_counts_four_weeks_a_month():
    assert rules.miscarriage_code("labor", weeks=12, on=date(2026, 1, 5)) == "miscarriage_1"
    assert rules.miscarriage_code("labor", weeks=11, on=date(2026, 1, 5)) == "miscarriage_2"


@pytest.mark.parametrize("kw", [{}, {"weeks": -1}, {"weeks": 60}, {"months": 2}])
def test_bad_gestation_input_raises(kw):
    with pytest.raises(rules.RuleInputError):
        rules.miscarriage_code("civil", on=date(2026, 1, 5), **kw)
