"""Submitting, approving and cancelling leave; what is refused and that nothing is half-saved."""

from datetime import date

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.leave import ledger, selectors, services
from chaiqin.leave.attachments import MAX_BYTES, Upload
from chaiqin.leave.models import BalanceEntry, LeaveAttachment, LeaveRequest
from chaiqin.workflow.models import Case

from .conftest import approve_all, at

pytestmark = pytest.mark.django_db
ON = date(2026, 3, 9)


def submit(world, agent, code="personal", start="2026-03-10 08:00", end="2026-03-11 17:00", **kw):
    return services.leave_request_submit(person=world.alice, leave_code=code, start=at(start), end=at(end),
                                         agent=agent, reason="家中有事", **kw)


def nothing_saved():
    return (LeaveRequest.objects.count(), Case.objects.count(), LeaveAttachment.objects.count(),
            BalanceEntry.objects.exclude(kind="grant").count()) == (0, 0, 0, 0)


def test_two_days_of_personal_leave_hold_then_use_then_return_one_day(world, ivy):
    req = submit(world, ivy)
    assert req.minutes == 960
    # pending requests hold their minutes (issue 4: two pending requests never exceed a balance)
    assert ledger.balance(world.alice, "personal", ON) == 5 * 480
    assert [s.decider for s in req.case.steps.order_by("order")] == [ivy, world.bob, world.diana, world.carol]
    approve_all(req)
    assert ledger.balance(world.alice, "personal", ON) == 5 * 480
    assert BalanceEntry.objects.filter(case=req.case, kind="use").count() == 1
    done = services.leave_request_cancel(request=req, actor=world.alice, start=at("2026-03-11 08:00"),
                                         end=at("2026-03-11 17:00"), reason="提前返回")
    assert done.minutes == 480
    assert ledger.balance(world.alice, "personal", ON) == 5 * 480  # a 銷假單 gives back nothing until approved
    approve_all(done)
    assert ledger.balance(world.alice, "personal", ON) == 6 * 480
    periods = selectors.leave_periods(world.alice, at("2026-03-01 00:00"), at("2026-04-01 00:00"))
    assert [(p.start, p.end) for p in periods] == [(at("2026-03-10 08:00"), at("2026-03-11 08:00"))]
    approve_all(services.leave_request_cancel(request=req, actor=world.alice, whole=True, reason="全部取消"))
    req.case.refresh_from_db()
    assert req.case.status == Case.Status.CANCELLED
    assert ledger.balance(world.alice, "personal", ON) == 7 * 480


def test_a_rejected_request_releases_its_hold(world, ivy):
    from chaiqin.workflow import services as workflow

    req = submit(world, ivy)
    workflow.case_decide(case=req.case, actor=ivy, decision="reject", comment="當週無法代理")
    assert ledger.balance(world.alice, "personal", ON) == 7 * 480


def test_a_half_day_in_the_morning_and_another_in_the_afternoon_do_not_clash(world, ivy):
    submit(world, ivy, start="2026-03-10 08:00", end="2026-03-10 12:00")
    req = submit(world, ivy, code="sick", start="2026-03-10 13:00", end="2026-03-10 17:00")
    assert req.minutes == 240


def test_school_mornings_count_four_hours_and_eight_to_two_counts_five(world):
    # seed 003 Q.10: 上午4.5小時、下午4小時; 08:00–14:00 is 5 hours of leave
    from chaiqin.leave.durations import measure

    assert measure(world.school, at("2026-03-10 08:00"), at("2026-03-10 12:30")).minutes == 240
    assert measure(world.school, at("2026-03-10 08:00"), at("2026-03-10 14:00")).minutes == 300
    assert measure(world.school, at("2026-03-10 08:00"), at("2026-03-10 17:00")).minutes == 480


def test_weekends_inside_a_leave_are_left_out_and_said_why(world, ivy):
    req = submit(world, ivy, start="2026-03-13 08:00", end="2026-03-16 17:00")
    assert req.minutes == 960
    assert any("週休二日" in why for why in req.left_out)


def test_overlapping_leave_is_refused(world, ivy):
    submit(world, ivy)
    with pytest.raises(ChaiqinError, match="重疊"):
        submit(world, ivy, code="sick", start="2026-03-11 13:00", end="2026-03-11 17:00")


def test_end_before_start_is_refused_and_nothing_saved(world, ivy):
    with pytest.raises(ChaiqinError, match="迄時必須晚於起時"):
        submit(world, ivy, start="2026-03-11 08:00", end="2026-03-10 17:00")
    assert nothing_saved()


def test_leave_on_a_holiday_only_is_refused(world, ivy):
    # 2026-04-03 is 兒童節 observed / 4-04 Saturday: nothing to take leave from
    with pytest.raises(ChaiqinError, match="沒有任何上班時間") as exc:
        submit(world, ivy, start="2026-04-04 08:00", end="2026-04-05 17:00")
    assert "不計入" in exc.value.message
    assert nothing_saved()


def test_a_quota_exceeded_is_refused_with_its_article(world, ivy):
    # 公務人員請假規則第3條第1項第1款: 家庭照顧假每年以7日為限 (事假 beyond 7 days is granted unpaid)
    with pytest.raises(ChaiqinError, match="額度不足") as exc:
        submit(world, ivy, code="family_care", start="2026-03-10 08:00", end="2026-03-20 17:00")
    assert "公務人員請假規則" in exc.value.citation
    assert nothing_saved()


def test_two_pending_requests_cannot_together_exceed_the_balance(world, ivy):
    submit(world, ivy, code="family_care", start="2026-03-10 08:00", end="2026-03-13 17:00")  # 4 days
    with pytest.raises(ChaiqinError, match="額度不足"):
        submit(world, ivy, code="family_care", start="2026-03-16 08:00", end="2026-03-19 17:00")  # 4 more: 8 > 7


def test_a_leave_type_the_regime_lacks_is_refused(world, ivy):
    # 勞工請假規則 has sick_hospitalised; a civil servant does not
    with pytest.raises(ChaiqinError, match="無假別"):
        submit(world, ivy, code="sick_hospitalised")
    assert nothing_saved()


def test_a_missing_agent_is_refused(world):
    with pytest.raises(ChaiqinError, match="職務代理人"):
        submit(world, None)
    assert nothing_saved()


def test_an_attachment_too_big_or_not_a_document_is_refused(world, ivy):
    with pytest.raises(ChaiqinError, match="超過"):
        submit(world, ivy, attachments=[Upload("scan.pdf", b"%PDF-" + b"0" * MAX_BYTES)])
    with pytest.raises(ChaiqinError, match="不是 PDF"):
        submit(world, ivy, attachments=[Upload("cert.pdf", b"MZ\x90\x00 this is an exe")])
    assert nothing_saved()
    req = submit(world, ivy, attachments=[Upload("cert.png", b"\x89PNG\r\n\x1a\n....")])
    assert req.attachments.get().content_type == "image/png"


def test_marriage_leave_outside_its_window_is_refused(world, ivy):
    # 公務人員請假規則第3條: 應自結婚之日前十日起三個月內請畢
    with pytest.raises(ChaiqinError) as exc:
        submit(world, ivy, code="marriage", event_date=date(2025, 10, 1))
    assert exc.value.code == "window"


def test_comp_time_is_offered_and_taken_from_the_oldest_grant(world, ivy):
    grant = ledger.comp_time_grant(person=world.alice, minutes=240, earned_on=date(2026, 1, 5), expires_on=date(2026, 12, 31))
    assert "comp_time" in [t.code for t in services.leave_types_for(world.alice, ON)]
    req = submit(world, ivy, code="comp_time", start="2026-03-10 08:00", end="2026-03-10 12:00")
    assert ledger.comp_time_available(world.alice, ON) == 0
    assert BalanceEntry.objects.get(case=req.case, kind="hold").source == grant
    with pytest.raises(ChaiqinError, match="可用補休不足"):
        submit(world, ivy, code="comp_time", start="2026-03-11 08:00", end="2026-03-11 10:00")
