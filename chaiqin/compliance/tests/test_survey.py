"""The 19-item survey derived from records (seed 004), confirmed or overridden by the personnel office."""

from datetime import date, datetime

import pytest

from chaiqin.compliance import selectors, services
from chaiqin.compliance.models import SurveyAnswer, UnpaidLeave
from chaiqin.dates import TAIPEI
from chaiqin.errors import ChaiqinError
from chaiqin.org import staffing
from chaiqin.org.models import Person


def _item(view, n):
    return view.items[n - 1]


def test_the_headcount_on_september_first_counts_unpaid_leave_but_not_leavers_or_later_hires(world):
    Person.objects.filter(pk=world.bob.pk).update(status=Person.Status.UNPAID_LEAVE)
    Person.objects.filter(pk=world.erin.pk).update(status=Person.Status.LEFT)
    Person.objects.filter(pk=world.frank.pk).update(hire_date=date(2026, 9, 2))
    count, detail = selectors.headcount(world.county, date(2026, 9, 1))
    assert count == 4  # diana, bob (留職停薪), alice, carol
    assert detail["（其中留職停薪）"] == 1


def test_the_headcount_reads_the_dated_status_periods_of_that_day(world):
    # 調查說明一: 115年9月1日現有人數, 留職停薪人員 included; read from the periods, not today's status
    staffing.staff_unpaid_leave(actor=world.carol, person=world.bob, kind="parental", start=date(2026, 8, 1),
                                end=date(2026, 12, 31))
    staffing.staff_unpaid_leave(actor=world.carol, person=world.alice, kind="study", start=date(2026, 3, 1),
                                end=date(2026, 8, 31))
    staffing.staff_separate(actor=world.carol, person=world.erin, on=date(2026, 10, 1))  # still there on 9/1
    staffing.staff_separate(actor=world.carol, person=world.frank, on=date(2026, 7, 1))  # gone by then
    count, detail = selectors.headcount(world.county, date(2026, 9, 1))
    assert count == 5  # diana, bob, alice, carol, erin
    assert detail["（其中留職停薪）"] == 1  # bob; alice was back on 9/1


def test_a_small_agency_needs_not_do_items_1_to_4_but_must_answer_item_16(world):
    view = selectors.survey_view(world.county, 115)
    assert view.headcount == 6
    for n in (1, 2, 3, 4):
        assert _item(view, n).derived == "依法無須辦理"
    assert _item(view, 16).derived == "否"  # reverse item: 否 completes it (說明三)


def test_item_11_finds_every_leave_type_the_law_grants(world):
    item = _item(selectors.survey_view(world.county, 115), 11)
    assert item.derived == "是"
    assert "家庭照顧假" in item.evidence[0] and "陪產檢及陪產假" in item.evidence[0]


def test_nothing_counts_until_the_personnel_office_confirms(world):
    view = selectors.survey_view(world.county, 115)
    assert not view.completed and view.open_numbers == list(range(1, 20))


def test_confirming_keeps_the_evidence_and_manual_items_need_their_own(world):
    n = services.survey_confirm_derived(agency=world.county, year=115, actor=world.carol)
    assert n >= 10
    assert SurveyAnswer.objects.get(agency=world.county, year=115, number=11).evidence
    with pytest.raises(ChaiqinError):
        services.survey_answer_set(agency=world.county, year=115, number=10, answer="是", actor=world.carol)
    services.survey_answer_set(agency=world.county, year=115, number=10, answer="是", actor=world.carol,
                               evidence="生育補助、育嬰留職停薪津貼均依規定請領")
    assert _item(selectors.survey_view(world.county, 115), 10).completed


def test_overriding_the_records_needs_a_reason(world):
    with pytest.raises(ChaiqinError) as exc:
        services.survey_answer_set(agency=world.county, year=115, number=11, answer="否", actor=world.carol)
    assert "更正理由" in str(exc.value)
    row = services.survey_answer_set(agency=world.county, year=115, number=11, answer="否", actor=world.carol,
                                     reason="生理假未依規定核給一件")
    assert row.source == "override"


def test_only_the_personnel_office_answers(world):
    with pytest.raises(ChaiqinError):
        services.survey_answer_set(agency=world.county, year=115, number=11, answer="是", actor=world.alice)


def test_a_night_assignment_of_a_pregnant_employee_turns_item_15_into_not_completed(world):
    services.survey_confirm_derived(agency=world.county, year=115, actor=world.carol)
    services.survey_answer_set(agency=world.county, year=115, number=15, answer="否", actor=world.carol,
                               evidence="本年度未指派妊娠或哺乳期間女性夜間工作")
    assert _item(selectors.survey_view(world.county, 115), 15).completed

    services.protection_mark(person=world.alice, kind="pregnant", start=date(2026, 5, 1), actor=world.carol)
    _, warnings = services.roster_assign(person=world.alice, actor=world.bob,
                                         start=datetime(2026, 9, 15, 20, 0, tzinfo=TAIPEI),
                                         end=datetime(2026, 9, 15, 23, 0, tzinfo=TAIPEI), note="防颱值班")
    assert warnings  # 銓敘部函釋: 不宜指派妊娠或哺乳期間之女性公務人員於午後10時至翌晨6時工作
    item = _item(selectors.survey_view(world.county, 115), 15)
    assert item.derived == "是" and item.effective == "是" and not item.completed
    assert any("陳雅婷" in line for line in item.evidence)


def test_a_day_shift_of_a_pregnant_employee_is_no_night_work(world):
    services.protection_mark(person=world.alice, kind="pregnant", start=date(2026, 5, 1), actor=world.carol)
    services.roster_assign(person=world.alice, actor=world.bob, start=datetime(2026, 9, 15, 8, 0, tzinfo=TAIPEI),
                           end=datetime(2026, 9, 15, 17, 0, tzinfo=TAIPEI))
    assert selectors.night_violations(world.county, None, date(2026, 1, 1), date(2026, 12, 31)) == []


def test_item_6_uses_the_committee_gender_minimum(world):
    # Staff of the county: 4 women, 2 men → each gender at least one third: ceil(5 / 3) = 2.
    services.committee_set_members(agency=world.county, year=115, kind="performance", actor=world.carol,
                                   members=[("甲", "F"), ("乙", "F"), ("丙", "F"), ("丁", "F"), ("戊", "F")])
    item = _item(selectors.survey_view(world.county, 115), 6)
    assert item.derived == "否"
    services.committee_set_members(agency=world.county, year=115, kind="performance", actor=world.carol,
                                   members=[("甲", "F"), ("乙", "F"), ("丙", "F"), ("丁", "M"), ("戊", "M")])
    assert _item(selectors.survey_view(world.county, 115), 6).derived == "是"


def test_items_8_and_17_follow_leave_without_pay_and_the_return(world):
    leave = services.unpaid_leave_record(person=world.alice, reason=UnpaidLeave.Reason.CHILD, start=date(2026, 1, 1),
                                         end=date(2026, 6, 30), actor=world.carol, original_title="科員")
    view = selectors.survey_view(world.county, 115)
    assert _item(view, 8).derived == "是" and _item(view, 17).derived == "依法無須辦理"
    with pytest.raises(ChaiqinError):
        services.unpaid_leave_return(leave=leave, returned_on=date(2026, 7, 1), returned_title="辦事員",
                                     to_original=False, actor=world.carol)
    services.unpaid_leave_return(leave=leave, returned_on=date(2026, 7, 1), returned_title="科員",
                                 to_original=True, actor=world.carol)
    assert _item(selectors.survey_view(world.county, 115), 17).derived == "是"


def test_item_16_shows_the_requests_and_that_none_was_refused(world):
    services.childcare_request_submit(person=world.alice, child_birth_date=date(2025, 5, 1), mode="reduce",
                                      start=date(2026, 10, 5), end=date(2027, 4, 30))
    item = _item(selectors.survey_view(world.county, 115), 16)
    assert item.derived == "否" and "拒絕 0 件" in item.evidence[0]


def _overtime(world, start, end):
    from chaiqin.overtime import services as overtime

    return overtime.overtime_request_submit(
        applicant=world.alice, reason="防汛應變", work_items="彙整災情",
        slots=[overtime.PlannedSlot(world.alice, datetime.fromisoformat(start).replace(tzinfo=TAIPEI),
                                    datetime.fromisoformat(end).replace(tzinfo=TAIPEI))])


def test_with_overtime_records_and_no_night_work_item_15_is_answered_no(world):
    _overtime(world, "2026-09-15T17:30", "2026-09-15T19:30")
    services.protection_mark(person=world.alice, kind="pregnant", start=date(2026, 5, 1), actor=world.carol)
    item = _item(selectors.survey_view(world.county, 115), 15)
    assert item.derived == "否" and "加班 1 筆" in item.evidence[0]


def test_night_overtime_of_a_nursing_employee_makes_item_15_yes(world):
    services.protection_mark(person=world.alice, kind="nursing", start=date(2026, 5, 1),
                             child_birth_date=date(2026, 4, 1), actor=world.alice)
    _overtime(world, "2026-09-15T21:00", "2026-09-15T23:00")
    item = _item(selectors.survey_view(world.county, 115), 15)
    assert item.derived == "是" and "（加班）" in item.evidence[0]
