"""A leave type's plan, first-year proration and the minutes of a leave day (rules/plans.py)."""

from datetime import date, time
from decimal import Decimal

import pytest

from chaiqin import rules
from chaiqin.rules import leave as leave_rules
from chaiqin.rules._tables import in_force

ON = date(2026, 5, 4)
SCHOOL = rules.OfficeDay(time(8), time(12, 30), time(13), time(17))
OFFICE = rules.OfficeDay(time(8), time(12), time(13), time(17))


@pytest.mark.parametrize("regime", ["civil", "teacher", "labor"])
def test_every_pool_of_every_toml_chain_is_in_the_plan_in_charge_order(regime):
    # read the TOML itself, not the engine: a pool dropped from the plan (or from quota_keys, which
    # the ledger counts) fails here. 公務人員請假規則第3條, 教師請假規則第3條, 勞工請假規則第4條.
    table = leave_rules._table(regime)
    seen = 0
    for row in table["types"]:
        on = row["in_force_from"]
        if not in_force(row, ON) and on <= ON:
            continue
        day = max(on, ON) if in_force(row, max(on, ON)) else on
        plan = rules.leave_plan(regime, row["code"], on=day)
        expected: list[str] = []
        for step in row.get("chain", []):
            for key in step["quotas"]:
                if key not in expected:
                    expected.append(key)
        assert list(plan.pools[:len(expected)]) == expected, row["code"]
        for key in expected:
            assert key in rules.quota_keys(regime, on=day)
            assert plan.periods[key] in ("year", "school_year", "month", "two_years", "event")
        seen += bool(expected)
    assert seen >= 3


def test_labor_sick_plan_holds_the_half_pay_and_two_year_pools():
    # 勞工請假規則第4條: 30 days a year at half pay; 1 year in 2 years with hospitalised leave
    plan = rules.leave_plan("labor", "sick", on=ON)
    assert {"sick", "sick_paid", "sick_two_years", "personal", "annual"} <= set(plan.pools)
    assert plan.periods["sick_two_years"] == "two_years" and plan.periods["sick_paid"] == "year"


def test_plan_knows_event_dates_units_and_calendar_days():
    # 公務人員請假規則第3條: 婚假 within 3 months of 10 days before; 娩假 counts holidays
    assert rules.leave_plan("civil", "marriage", on=ON).needs_event_date
    assert not rules.leave_plan("civil", "official", on=ON).needs_event_date
    maternity = rules.leave_plan("civil", "maternity", on=ON)
    assert maternity.calendar_days and maternity.unit_minutes == 480
    assert rules.leave_plan("civil", "extended_sick", on=ON).after_used_up == ("sick", "personal", "annual")


def test_menstrual_free_days_are_counted_over_the_year_or_school_year():
    # 公務人員請假規則第3條第1項第2款: 全年未逾3日者不併入病假; teachers count by school year
    assert rules.leave_plan("civil", "menstrual", on=ON).periods["menstrual"] == "year"
    assert rules.leave_plan("teacher", "menstrual", on=ON).periods["menstrual"] == "school_year"


def test_period_bounds():
    assert rules.period_bounds("school_year", date(2026, 7, 31)) == (date(2025, 8, 1), date(2026, 7, 31))
    assert rules.period_bounds("month", date(2026, 2, 10)) == (date(2026, 2, 1), date(2026, 2, 28))
    assert rules.period_bounds("event", ON, event_date=date(2026, 4, 1)) == (date(2026, 4, 1), date(2026, 4, 1))
    with pytest.raises(rules.RuleInputError):
        rules.period_bounds("fortnight", ON)


def test_first_year_personal_and_sick_leave_are_prorated_by_months_in_service():
    # 公務人員請假規則第3條第2項: by months in service; under half a day → half, half or more → a day
    hired = date(2026, 3, 2)  # March to December: 10 months
    assert rules.first_year_quota_days("civil", "personal", hired=hired, on=ON) == Decimal(6)  # 5.83
    assert rules.first_year_quota_days("civil", "sick", hired=hired, on=ON) == Decimal("23.5")  # 23.33
    assert rules.first_year_quota_days("civil", "family_care", hired=hired, on=ON) == Decimal(6)
    late = date(2026, 11, 16)  # 2 months: 事假 1.17 → 1.5 days
    assert rules.first_year_quota_days("civil", "personal", hired=late, on=date(2026, 12, 1)) == Decimal("1.5")


def test_no_proration_in_later_years_from_january_or_for_other_kinds():
    assert rules.first_year_quota_days("civil", "personal", hired=date(2025, 3, 2), on=ON) is None
    assert rules.first_year_quota_days("civil", "personal", hired=date(2026, 1, 5), on=ON) is None
    assert rules.first_year_quota_days("civil", "marriage", hired=date(2026, 3, 2), on=ON) is None
    assert rules.first_year_quota_days("labor", "personal", hired=date(2026, 3, 2), on=ON) is None


def test_deducted_pay_label_names_each_regimes_pay():
    assert rules.deducted_pay_label("civil") == "按日扣除俸給"
    assert rules.deducted_pay_label("teacher") == "按日扣除薪給"


def test_school_morning_counts_four_hours_and_the_afternoon_hour_after_it():
    # seed 003 Q.10: 上午4.5小時、下午4小時; 08:00–12:00 is 4 h, 08:00–14:00 is 5 h
    assert rules.leave_minutes_of_day(SCHOOL, time(8), time(12)).minutes == 240
    assert rules.leave_minutes_of_day(SCHOOL, time(8), time(12, 30)).minutes == 240
    assert rules.leave_minutes_of_day(SCHOOL, time(8), time(14)).minutes == 300
    assert rules.leave_minutes_of_day(SCHOOL, time(8), None).minutes == 480


@pytest.mark.parametrize("end", [time(12, 45), time(13), time(13, 30)])
def test_school_morning_leave_ending_after_1230_and_before_1400_is_refused(end):
    # seed 003 Q.10: whoever cannot clock in by 12:30 must ask for leave until 14:00
    with pytest.raises(rules.RuleInputError, match="14:00"):
        rules.leave_minutes_of_day(SCHOOL, time(8), end)


def test_office_day_without_a_long_morning_has_no_such_rule():
    assert rules.leave_minutes_of_day(OFFICE, time(8), time(13)).minutes == 240
    assert rules.leave_minutes_of_day(OFFICE, time(10), time(15)).minutes == 240
    closed = rules.OfficeDay(time(8), time(12), time(13), time(17), closed="afternoon")
    assert rules.leave_minutes_of_day(closed, time(8), None).minutes == 240


@pytest.mark.parametrize("regime", ["civil", "teacher", "labor"])
def test_epidemic_era_leave_rows_have_ended(regime):
    # 嚴重特殊傳染性肺炎防治及紓困振興特別條例第3條, in force to 2023-06-30 (seed 003, 疫情期間請假規定)
    then = {t.code: t for t in rules.leave_types(regime, date(2022, 6, 1))}
    now = {t.code for t in rules.leave_types(regime, ON)}
    assert {"epidemic_quarantine", "epidemic_care", "covid_official"} <= set(then)
    assert not {"epidemic_quarantine", "epidemic_care", "covid_official"} & now
    assert not then["epidemic_quarantine"].counts_as_leave and not then["epidemic_care"].counts_as_leave
    assert then["epidemic_care"].pay == "none" and then["covid_official"].quota_days == 7
    with pytest.raises(rules.RuleInputError, match="已失效"):
        rules.leave_type(regime, "epidemic_care", ON)


def test_epidemic_care_leave_is_unpaid_and_outside_personal_leave():
    # seed 003: 防疫照顧假(扣薪), not charged to 事假 or 家庭照顧假
    c = rules.leave_charge("civil", "epidemic_care", requested_minutes=480, used={"personal": 7 * 480},
                           on=date(2022, 6, 1))
    assert [(p.quotas, p.pay) for p in c.parts] == [((), "none")] and not c.refused
    seven = rules.leave_charge("civil", "covid_official", requested_minutes=8 * 480, used={},
                               on=date(2022, 6, 1))
    assert seven.refused  # 公假7日 for one's own infection
