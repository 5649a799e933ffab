"""Leave types and quotas: every figure of seed 003's three leave tables.

Each parametrised row names the seed 003 row and the article it restates.
"""

from datetime import date
from decimal import Decimal

import pytest

from chaiqin import rules

ON = date(2026, 3, 9)  # the day seed 004's letter was issued: every row below in force


# (regime, code, days, pay, article) — the figures as printed in seed 003.
SEED_003_QUOTAS = [
    # 勞動基準法 table
    ("labor", "marriage", 8, "full", "勞工請假規則第2條"),
    ("labor", "funeral_1", 8, "full", "勞工請假規則第3條"),
    ("labor", "funeral_2", 6, "full", "勞工請假規則第3條"),
    ("labor", "funeral_3", 3, "full", "勞工請假規則第3條"),
    ("labor", "sick", 30, "half", "勞工請假規則第4條"),
    ("labor", "sick_hospitalised", 365, "half", "勞工請假規則第4條"),
    ("labor", "personal", 14, "none", "勞工請假規則第7條"),
    ("labor", "menstrual", 1, "half", "性別平等工作法第14條"),
    ("labor", "maternity", 56, "full", "性別平等工作法第15條"),
    ("labor", "miscarriage_1", 28, "full", "性別平等工作法第15條"),
    ("labor", "miscarriage_2", 7, "full", "性別平等工作法第15條"),
    ("labor", "miscarriage_3", 5, "full", "性別平等工作法第15條"),
    ("labor", "prenatal_checkup", 7, "full", "性別平等工作法第15條"),
    ("labor", "paternity", 7, "full", "性別平等工作法第15條"),
    ("labor", "family_care", 7, "none", "性別平等工作法第20條"),
    # 公務人員請假規則 table
    ("civil", "personal", 7, "full", "公務人員請假規則第3條"),
    ("civil", "funeral_1", 15, "full", "公務人員請假規則第3條"),
    ("civil", "funeral_2", 10, "full", "公務人員請假規則第3條"),
    ("civil", "funeral_3", 5, "full", "公務人員請假規則第3條"),
    ("civil", "sick", 28, "full", "公務人員請假規則第3條"),
    ("civil", "marriage", 14, "full", "公務人員請假規則第3條"),
    ("civil", "menstrual", 1, "full", "公務人員請假規則第3條"),
    ("civil", "prenatal", 8, "full", "公務人員請假規則第3條"),
    ("civil", "maternity", 42, "full", "公務人員請假規則第3條"),
    ("civil", "miscarriage_1", 42, "full", "公務人員請假規則第3條"),
    ("civil", "miscarriage_2", 21, "full", "公務人員請假規則第3條"),
    ("civil", "miscarriage_3", 14, "full", "公務人員請假規則第3條"),
    ("civil", "paternity", 7, "full", "公務人員請假規則第3條"),
    ("civil", "family_care", 7, "full", "公務人員請假規則第3條"),
    # 教師請假規則 table
    ("teacher", "marriage", 14, "full", "教師請假規則第3條"),
    ("teacher", "funeral_1", 15, "full", "教師請假規則第3條"),
    ("teacher", "funeral_2", 10, "full", "教師請假規則第3條"),
    ("teacher", "funeral_3", 5, "full", "教師請假規則第3條"),
    ("teacher", "sick", 28, "full", "教師請假規則第3條"),
    ("teacher", "extended_sick", 365, "full", "教師請假規則第3條"),
    ("teacher", "personal", 7, "full", "教師請假規則第3條"),
    ("teacher", "menstrual", 1, "full", "教師請假規則第3條"),
    ("teacher", "prenatal", 8, "full", "教師請假規則第3條"),
    ("teacher", "maternity", 42, "full", "教師請假規則第3條"),
    ("teacher", "miscarriage_1", 42, "full", "教師請假規則第3條"),
    ("teacher", "miscarriage_2", 21, "full", "教師請假規則第3條"),
    ("teacher", "miscarriage_3", 14, "full", "教師請假規則第3條"),
    ("teacher", "paternity", 7, "full", "教師請假規則第3條"),
    ("teacher", "family_care", 7, "full", "教師請假規則第3條"),
]


@pytest.mark.parametrize("regime,code,days,pay,article", SEED_003_QUOTAS)
def test_each_quota_of_seed_003_is_encoded_with_its_pay_and_article(regime, code, days, pay, article):
    lt = rules.leave_type(regime, code, on=ON)
    assert lt.quota_days == Decimal(days)
    assert lt.pay == pay
    assert article in lt.citation


def test_the_civil_extended_sick_leave_is_at_most_one_year():
    # 公務人員請假規則第3條第1項第2款: 二年內合計不得超過一年 (seed 003 公務人員 Q.2)
    assert rules.leave_type("civil", "extended_sick", on=ON).quota_days == 365
    assert rules.leave_type("civil", "extended_sick", on=ON).period == "two_years"


def test_labor_hospitalised_sick_leave_is_counted_over_two_years():
    # 勞工請假規則第4條第1項第2款: 住院者二年內合計不得超過一年
    assert rules.leave_type("labor", "sick_hospitalised", on=ON).period == "two_years"


def test_yearly_quotas_of_teachers_run_by_school_year_and_civil_by_calendar_year():
    # 教師請假規則第3條: 每學年准給; 公務人員請假規則第3條: 每年
    assert rules.leave_type("teacher", "sick", on=ON).period == "school_year"
    assert rules.leave_type("civil", "sick", on=ON).period == "year"


def test_family_care_counts_into_personal_leave_in_every_regime():
    # 公務人員請假規則第3條, 教師請假規則第3條, 性別平等工作法第20條: 併入事假計算
    for regime in rules.REGIMES:
        assert rules.leave_type(regime, "family_care", on=ON).counts_into == "personal"


def test_menstrual_leave_counts_into_sick_leave_and_is_limited_per_month():
    # 性別平等工作法第14條; 公務人員請假規則第3條: 每月1日，超過3日併入病假
    for regime in rules.REGIMES:
        lt = rules.leave_type(regime, "menstrual", on=ON)
        assert (lt.counts_into, lt.period, lt.sex) == ("sick", "month", "female")


def test_labor_pregnancy_rest_counts_as_hospitalised_sick_leave():
    # 勞工請假規則第4條第2項: 懷孕期間需安胎休養者併入住院傷病假計算
    assert rules.leave_type("labor", "pregnancy_rest", on=ON).counts_into == "sick_hospitalised"
    assert rules.leave_type("civil", "pregnancy_rest", on=ON).counts_into == "sick"


def test_parental_leave_without_pay_is_a_status_not_a_quota():
    # 公務人員留職停薪辦法第5條; 教育人員留職停薪辦法第4條; 性別平等工作法第16條 (seed 003)
    for regime, article in (("civil", "公務人員留職停薪辦法第5條"), ("teacher", "教育人員留職停薪辦法第4條"),
                            ("labor", "性別平等工作法第16條")):
        lt = rules.leave_type(regime, "parental_leave_without_pay", on=ON)
        assert (lt.is_status, lt.pay, lt.period, lt.quota_days) == (True, "none", "event", None)
        assert article in lt.citation


def test_maternity_and_miscarriage_leave_run_in_calendar_days_and_personal_leave_in_workdays():
    # 勞動基準法第50條 (8星期); 公務人員請假規則第3條 (娩假一次請畢)
    assert rules.leave_type("labor", "maternity", on=ON).calendar_days
    assert rules.leave_type("civil", "miscarriage_2", on=ON).calendar_days
    assert not rules.leave_type("civil", "personal", on=ON).calendar_days


def test_civil_marriage_funeral_and_annual_leave_may_be_taken_by_the_hour():
    # 公務人員請假規則第3條 (2018 amendment): 婚假、喪假及休假得以時計
    for code in ("marriage", "funeral_1", "annual"):
        assert rules.leave_type("civil", code, on=ON).hourly


def test_labor_family_care_is_by_the_day_until_2025_and_by_the_hour_from_2026():
    # 性別平等工作法第20條; 勞動部114年12月1日勞動條4字第1140148574號令 (from 2026-01-01)
    assert not rules.leave_type("labor", "family_care", on=date(2025, 12, 31)).hourly
    assert rules.leave_type("labor", "family_care", on=date(2026, 1, 1)).hourly


def test_labor_family_care_is_56_hours_for_an_8_hour_day_and_70_for_a_10_hour_day():
    # 勞動部114年12月1日令; 2026 Q&A: 每日正常工時10小時者70小時
    assert rules.leave_quota_minutes("labor", "family_care", on=date(2026, 2, 1)) == 56 * 60
    assert rules.leave_quota_minutes("labor", "family_care", on=date(2026, 2, 1), day_minutes=600) == 70 * 60


def test_mental_health_leave_exists_for_civil_servants_only_from_2025_10_10():
    # 公務人員請假規則第3條 (114年9月18日修正，身心調適假114年10月10日施行)
    lt = rules.leave_type("civil", "mental_health", on=date(2025, 10, 10))
    assert (lt.quota_days, lt.counts_into, lt.refusable, lt.hourly) == (3, "personal", False, True)
    with pytest.raises(rules.RuleInputError, match="尚未施行"):
        rules.leave_type("civil", "mental_health", on=date(2025, 10, 9))
    assert "mental_health" not in {t.code for t in rules.leave_types("civil", on=date(2025, 10, 9))}


def test_labor_has_no_mental_health_leave_and_says_so_naming_the_regime():
    with pytest.raises(rules.RuleInputError, match="勞基法適用人員"):
        rules.leave_type("labor", "mental_health", on=ON)


def test_labor_miscarriage_4_of_the_fixed_api_is_the_earliest_term_row():
    # 性別平等工作法第15條第1項: 四星期、一星期、五日 — three rows of law; RULES_API.md calls the
    # earliest-term LSA row "miscarriage_4", so that name gives the 5-day row (妊娠未滿二個月).
    row = rules.leave_type("labor", "miscarriage_4", on=ON)
    assert row.code == "miscarriage_4" and row.quota_days == Decimal(5)
    assert row.quota_days < rules.leave_type("labor", "miscarriage_2", on=ON).quota_days
    listed = [t.code for t in rules.leave_types("labor", on=ON) if t.code.startswith("miscarriage")]
    assert listed == ["miscarriage_1", "miscarriage_2", "miscarriage_3"]  # listed once, not twice
    with pytest.raises(rules.RuleInputError, match="miscarriage_4"):
        rules.leave_type("civil", "miscarriage_4", on=ON)  # civil and teacher have three rows only


def test_the_gender_equality_act_is_cited_by_its_name_in_force_on_the_day():
    # 性別工作平等法 renamed 性別平等工作法 on 2023-08-16
    assert rules.leave_type("labor", "paternity", on=date(2023, 8, 15)).citation.startswith("性別工作平等法")
    assert rules.leave_type("labor", "paternity", on=date(2023, 8, 16)).citation.startswith("性別平等工作法")


def test_a_regime_lists_only_the_codes_its_rules_grant():
    civil = {t.code for t in rules.leave_types("civil", on=ON)}
    labor = {t.code for t in rules.leave_types("labor", on=ON)}
    assert "prenatal" in civil and "prenatal_checkup" not in civil       # 公務人員請假規則第3條
    assert "prenatal_checkup" in labor and "prenatal" not in labor       # 性別平等工作法第15條
    assert "extended_sick" in civil and "extended_sick" not in labor     # 勞工請假規則第5條: 留職停薪


def test_every_leave_type_of_every_regime_cites_an_article_and_a_start_date():
    for regime in rules.REGIMES:
        for lt in rules.leave_types(regime, on=ON):
            assert "第" in lt.citation and "條" in lt.citation, lt
            assert lt.in_force_from <= ON
            assert lt.pay in ("full", "half", "none") and lt.period in (
                "year", "school_year", "month", "event", "two_years")


@pytest.mark.parametrize("regime,code", [("martian", "sick"), ("civil", "nap")])
def test_unknown_regime_or_code_raises_a_chinese_error(regime, code):
    with pytest.raises(rules.RuleInputError, match="[\u4e00-\u9fff]"):
        rules.leave_type(regime, code, on=ON)


def test_a_date_before_every_version_raises():
    with pytest.raises(rules.RuleInputError, match="施行期間"):
        rules.leave_types("civil", on=date(2000, 1, 1))


def test_leave_types_default_to_today():
    assert rules.leave_types("civil") == rules.leave_types("civil", on=date.today())


def test_labor_maternity_is_paid_in_full_after_six_months_and_half_below():
    # 勞動基準法第50條第2項: 受僱工作在六個月以上者工資照給；未滿六個月者減半發給
    on = date(2026, 3, 1)
    assert rules.leave_pay("labor", "maternity", on=on, hired=date(2025, 9, 1)) == "full"
    assert rules.leave_pay("labor", "maternity", on=on, hired=date(2025, 9, 2)) == "half"
    assert rules.leave_pay("civil", "maternity", on=on, hired=date(2026, 2, 1)) == "full"
    with pytest.raises(rules.RuleInputError, match="到職日"):
        rules.leave_pay("labor", "maternity", on=on)
