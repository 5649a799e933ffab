"""check_hours on the seeds' own examples (seed 002, seed 003) and the caps of RULES_API.md."""

from datetime import date, datetime, timedelta

import pytest

from chaiqin import rules

S = rules.Shift


def day_shift(person, d, kind="regular", start=8, end=17, brk=60, **kw):
    return S(person, datetime(d.year, d.month, d.day, start), datetime(d.year, d.month, d.day) + timedelta(hours=end),
             kind, brk, **kw)


def codes(violations):
    return [(v.code, v.day) for v in violations]


# -- 公務員服勤實施辦法第6條: a shift crossing midnight belongs to the day it started ---------

def test_the_school_party_until_one_in_the_morning_counts_to_the_previous_day():
    # Seed 002: 參加校慶晚會忙到凌晨1點 … 全部算在「前一天」 (公務員服勤實施辦法第6條).
    assert rules.workday_of(datetime(2026, 4, 10, 21, 0)) == date(2026, 4, 10)
    shifts = [day_shift("t", date(2026, 4, 10)),
              S("t", datetime(2026, 4, 10, 18), datetime(2026, 4, 11, 1), "overtime")]
    # 8 regular + 7 overtime = 15 h on 4/10, none on 4/11.
    found = rules.check_hours("teacher", shifts)
    assert codes(found) == [("daily_over_12h", date(2026, 4, 10))]
    assert "15小時" in found[0].detail


def test_overtime_past_midnight_counts_in_the_month_it_started():
    # 公務員服勤實施辦法第6條: 1/31 18:00 – 2/1 06:00 is January's overtime.
    shifts = []
    d = date(2026, 1, 5)
    while len(shifts) < 5:
        shifts.append(S("c", datetime(d.year, d.month, d.day, 18), datetime(d.year, d.month, d.day, 23, 59), "overtime"))
        d += timedelta(days=2)
    # 5 × 5h59 = 29h55 so far in January; the night of 1/31 adds 12 h → 41h55; still ≤ 60.
    shifts.append(S("c", datetime(2026, 1, 31, 18), datetime(2026, 2, 1, 6), "overtime"))
    shifts += [S("c", datetime(2026, 1, 2 * i + 6, 19), datetime(2026, 1, 2 * i + 6, 23), "overtime") for i in range(5)]
    # +20 h → 61h55 in January only if the night shift is January's.
    found = [v for v in rules.check_hours("civil", shifts) if v.code == "monthly_ot_over_cap"]
    assert [v.day for v in found] == [date(2026, 1, 31)]


# -- 公務員服務法第12條: 12 h a day, 60 h a month; exception 14 h, 80 h, 240 h -------------

def test_twelve_hours_in_a_day_is_allowed_and_a_minute_more_is_not():
    d = date(2026, 3, 2)
    ok = [day_shift("a", d, brk=0, end=17), S("a", datetime(2026, 3, 2, 17), datetime(2026, 3, 2, 20), "overtime")]
    assert rules.check_hours("civil", ok) == []  # 9 + 3 = 12 h
    over = ok + [S("a", datetime(2026, 3, 2, 20), datetime(2026, 3, 2, 20, 1), "overtime")]
    assert codes(rules.check_hours("civil", over)) == [("daily_over_12h", d)]


def test_the_unpaid_lunch_break_is_not_working_time():
    # RULES_API.md: break_minutes are unpaid breaks inside the shift. 07:00–20:00 less 60 min = 12 h.
    shift = S("a", datetime(2026, 3, 2, 7), datetime(2026, 3, 2, 20), "regular", 60)
    assert rules.check_hours("civil", [shift]) == []
    assert codes(rules.check_hours("civil", [shift._replace(break_minutes=59)])) == [("daily_over_12h", date(2026, 3, 2))]


def test_fourteen_hours_for_three_days_is_fine_and_a_fourth_day_is_a_violation_under_exception():
    # Seed 002: 每日上限14小時；每日工時達14小時者，不得連續超過3日 (公務員服務法第12條但書).
    days = [date(2026, 5, 4) + timedelta(days=i) for i in range(4)]
    long = [S("x", datetime(d.year, d.month, d.day, 7), datetime(d.year, d.month, d.day, 21), "regular") for d in days]
    assert rules.check_hours("civil", long[:3], exception=True, min_rest_hours=0) == []
    found = rules.check_hours("civil", long, exception=True, min_rest_hours=0)
    assert codes(found) == [("long_days_over_3_consecutive", days[3])]
    # Without the exception each of those days is over the normal 12 h.
    assert [c for c, _ in codes(rules.check_hours("civil", long[:3], min_rest_hours=0))] == ["daily_over_12h"] * 3


def test_a_day_off_between_long_days_restarts_the_count():
    days = [date(2026, 5, 4), date(2026, 5, 5), date(2026, 5, 6), date(2026, 5, 8)]
    long = [S("x", datetime(d.year, d.month, d.day, 7), datetime(d.year, d.month, d.day, 21), "regular") for d in days]
    assert rules.check_hours("civil", long, exception=True, min_rest_hours=0) == []


def test_more_than_fourteen_hours_under_exception_is_daily_over_14h():
    shift = S("x", datetime(2026, 5, 4, 7), datetime(2026, 5, 4, 21, 30), "regular")
    assert codes(rules.check_hours("civil", [shift], exception=True)) == [("daily_over_14h", date(2026, 5, 4))]


@pytest.mark.parametrize("regime, kwargs, cap", [
    ("civil", {}, 60),                       # 公務員服務法第12條
    ("teacher", {}, 60),                     # seed 002: the same caps at a school
    ("civil", {"exception": True}, 80),      # 公務員服務法第12條但書
    ("labor", {}, 46),                       # 勞動基準法第32條第2項 (seed 003 Q.5)
    ("labor", {"agreement": True}, 54),      # 勞動基準法第32條第2項但書
    ("civil", {"exception": True, "agency": "presidential_office"}, 70),  # caps are data per agency
])
def test_the_monthly_overtime_cap_is_reached_exactly_and_passed_by_one_hour(regime, kwargs, cap):
    # `cap` hours of overtime, three an evening, fit; one more hour on 3/31 passes the cap.
    at_cap = [S("p", datetime(2026, 3, 1) + timedelta(days=i // 3, hours=17 + i % 3),
                datetime(2026, 3, 1) + timedelta(days=i // 3, hours=18 + i % 3), "overtime") for i in range(cap)]
    monthly = lambda shifts: [v for v in rules.check_hours(regime, shifts, min_rest_hours=0, **kwargs)
                              if v.code == "monthly_ot_over_cap"]
    assert monthly(at_cap) == []
    extra = S("p", datetime(2026, 3, 31, 20), datetime(2026, 3, 31, 21), "overtime")
    found = monthly(at_cap + [extra])
    assert [v.day for v in found] == [date(2026, 3, 31)]
    assert f"{cap}小時" in found[0].detail


def test_240_hours_in_a_calendar_quarter_under_exception():
    # Seed 002: 每季上限 240 小時 (3個月總和上限，不受單月80小時限制).
    shifts = []
    for month in (1, 2, 3):
        shifts += [S("q", datetime(2026, month, 1) + timedelta(days=i // 2, hours=17 + 2 * (i % 2)),
                     datetime(2026, month, 1) + timedelta(days=i // 2, hours=19 + 2 * (i % 2)), "overtime")
                   for i in range(40)]  # 80 h a month, 240 h in Q1
    found = rules.check_hours("civil", shifts, exception=True, min_rest_hours=0)
    assert found == []
    more = shifts + [S("q", datetime(2026, 3, 31, 21), datetime(2026, 3, 31, 21, 30), "overtime")]
    found = rules.check_hours("civil", more, exception=True, min_rest_hours=0)
    assert sorted(v.code for v in found) == ["monthly_ot_over_cap", "quarterly_ot_over_cap"]
    assert all(v.day == date(2026, 3, 31) for v in found)
    # April starts a new quarter.
    april = shifts + [S("q", datetime(2026, 4, 1, 17), datetime(2026, 4, 1, 19), "overtime")]
    assert rules.check_hours("civil", april, exception=True, min_rest_hours=0) == []


def test_138_hours_in_three_months_under_a_labour_agreement_from_the_agreed_month():
    # 勞動基準法第32條第2項但書: 54 h a month, 138 h in 3 months.
    shifts = []
    for month, hours in ((2, 46), (3, 46), (4, 46)):
        shifts += [S("w", datetime(2026, month, 1) + timedelta(days=i // 2, hours=17 + i % 2),
                     datetime(2026, month, 1) + timedelta(days=i // 2, hours=18 + i % 2), "overtime")
                   for i in range(hours)]
    run = lambda qsm, extra=(): [v for v in rules.check_hours("labor", shifts + list(extra), agreement=True,
                                                              quarter_start_month=qsm, min_rest_hours=0)
                                 if v.code == "quarterly_ot_over_cap"]
    extra = [S("w", datetime(2026, 4, 30, 20), datetime(2026, 4, 30, 21), "overtime")]
    assert run(2) == []                                   # exactly 138 h in Feb–Apr
    assert [v.day for v in run(2, extra)] == [date(2026, 4, 30)]
    assert run(1, extra) == []                            # calendar quarters split Feb–Mar from Apr


def test_labor_rest_day_hours_count_toward_the_cap_and_holiday_hours_up_to_eight_do_not():
    # 勞動基準法第36條第3項: 休息日 hours count toward 46 h; §39: holiday work up to 8 h does not.
    base = [S("w", datetime(2026, 3, 2) + timedelta(days=i // 2, hours=17 + i % 2),
              datetime(2026, 3, 2) + timedelta(days=i // 2, hours=18 + i % 2), "overtime") for i in range(44)]
    monthly = lambda extra: [v.code for v in rules.check_hours("labor", base + extra, min_rest_hours=0, disaster=True)
                             if v.code == "monthly_ot_over_cap"]
    rest = [S("w", datetime(2026, 3, 28, 9), datetime(2026, 3, 28, 12), "regular", 0, "rest_day")]
    assert monthly(rest) == ["monthly_ot_over_cap"]   # 44 + 3 > 46, even marked regular
    holiday = [S("w", datetime(2026, 3, 28, 9), datetime(2026, 3, 28, 17), "overtime", 0, "holiday")]
    assert monthly(holiday) == []                      # 8 holiday hours do not count
    longer = [S("w", datetime(2026, 3, 28, 8), datetime(2026, 3, 28, 19), "overtime", 0, "holiday")]
    assert monthly(longer) == ["monthly_ot_over_cap"]  # 3 h beyond 8 do: 44 + 3 > 46


# -- rest of 11 hours ------------------------------------------------------------------

def test_the_dormitory_counsellor_with_eight_hours_between_shifts_violates_the_11_hour_rest():
    # Seed 002: 輪班人員更換班次時，中間應至少連續休息11小時；只休息8小時會違規.
    night = S("counsellor", datetime(2026, 4, 13, 16), datetime(2026, 4, 14, 0), "overtime")
    morning = S("counsellor", datetime(2026, 4, 14, 8), datetime(2026, 4, 14, 17), "regular", 60)
    found = rules.check_hours("civil", [night, morning])
    assert codes(found) == [("rest_under_11h", date(2026, 4, 14))]
    assert "8小時" in found[0].detail
    later = morning._replace(start=datetime(2026, 4, 14, 11), end=datetime(2026, 4, 14, 20))
    assert rules.check_hours("civil", [night, later]) == []  # exactly 11 h is enough


def test_touching_shifts_are_one_block_with_no_rest_between_them():
    a = S("a", datetime(2026, 4, 14, 8), datetime(2026, 4, 14, 12), "regular")
    b = S("a", datetime(2026, 4, 14, 12), datetime(2026, 4, 14, 17), "overtime")
    assert rules.check_hours("civil", [a, b]) == []


def test_overlapping_time_is_counted_once():
    a = S("a", datetime(2026, 4, 14, 8), datetime(2026, 4, 14, 17), "regular")
    b = S("a", datetime(2026, 4, 14, 16), datetime(2026, 4, 14, 20), "overtime")
    # 12 h of union (08–20), not 13.
    assert rules.check_hours("civil", [a, b]) == []
    assert rules.check_hours("civil", [a, b._replace(end=datetime(2026, 4, 14, 20, 1))])[0].code == "daily_over_12h"


# -- labor days off: 勞動基準法第36條, 第30條之1, 第40條 ---------------------------------

def week(person, monday, worked, kinds=None):
    kinds = kinds or {}
    return [day_shift(person, monday + timedelta(days=i), day_kind=kinds.get(i, "workday")) for i in worked]


def test_six_days_of_work_with_the_sixth_on_the_rest_day_keeps_the_seven_day_rule():
    # 勞動基準法第36條第1項: 1 例假 + 1 休息日 every 7 days; §36(3) allows work on the 休息日.
    monday = date(2026, 3, 2)
    assert rules.check_hours("labor", week("w", monday, range(6), {5: "rest_day"})) == []


def test_six_ordinary_working_days_in_a_week_break_the_seven_day_rule():
    monday = date(2026, 3, 2)
    found = rules.check_hours("labor", week("w", monday, range(6)))
    assert codes(found) == [("seven_day_rule", monday + timedelta(days=5))]
    assert found[0].citation == "勞動基準法第36條第1項"


def test_seven_days_of_work_break_the_rule_even_if_two_are_rest_days():
    monday = date(2026, 3, 2)
    found = rules.check_hours("labor", week("w", monday, range(7), {5: "rest_day", 6: "rest_day"}))
    assert codes(found) == [("seven_day_rule", monday + timedelta(days=6))]


def test_cycles_follow_the_anchor_so_twelve_days_in_a_row_can_be_lawful():
    # Fixed 7-day cycles (§36(1)): days off at the start of one cycle and the end of the next.
    monday = date(2026, 3, 2)
    shifts = week("w", monday, range(2, 7), {6: "rest_day"}) + week("w", monday + timedelta(days=7), range(0, 5))
    assert [v.code for v in rules.check_hours("labor", shifts)] == []
    # With cycles starting on Wednesday the same days are six in one cycle.
    found = rules.check_hours("labor", shifts, cycle_start=date(2026, 3, 4))
    assert [v.code for v in found] == ["seven_day_rule"]


def test_civil_servants_have_no_seven_day_rule_in_this_engine():
    assert rules.check_hours("civil", week("c", date(2026, 3, 2), range(7))) == []


def test_work_on_a_regular_day_off_is_a_violation_outside_disasters():
    # 勞動基準法第40條.
    monday = date(2026, 3, 2)
    shifts = week("w", monday, [0, 1, 2, 6], {6: "regular_day_off"})
    found = rules.check_hours("labor", shifts)
    assert codes(found) == [("seven_day_rule", monday + timedelta(days=6))]
    assert found[0].citation == "勞動基準法第40條"
    assert rules.check_hours("labor", shifts, disaster=True) == []


def test_the_four_week_schedule_allows_six_days_in_a_row_with_eight_days_off_in_four_weeks():
    # Seed 003 Q.3 (勞動基準法第30條之1): 4 例假 + 4 休息日 in 4 weeks, 2 例假 in every 2 weeks.
    start = date(2026, 3, 2)
    worked = [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25]  # 22 days, 6 free
    kinds = {5: "rest_day", 12: "rest_day"}
    shifts = [day_shift("w", start + timedelta(days=i), day_kind=kinds.get(i, "workday")) for i in worked]
    assert rules.check_hours("labor", shifts, schedule="four_week", cycle_start=start) == []
    # The weekly rule would see two 6-day weeks of ordinary work? No: days 5 and 12 are rest days.
    extra = shifts + [day_shift("w", start + timedelta(days=6))]  # 13 worked days in the first 2 weeks
    found = rules.check_hours("labor", extra, schedule="four_week", cycle_start=start)
    # 13 worked days in the first 2 weeks (day 12), and only 7 days off or worked as 休息日
    # in the 4 weeks (the 21st ordinary worked day, day 25).
    assert codes(found) == [("seven_day_rule", start + timedelta(days=12)), ("seven_day_rule", start + timedelta(days=25))]
    assert "二週" in found[0].detail and "28 日" in found[1].detail


def test_the_four_week_schedule_needs_eight_days_off_in_four_weeks():
    start = date(2026, 3, 2)
    worked = [i for i in range(28) if i not in (6, 13, 20, 27)]  # only 4 days off
    shifts = [day_shift("w", start + timedelta(days=i)) for i in worked]
    found = rules.check_hours("labor", shifts, schedule="four_week", cycle_start=start)
    assert [v.code for v in found] == ["seven_day_rule"]
    assert found[0].day == start + timedelta(days=23)  # the 21st worked day (index 23) leaves < 8 days off


# -- protected night work: 勞動基準法第49條第5項 ------------------------------------------

def test_a_pregnant_worker_may_not_work_between_ten_at_night_and_six_in_the_morning():
    ok = S("m", datetime(2026, 3, 2, 14), datetime(2026, 3, 2, 22), "regular", protected=True)
    assert rules.check_hours("labor", [ok]) == []
    late = ok._replace(end=datetime(2026, 3, 2, 22, 15))
    early = S("m", datetime(2026, 3, 3, 5, 30), datetime(2026, 3, 3, 9), "regular", protected=True)
    found = rules.check_hours("labor", [late, early], min_rest_hours=0)
    assert codes(found) == [("night_work_protected", date(2026, 3, 2)), ("night_work_protected", date(2026, 3, 3))]
    assert rules.check_hours("labor", [late._replace(protected=False)]) == []


def test_violations_carry_person_code_day_detail_and_citation_and_come_sorted():
    shifts = [S(2, datetime(2026, 3, 3, 7), datetime(2026, 3, 3, 21), "regular"),
              S(1, datetime(2026, 3, 2, 7), datetime(2026, 3, 2, 21), "regular")]
    found = rules.check_hours("civil", shifts)
    assert [(v.person, v.day) for v in found] == [(1, date(2026, 3, 2)), (2, date(2026, 3, 3))]
    assert all(v.citation.startswith("公務員服務法") and v.detail for v in found)


def test_caps_are_read_from_data_by_date():
    caps = rules.hours_caps("civil", date(2026, 1, 1), exception=True)
    assert (caps.daily_max_hours, caps.monthly_overtime_hours, caps.quarterly_overtime_hours) == (14, 80, 240)
    assert rules.hours_caps("labor", date(2026, 1, 1), agreement=True).quarterly_overtime_hours == 138
    assert rules.hours_caps("teacher", date(2026, 1, 1)) == rules.hours_caps("civil", date(2026, 1, 1))
    with pytest.raises(rules.RuleInputError):
        rules.hours_caps("labor", date(2017, 6, 1), agreement=True)  # §32(2) agreement caps from 2018-03-01
