"""Which quota a leave request uses, and how it is paid (rules.leave_charge)."""

from datetime import date

import pytest

from chaiqin import rules

D = 480  # minutes in a leave day
ON = date(2026, 5, 4)


def charge(regime, code, minutes, used=None, **kw):
    return rules.leave_charge(regime, code, requested_minutes=minutes, used=used or {}, on=ON, **kw)


def slices(c):
    return [(p.quotas, p.minutes, p.pay) for p in c.parts]


def test_civil_sick_leave_beyond_28_days_is_charged_to_personal_leave():
    # 公務人員請假規則第3條 (seed 003: 病假超過以事假抵銷)
    c = charge("civil", "sick", 2 * D, {"sick": 27 * D})
    assert slices(c) == [(("sick",), D, "full"), (("personal",), D, "full")]
    assert "事假抵銷" in c.parts[1].explanation


def test_civil_sick_leave_beyond_sick_and_personal_has_pay_deducted_and_never_takes_annual_leave():
    # 公務人員請假規則第3條第1項第2款: beyond 28 days offset by 事假; no 事假 left: pay deducted by
    # the day (銓敘部, relayed in 花蓮縣政府108.1.16府人訓字第1080012300號), never from 休假
    c = charge("civil", "sick", 3 * D, {"sick": 28 * D, "personal": 6 * D, "annual": 0},
               entitled={"annual": 7})
    assert slices(c) == [(("personal",), D, "full"), ((), 2 * D, "none")]
    last = c.parts[-1]
    assert last.beyond_entitlement and last.deducted and not c.refused
    assert "扣除俸給" in last.explanation and "1080012300" in last.citation


def test_teacher_sick_leave_beyond_28_days_and_personal_leave_has_pay_deducted_not_annual_leave():
    # 教師請假規則第3條: 病假超過28日以事假抵銷; beyond, 按日扣除薪給
    c = charge("teacher", "sick", 2 * D, {"sick": 28 * D, "personal": 7 * D}, entitled={"annual": 7})
    assert slices(c) == [((), 2 * D, "none")] and c.parts[0].deducted
    assert "扣除薪給" in c.parts[0].explanation


def test_civil_personal_leave_beyond_seven_days_is_granted_with_pay_deducted():
    # 公務人員請假規則第3條第1項第1款: 「超過規定日數之事假，應按日扣除俸(薪)給」
    c = charge("civil", "personal", D, {"personal": 7 * D})
    assert slices(c) == [((), D, "none")]
    assert c.parts[0].deducted and not c.refused and "按日扣除俸給" in c.parts[0].explanation


def test_labor_personal_leave_beyond_fourteen_days_is_refused():
    # 勞工請假規則第7條: 一年內合計不得超過14日 (not a deduction: beyond it there is no right)
    c = charge("labor", "personal", D, {"personal": 14 * D})
    assert c.refused and not c.parts[0].deducted


def test_family_care_uses_both_its_own_and_the_personal_quota():
    # 公務人員請假規則第3條: 家庭照顧假併入事假計算
    c = charge("civil", "family_care", D, {"personal": 2 * D})
    assert slices(c) == [(("family_care", "personal"), D, "full")]


def test_civil_family_care_after_personal_leave_is_used_up_has_pay_deducted():
    # 公務人員請假規則第3條第1項第1款: family care counts into 事假; beyond it, pay deducted
    c = charge("civil", "family_care", D, {"personal": 7 * D})
    assert slices(c) == [(("family_care",), D, "none")] and c.beyond_entitlement
    assert c.parts[0].deducted and not c.refused
    over = charge("civil", "family_care", D, {"personal": 7 * D, "family_care": 7 * D})
    assert over.refused  # beyond the 7 days of family care: ask for 事假 instead


def test_civil_mental_health_leave_is_inside_personal_leave_by_the_hour():
    # 公務人員請假規則第3條 (2025): 身心調適假每年3日，得以時計，併入事假
    c = charge("civil", "mental_health", 60, {"personal": 0})
    assert slices(c) == [(("mental_health", "personal"), 60, "full")]
    over = charge("civil", "mental_health", 2 * 60, {"mental_health": 3 * D - 60, "personal": 3 * D - 60})
    assert [p.minutes for p in over.parts] == [60, 60] and over.parts[1].beyond_entitlement


def test_civil_menstrual_leave_first_three_days_are_outside_sick_leave():
    # 公務人員請假規則第3條: 全年請假日數未逾3日，不併入病假計算
    c = charge("civil", "menstrual", D, {"menstrual": 2 * D})
    assert slices(c) == [(("menstrual",), D, "full")]


def test_civil_menstrual_leave_from_the_fourth_day_counts_into_sick_leave():
    # 公務人員請假規則第3條: 其餘日數併入病假計算
    c = charge("civil", "menstrual", D, {"menstrual": 3 * D, "sick": 10 * D})
    assert slices(c) == [(("sick",), D, "full")]


def test_menstrual_leave_is_at_most_one_day_a_month():
    # 性別平等工作法第14條: 每月得請生理假一日
    with pytest.raises(rules.RuleInputError, match="每月以1日為限"):
        charge("labor", "menstrual", 4 * 60, menstrual_month_minutes=5 * 60)


def test_labor_menstrual_leave_is_half_pay():
    # 性別平等工作法第14條: 生理假薪資減半發給
    assert slices(charge("labor", "menstrual", D)) == [(("menstrual",), D, "half")]


def test_labor_menstrual_and_sick_leave_over_33_days_a_year_are_unpaid():
    # seed 003: 一年超過33日部分（含病假）不給薪 = 3 menstrual + 30 sick at half pay
    used = {"menstrual": 3 * D, "sick": 29 * D, "sick_paid": 29 * D, "sick_two_years": 29 * D}
    day_32 = charge("labor", "menstrual", D, used)
    assert slices(day_32) == [(("sick", "sick_paid", "sick_two_years"), D, "half")]
    used = {k: v + D for k, v in used.items() if k != "menstrual"} | {"menstrual": 3 * D}
    day_33 = charge("labor", "menstrual", D, used)
    assert [p.pay for p in day_33.parts] == ["none"]


def test_labor_sick_leave_is_half_pay_within_30_days_a_year():
    # 勞工請假規則第4條第3項: 一年內未超過三十日部分，工資折半發給
    c = charge("labor", "sick", 2 * D, {"sick": 29 * D, "sick_paid": 29 * D, "sick_two_years": 29 * D})
    assert [(p.minutes, p.pay) for p in c.parts] == [(D, "half"), (D, "none")]
    assert c.parts[1].quotas == ("personal",)  # 勞工請假規則第5條: 以事假抵充


def test_labor_hospitalised_days_use_up_the_half_pay_of_sick_leave_too():
    # 勞工請假規則第4條第3項 counts all 普通傷病假 toward the 30 half-paid days
    c = charge("labor", "sick", D, {"sick_hospitalised": 30 * D, "sick_paid": 30 * D, "sick_two_years": 30 * D})
    assert slices(c) == [(("sick", "sick_two_years"), D, "none")]


def test_labor_pregnancy_rest_is_charged_as_hospitalised_sick_leave():
    # 勞工請假規則第4條第2項; 性別平等工作法第15條 (seed 003: 併入住院傷病假，30日內半薪)
    c = charge("labor", "pregnancy_rest", 5 * D)
    assert slices(c) == [(("pregnancy_rest", "sick_hospitalised", "sick_paid", "sick_two_years"), 5 * D, "half")]


def test_labor_sick_leave_over_one_year_in_two_years_goes_to_personal_then_annual_leave():
    # 勞工請假規則第4條第1項第3款, 第5條
    used = {"sick_hospitalised": 365 * D, "sick_two_years": 365 * D, "sick_paid": 30 * D, "personal": 14 * D}
    c = charge("labor", "sick_hospitalised", 2 * D, used, entitled={"annual": 10})
    assert slices(c) == [(("annual",), 2 * D, "full")]
    assert c.parts[0].citation == "勞工請假規則第5條"


def test_labor_personal_leave_is_unpaid_and_at_most_14_days():
    # 勞工請假規則第7條
    c = charge("labor", "personal", 2 * D, {"personal": 13 * D})
    assert [(p.pay, p.beyond_entitlement) for p in c.parts] == [("none", False), ("none", True)]


def test_labor_family_care_by_the_hour_is_refused_in_2025_and_accepted_in_2026():
    # 勞動部114年12月1日令: 自115年1月1日起得以小時為單位
    with pytest.raises(rules.RuleInputError, match="最小請假單位"):
        rules.leave_charge("labor", "family_care", requested_minutes=120, used={}, on=date(2025, 12, 31))
    c = rules.leave_charge("labor", "family_care", requested_minutes=120, used={}, on=date(2026, 1, 1))
    assert slices(c) == [(("family_care", "personal"), 120, "none")]


def test_labor_maternity_pay_depends_on_six_months_service():
    # 勞動基準法第50條第2項
    assert [p.pay for p in charge("labor", "maternity", 56 * D, hired=date(2025, 6, 1)).parts] == ["full"]
    assert [p.pay for p in charge("labor", "maternity", 56 * D, hired=date(2026, 1, 1)).parts] == ["half"]


def test_marriage_leave_beyond_its_days_is_beyond_entitlement():
    # 公務人員請假規則第3條: 婚假十四日
    c = charge("civil", "marriage", 3 * D, {"marriage": 12 * D})
    assert [(p.minutes, p.beyond_entitlement) for p in c.parts] == [(2 * D, False), (D, True)]


def test_official_leave_has_no_quota():
    # 公務人員請假規則第4條: 公假期間視實際需要定之
    assert slices(charge("civil", "official", 40 * D)) == [((), 40 * D, "full")]


def test_parental_leave_without_pay_uses_no_quota_and_is_unpaid():
    c = charge("labor", "parental_leave_without_pay", 30 * D)
    assert slices(c) == [((), 30 * D, "none")] and "身分狀態" in c.parts[0].explanation


def test_the_explanation_names_pay_and_article_of_every_part():
    c = charge("civil", "sick", 2 * D, {"sick": 27 * D})
    assert c.explanation.count("公務人員請假規則") == 2 and "全薪" in c.explanation


@pytest.mark.parametrize("minutes", [0, -60, 10**9, 1.5, True])
def test_absurd_durations_are_refused(minutes):
    with pytest.raises(rules.RuleInputError):
        charge("civil", "personal", minutes)


def test_negative_used_minutes_are_refused():
    with pytest.raises(rules.RuleInputError, match="非負整數"):
        charge("civil", "personal", D, {"personal": -1})


def test_extended_sick_leave_needs_sick_personal_and_annual_leave_used_up():
    # 公務人員請假規則第3條第1項第2款: 病假、事假及休假均請畢後始得延長
    with pytest.raises(rules.RuleInputError, match="事假尚未請畢"):
        charge("civil", "extended_sick", D, {"sick": 28 * D, "personal": 6 * D}, entitled={"annual": 0})
    ok = charge("civil", "extended_sick", 30 * D, {"sick": 28 * D, "personal": 7 * D, "annual": 14 * D},
                entitled={"annual": 14})
    assert slices(ok) == [(("extended_sick",), 30 * D, "full")]


def test_extended_sick_leave_is_at_most_one_year_within_two_years():
    # 公務人員請假規則第3條第1項第2款: 自第一次請延長病假之首日起二年內合計不得超過一年
    used = {"sick": 28 * D, "personal": 7 * D, "annual": 7 * D, "extended_sick": 365 * D}
    check = rules.extended_sick_check("civil", used=used, on=date(2026, 6, 1), entitled={"annual": 7},
                                      first_day=date(2025, 1, 1))
    assert not check.ok and "留職停薪" in check.reason
    later = rules.extended_sick_check("civil", used=used, on=date(2027, 1, 1), entitled={"annual": 7},
                                      first_day=date(2025, 1, 1))
    assert later.ok


def test_labor_has_no_extended_sick_leave():
    with pytest.raises(rules.RuleInputError, match="留職停薪"):
        rules.extended_sick_check("labor", used={}, on=ON)


def test_charging_into_annual_leave_needs_the_persons_entitlement():
    # 勞工請假規則第5條: a worker's sick leave past its limits may be offset by 特別休假, whose days
    # are the person's own (annual_leave_days)
    used = {"sick_hospitalised": 365 * D, "sick_two_years": 365 * D, "personal": 14 * D}
    with pytest.raises(rules.RuleInputError, match="休假日數"):
        charge("labor", "sick_hospitalised", D, used)
