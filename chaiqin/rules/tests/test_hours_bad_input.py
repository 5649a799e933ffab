"""check_hours refuses input the law cannot be applied to, in Chinese (RULES_API.md: never a
silent wrong answer)."""

from datetime import date, datetime, timedelta, timezone

import pytest

from chaiqin import rules

S = rules.Shift
OK = S("a", datetime(2026, 3, 2, 8), datetime(2026, 3, 2, 17), "regular", 60)


@pytest.mark.parametrize("bad, words", [
    (OK._replace(end=datetime(2026, 3, 2, 7)), "不晚於開始"),
    (OK._replace(end=OK.start), "不晚於開始"),
    (OK._replace(end=datetime(2026, 3, 3, 8, 1)), "超過 24 小時"),
    (OK._replace(break_minutes=-5), "不可為負數"),
    (OK._replace(break_minutes=600), "比班次本身還長"),
    (OK._replace(kind="extra"), "未知的班次種類"),
    (OK._replace(day_kind="weekend"), "未知的日別"),
    (OK._replace(start=date(2026, 3, 2)), "datetime"),
])
@pytest.mark.parametrize("engine", [rules.check_hours, rules.check_hours_loop])
def test_a_bad_shift_raises_a_chinese_rule_input_error(engine, bad, words):
    with pytest.raises(rules.RuleInputError, match=words):
        engine("civil", [OK, bad])


def test_an_unknown_regime_or_an_impossible_mode_is_refused():
    with pytest.raises(rules.RuleInputError, match="未知的人員類別"):
        rules.check_hours("contractor", [OK])
    with pytest.raises(rules.RuleInputError, match="agreement"):
        rules.check_hours("civil", [OK], agreement=True)   # 勞基法§32(2) is for labor only
    with pytest.raises(rules.RuleInputError, match="exception"):
        rules.check_hours("labor", [OK], exception=True)   # 公務員服務法§12 exception is civil
    with pytest.raises(rules.RuleInputError, match="四週變形工時"):
        rules.check_hours("civil", [OK], schedule="four_week")
    with pytest.raises(rules.RuleInputError, match="未知的機關"):
        rules.check_hours("civil", [OK], agency="nowhere")


def test_a_shift_before_the_rules_were_in_force_is_refused():
    # 公務員服務法第12條 (caps) in force from 2023-01-01.
    with pytest.raises(rules.RuleInputError, match="2022"):
        rules.check_hours("civil", [OK._replace(start=datetime(2022, 3, 2, 8), end=datetime(2022, 3, 2, 17))])


def test_aware_datetimes_are_read_in_taipei_time():
    # 23:30 UTC on 3/1 is 07:30 on 3/2 in Taipei: the shift belongs to 3/2.
    utc = S("a", datetime(2026, 3, 1, 23, 30, tzinfo=timezone.utc), datetime(2026, 3, 2, 13, 0, tzinfo=timezone.utc),
            "regular")
    assert rules.workday_of(utc.start) == date(2026, 3, 2)
    found = rules.check_hours("civil", [utc])
    assert [(v.code, v.day) for v in found] == [("daily_over_12h", date(2026, 3, 2))]
    assert found == rules.check_hours_loop("civil", [utc])


def test_no_shifts_means_no_violations():
    assert rules.check_hours("labor", []) == []
    assert rules.check_hours("labor", iter([])) == []
