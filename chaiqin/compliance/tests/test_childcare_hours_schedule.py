"""Reduced or adjusted hours for a child under 3 as the person's dated arrangement, applied to the
attendance schedule and counted by the survey (item 16, seed 004).

性別平等工作法第19條第1項: 「受僱者為撫育未滿三歲子女，得向雇主請求為下列二款事項之一：一、每天減少
工作時間一小時；減少之工作時間，不得請求報酬。二、調整工作時間。」第21條第1項: 雇主不得拒絕.
The office hours of the county: 08:00–17:00, lunch 12:00–13:00, 30 minutes of flexible start.
"""

from datetime import date, datetime, time

import pytest

from chaiqin.attendance import selectors as attendance
from chaiqin.attendance import services as punches
from chaiqin.attendance.models import Punch
from chaiqin.compliance import selectors, services
from chaiqin.errors import ChaiqinError
from chaiqin.workflow import services as workflow

DAY = date(2026, 10, 7)  # a Wednesday, a workday
NOW = datetime(2026, 10, 8, 9, 0)


def _approved(world, **kw):
    args = dict(person=world.alice, child_birth_date=date(2025, 5, 1), mode="reduce", start=date(2026, 10, 5),
                end=date(2027, 4, 30))
    args.update(kw)
    form = services.childcare_request_submit(**args)
    for step in form.case.steps.order_by("order"):
        workflow.case_decide(case=form.case, actor=step.decider, decision="approve")
    form.refresh_from_db()
    return form


def _day(world, arrive: str, leave: str):
    for hhmm in (arrive, leave):
        punches.punch_record(person=world.alice, at=datetime.combine(DAY, time.fromisoformat(hhmm)),
                             source=Punch.Source.WEB)
    return attendance.daily_statuses([world.alice], DAY, DAY, now=NOW)[world.alice.pk][0]


def test_without_an_arrangement_leaving_at_16_is_early_leave(world):
    status = _day(world, "08:00", "16:00")
    assert status.codes == ("early_leave",) and status.early_minutes == 60


def test_the_hour_off_the_end_of_the_day_is_not_early_leave(world):
    _approved(world, reduce_at="end")
    status = _day(world, "08:00", "16:00")
    assert status.codes == ("on_time",)
    assert status.due_out == datetime.combine(DAY, time(16, 0))
    assert "育兒減少工作時間：下班提前 60 分鐘" in status.label


def test_the_hour_off_the_start_of_the_day_is_not_lateness_and_leaving_early_still_is(world):
    _approved(world, reduce_at="start")
    assert _day(world, "09:00", "17:00").codes == ("on_time",)
    Punch.objects.filter(person=world.alice).delete()
    # the hour moved the start, it is not a second hour at the end
    late = _day(world, "09:00", "16:00")
    assert late.codes == ("early_leave",) and late.early_minutes == 60


def test_adjusted_hours_replace_the_office_hours(world):
    _approved(world, mode="adjust", work_start=time(9, 30), work_end=time(18, 30))
    status = _day(world, "09:30", "18:30")
    assert status.codes == ("on_time",) and "育兒調整工作時間 09:30–18:30" in status.label
    Punch.objects.filter(person=world.alice).delete()
    assert "early_leave" in _day(world, "09:30", "17:00").codes


def test_an_arrangement_not_yet_approved_changes_nothing(world):
    services.childcare_request_submit(person=world.alice, child_birth_date=date(2025, 5, 1), mode="reduce",
                                      start=date(2026, 10, 5), end=date(2027, 4, 30))
    assert _day(world, "08:00", "16:00").codes == ("early_leave",)


def test_the_reduced_hour_must_come_off_the_start_or_the_end(world):
    with pytest.raises(ChaiqinError) as refused:
        services.childcare_request_submit(person=world.alice, child_birth_date=date(2025, 5, 1), mode="reduce",
                                          start=date(2026, 10, 5), end=date(2027, 4, 30), reduce_at="lunch")
    assert refused.value.field == "reduce_at"


def test_the_survey_counts_an_arrangement_in_force_in_the_year_whenever_it_was_filed(world, settings):
    settings.CHAIQIN_NOW = "2025-11-03T09:00"
    _approved(world, start=date(2025, 11, 10), end=date(2026, 4, 30))
    settings.CHAIQIN_NOW = "2026-10-01T09:00"
    item = selectors.survey_view(world.county, 115).items[15]
    assert item.derived == "否"  # reverse item (seed 004 說明三): none refused
    assert "申請 1 件" in item.evidence[0] and "拒絕 0 件" in item.evidence[0]
    assert any("每天減少工作時間一小時（下班提前）" in line and "已核准並納入出勤時間" in line for line in item.evidence)


def test_the_api_files_adjusted_hours(world, client):
    client.force_login(world.alice.user)
    r = client.post("/api/compliance/childcare", content_type="application/json", data={
        "child_birth_date": "2025-05-01", "mode": "adjust", "start": "2026-10-05", "end": "2027-04-30",
        "work_start": "09:30", "work_end": "18:30"})
    assert r.status_code == 200, r.content
    form = world.alice.childcare_requests.get()
    assert (form.work_start, form.work_end) == (time(9, 30), time(18, 30))
