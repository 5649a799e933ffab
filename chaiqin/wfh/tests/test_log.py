"""The daily work log (居家辦公工作日誌, 第5點第3款第2目): written on WFH days, reviewed by the
direct supervisor, reported weekly to the unit head; printable (PDF) and exportable (XLSX)."""

import io
from datetime import timedelta

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.tests.pdfs import text_of
from chaiqin.wfh import exports, selectors, services
from chaiqin.wfh.models import WfhLog, WfhWeekReport
from chaiqin.workflow.models import Notification

from .conftest import MONDAY, at

pytestmark = pytest.mark.django_db
ITEMS = [{"item": "里長聯繫會議資料", "done": "彙整12里意見並製表", "progress": "on_track"},
         {"item": "公文稿擬", "done": "完成2件簽稿", "progress": "ahead"}]


@pytest.fixture
def planned(world, application):
    services.wfh_week_plan(actor=world.alice, application=application, week_start=MONDAY,
                           days=[MONDAY, MONDAY + timedelta(days=2), MONDAY + timedelta(days=4)])
    return application


def write(world, day, items=ITEMS):
    return services.wfh_log_submit(actor=world.alice, day=day, items=items)


def test_a_log_on_a_wfh_day_is_sent_to_the_direct_supervisor(world, planned, settings):
    at(settings, "2026-03-09T17:10")
    log = write(world, MONDAY)
    assert log.status == WfhLog.Status.SUBMITTED
    assert (log.work_start.hour, log.work_end.hour) == (8, 17)
    assert [i.progress for i in log.items.all()] == ["on_track", "ahead"]
    assert Notification.objects.filter(person=world.bob, message__contains="工作日誌待您審核").exists()
    assert list(selectors.logs_to_review(world.bob)) == [log]


def test_a_log_for_a_day_that_was_not_a_wfh_day_is_refused(world, planned, settings):
    at(settings, "2026-03-10T17:10")
    with pytest.raises(ChaiqinError) as refused:
        write(world, MONDAY + timedelta(days=1))
    assert "115-03-10 不是您排定的居家辦公日" in refused.value.message
    assert "第5點第3款第2目" in refused.value.citation
    assert not WfhLog.objects.exists()


def test_a_log_needs_a_row_with_item_what_was_done_and_progress(world, planned, settings):
    at(settings, "2026-03-09T17:10")
    with pytest.raises(ChaiqinError, match="至少要填一項"):
        write(world, MONDAY, items=[])
    with pytest.raises(ChaiqinError, match="超前進度、符合進度或進度落後"):
        write(world, MONDAY, items=[{"item": "A", "done": "B", "progress": ""}])
    with pytest.raises(ChaiqinError, match="還沒到"):
        write(world, MONDAY + timedelta(days=2))


def test_the_supervisor_reviews_and_then_the_log_is_locked(world, planned, settings):
    at(settings, "2026-03-09T17:10")
    log = write(world, MONDAY)
    with pytest.raises(ChaiqinError, match="直屬主管"):
        services.wfh_log_review(actor=world.diana, log=log, decision="approve")
    with pytest.raises(ChaiqinError, match="理由"):
        services.wfh_log_review(actor=world.bob, log=log, decision="return")
    services.wfh_log_review(actor=world.bob, log=log, decision="return", comment="請補進度")
    log = write(world, MONDAY)  # corrected and sent again
    services.wfh_log_review(actor=world.bob, log=log, decision="approve")
    log.refresh_from_db()
    assert log.status == WfhLog.Status.REVIEWED and log.reviewer == world.bob
    with pytest.raises(ChaiqinError, match="已經直屬主管審核"):
        write(world, MONDAY)
    assert log.items.count() == 2


def test_a_recalled_day_takes_no_log(world, planned, settings):
    from chaiqin.wfh.models import WfhDay

    services.wfh_day_recall(actor=world.bob, day=WfhDay.objects.get(date=MONDAY), reason="緊急業務")
    at(settings, "2026-03-09T17:10")
    with pytest.raises(ChaiqinError, match="不是您排定的居家辦公日"):
        write(world, MONDAY)


def test_the_week_is_reported_to_the_unit_head_once_every_log_is_reviewed(world, planned, settings):
    at(settings, "2026-03-13T17:30")
    logs = [write(world, MONDAY + timedelta(days=o)) for o in (0, 2, 4)]
    with pytest.raises(ChaiqinError, match="未審核"):
        services.wfh_week_report(actor=world.bob, person=world.alice, week_start=MONDAY)
    for log in logs:
        services.wfh_log_review(actor=world.bob, log=log, decision="approve")
    report = services.wfh_week_report(actor=world.bob, person=world.alice, week_start=MONDAY + timedelta(days=3))
    assert report.week_start == MONDAY and report.unit_head == world.diana
    assert Notification.objects.filter(person=world.diana, message__contains="陳報").exists()
    rows = selectors.unit_week(world.diana, MONDAY)
    assert [r.person for r in rows] == [world.alice]
    assert len(rows[0].logs) == 3 and rows[0].cap.days == 3 and rows[0].report == report
    with pytest.raises(ChaiqinError, match="已經陳報"):
        services.wfh_week_report(actor=world.bob, person=world.alice, week_start=MONDAY)
    assert WfhWeekReport.objects.count() == 1


def test_the_log_prints_as_the_seeds_form_with_chinese_text(world, planned, settings):
    at(settings, "2026-03-09T17:10")
    log = write(world, MONDAY)
    text = text_of(exports.log_pdf([log]))
    for expected in ("居家辦公工作日誌", "上班日期：115 年 3 月 9 日", "上班時間：08:00 至 17:00", "民政處",
                     "陳雅婷", "工作項目", "執行情形", "里長聯繫會議資料", "超前進度", "符合進度", "進度落後", "直屬主管"):
        assert expected in text, expected


def test_the_week_exports_to_xlsx_one_row_per_item(world, planned, settings):
    from openpyxl import load_workbook

    at(settings, "2026-03-09T17:10")
    log = write(world, MONDAY)
    sheet = load_workbook(io.BytesIO(exports.logs_xlsx([log]))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "花蓮縣政府 居家辦公工作日誌"
    assert rows[1][:5] == ("上班日期", "上班時間", "單位", "職稱", "姓名")
    assert rows[2][0] == "115-03-09" and rows[2][4] == "陳雅婷" and rows[2][7] == "符合進度"
    assert len(rows) == 4
