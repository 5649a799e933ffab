"""試算 runs exactly the checks of 送出 (one function, leave_request_check) and leaves nothing behind."""

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.leave import services
from chaiqin.leave.models import BalanceEntry, LeaveRequest
from chaiqin.workflow import services as workflow
from chaiqin.workflow.models import Case

from .conftest import at

pytestmark = pytest.mark.django_db


def preview(world, agent, start="2026-03-10 08:00", end="2026-03-10 17:00", **kw):
    return services.leave_request_preview(person=world.alice, leave_code="personal", start=at(start), end=at(end),
                                          agent=agent, **kw)


def test_the_preview_refuses_an_overlap_as_submission_does(world, ivy):
    services.leave_request_submit(person=world.alice, leave_code="sick", start=at("2026-03-10 13:00"),
                                  end=at("2026-03-10 17:00"), agent=ivy, reason="門診")
    with pytest.raises(ChaiqinError, match="時間重疊") as previewed:
        preview(world, ivy)
    with pytest.raises(ChaiqinError) as submitted:
        services.leave_request_submit(person=world.alice, leave_code="personal", start=at("2026-03-10 08:00"),
                                      end=at("2026-03-10 17:00"), agent=ivy)
    assert previewed.value.message == submitted.value.message


def test_the_preview_asks_for_the_agent_and_refuses_one_who_is_away(world, ivy):
    with pytest.raises(ChaiqinError, match="請指定職務代理人"):
        preview(world, None)
    services.leave_request_submit(person=ivy, leave_code="personal", start=at("2026-03-10 08:00"),
                                  end=at("2026-03-10 17:00"), agent=world.alice)
    with pytest.raises(ChaiqinError, match="無法代理"):
        preview(world, ivy, start="2026-03-10 08:00", end="2026-03-10 12:00")


def test_the_preview_leaves_nothing_behind(world, ivy):
    before = BalanceEntry.objects.count()
    ev = preview(world, ivy)
    assert ev.minutes == 480 and ev.remaining[0][1:] == (7 * 480, 6 * 480)  # 公務人員請假規則第3條: 事假7日
    assert BalanceEntry.objects.count() == before  # not even the lazily posted yearly grant
    assert LeaveRequest.objects.count() == Case.objects.count() == 0


def test_the_preview_of_a_correction_counts_without_its_own_holds(world, ivy):
    # all 7 days of 事假 asked, returned: the corrected 7 days preview as fine, as resubmission accepts them
    req = services.leave_request_submit(person=world.alice, leave_code="personal", start=at("2026-03-10 08:00"),
                                        end=at("2026-03-18 17:00"), agent=ivy)
    workflow.case_decide(case=req.case, actor=ivy, decision="return", comment="日期請確認")
    # a new request: nothing of the quota is left, so the day is charged with pay deducted
    # (公務人員請假規則第3條第1項第1款: 超過規定日數之事假，應按日扣除俸給)
    beyond = preview(world, ivy, start="2026-03-23 08:00", end="2026-03-23 17:00")
    assert [p["deducted"] for p in beyond.parts] == [True]
    ev = preview(world, ivy, start="2026-03-11 08:00", end="2026-03-19 17:00", correcting=req)
    assert ev.minutes == 7 * 480 and ev.remaining[0][2] == 0 and not any(p["deducted"] for p in ev.parts)
    held = BalanceEntry.objects.filter(case=req.case, kind="hold").count()
    assert held and BalanceEntry.objects.filter(case=req.case, kind="release").count() == 0  # holds untouched


def test_the_page_shows_the_preview_above_the_form(client, world, ivy):
    assert client.login(username="alice", password="correct-horse-battery")
    page = client.post("/leave/new/", {"leave_code": "personal", "start_date": "115-03-10", "start_time": "08:00",
                                      "end_date": "115-03-10", "end_time": "17:00", "agent": ivy.pk,
                                      "preview": "1"}).content.decode()
    assert 'data-testid="preview"' in page
    assert page.index('data-testid="preview"') < page.index("<form method=\"post\" enctype")
