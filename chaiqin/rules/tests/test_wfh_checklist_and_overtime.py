"""居家辦公作業規範第4點 (approval considerations) and 第5點第4款第3目 (overtime filing), seed 000."""

from datetime import date, datetime, timedelta

import pytest

from chaiqin import rules

RULE = "本機關同仁懷孕或配偶懷孕期間實施居家辦公作業規範"


def test_the_checklist_covers_work_devices_and_home_in_the_order_of_point_4():
    items = rules.wfh_approval_checklist()
    sections = [i.section for i in items if i.citation.startswith(f"{RULE}第4點")]
    assert sections == ["業務性質", "業務性質", "資（通）訊設備或系統", "資（通）訊設備或系統",
                        "資（通）訊設備或系統", "辦公環境", "辦公環境"]


def test_the_on_site_units_of_point_4_1_2_are_listed_for_the_form():
    # 第4點第1款第2目: 防疫、執法治安、緊急救援、警消、醫療院所…需24小時運作的關鍵直接服務業務.
    item = next(i for i in rules.wfh_approval_checklist() if i.key == "on_site_unit")
    assert item.citation == f"{RULE}第4點第1款第2目"
    for unit in ["防疫", "執法治安", "緊急救援", "警消", "醫療院所"]:
        assert unit in item.on_site_categories
    assert any("24小時" in c for c in item.on_site_categories)


def test_mainland_brand_devices_bar_approval_whoever_owns_the_device():
    # 第4點第2款第1目: 不論係由機關提供或自有，皆不得使用大陸廠牌資通訊產品.
    unmet = rules.wfh_checklist_unmet({}, own_device=False)
    assert [i.key for i in unmet] == ["no_mainland_brand"]
    assert rules.wfh_checklist_unmet({"no_mainland_brand": True}, own_device=False) == []


def test_an_own_device_also_needs_the_security_check_and_data_erasure():
    # 第4點第2款第2目、第3目.
    unmet = rules.wfh_checklist_unmet({"no_mainland_brand": True}, own_device=True)
    assert {i.key for i in unmet} == {"own_device_security_check", "own_device_data_erasure"}
    assert all(i.citation.startswith(f"{RULE}第4點第2款") for i in unmet)


def test_an_unknown_checklist_key_is_refused():
    with pytest.raises(rules.RuleInputError, match="代碼"):
        rules.wfh_checklist_unmet({"no_china_brand": True}, own_device=False)


def test_doctor_ordered_pregnancy_rest_is_shown_as_leave_not_wfh():
    # 第3點第3項: 經醫師診斷需安胎休養者…仍應回歸各類人員請假規定辦理.
    item = next(i for i in rules.wfh_approval_checklist() if i.key == "pregnancy_rest_is_leave")
    assert item.kind == "note"
    assert item.citation == f"{RULE}第3點第3項"


# 2026-03-13 is a Friday; the list skips the weekend.
WORKDAYS = [date(2026, 3, 12), date(2026, 3, 13), date(2026, 3, 16), date(2026, 3, 17)]


def test_overtime_ending_on_friday_evening_is_due_on_monday():
    # 第5點第4款第3目: 至遲於加班時間結束後之次1工作日依加班申請程序送核.
    deadline = rules.wfh_overtime_filing_deadline(datetime(2026, 3, 13, 20, 30), WORKDAYS)
    assert deadline.due == date(2026, 3, 16)
    assert deadline.citation == f"{RULE}第5點第4款第3目"


def test_overtime_ending_at_midnight_ended_the_day_before():
    # 20:00–24:00 on Thursday 3/12 ends on Thursday: due Friday, not Monday.
    deadline = rules.wfh_overtime_filing_deadline(datetime(2026, 3, 13, 0, 0), WORKDAYS)
    assert deadline.due == date(2026, 3, 13)


def test_overtime_running_past_midnight_is_due_the_working_day_after_it_ends():
    deadline = rules.wfh_overtime_filing_deadline(datetime(2026, 3, 13, 0, 30), WORKDAYS)
    assert deadline.due == date(2026, 3, 16)


def test_the_office_calendar_may_be_a_next_workday_callable():
    def next_workday(day):
        day += timedelta(days=1)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        return day

    deadline = rules.wfh_overtime_filing_deadline(date(2026, 3, 14), next_workday)  # a Saturday
    assert deadline.due == date(2026, 3, 16)


def test_a_calendar_without_a_later_workday_is_refused():
    with pytest.raises(rules.RuleInputError, match="沒有工作日"):
        rules.wfh_overtime_filing_deadline(datetime(2026, 3, 17, 19, 0), WORKDAYS)


def test_a_callable_answering_a_day_not_after_the_overtime_is_refused():
    with pytest.raises(rules.RuleInputError, match="次一工作日"):
        rules.wfh_overtime_filing_deadline(date(2026, 3, 13), lambda day: day)


def test_checklist_keys_are_unique_and_every_item_cites_seed_000():
    # Forms store answers by key (wfh.toml): a duplicate would merge two considerations.
    items = rules.wfh_approval_checklist()
    assert len({i.key for i in items}) == len(items)
    assert all(i.citation.startswith(RULE) for i in items)
    assert {i.kind for i in items} <= {"consider", "required", "note"}
