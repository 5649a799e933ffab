"""A request returned by a decider is corrected and sent again (re-checked with every rule, its
hold moved in the same transaction), or withdrawn (its hold released)."""

from datetime import date

import pytest
from django.urls import reverse

from chaiqin.errors import ChaiqinError
from chaiqin.leave import ledger, services
from chaiqin.leave.attachments import Upload
from chaiqin.leave.models import BalanceEntry, LeaveRequest
from chaiqin.workflow import services as workflow
from chaiqin.workflow.models import Case

from .conftest import approve_all, at

pytestmark = pytest.mark.django_db
ON = date(2026, 3, 9)


@pytest.fixture
def returned(world, ivy):
    """Two days of 事假 (3/10–3/11) that the agent accepts and the supervisor returns."""
    req = services.leave_request_submit(person=world.alice, leave_code="personal", start=at("2026-03-10 08:00"),
                                        end=at("2026-03-11 17:00"), agent=ivy, reason="家中有事",
                                        attachments=[Upload("a.pdf", b"%PDF-1.4 old")])
    workflow.case_decide(case=req.case, actor=ivy, decision="approve")
    workflow.case_decide(case=req.case, actor=world.bob, decision="return", comment="請改為一日")
    req.refresh_from_db()
    return req


def test_a_returned_request_still_holds_its_days(world, returned):
    assert returned.case.status == Case.Status.RETURNED
    # issue 4: requests not yet decided hold their days (公務人員請假規則第3條: 事假7日)
    assert ledger.balance(world.alice, "personal", ON) == 5 * 480


def test_a_correction_beyond_the_quota_is_refused_and_nothing_changes(world, ivy, returned):
    rows_before = BalanceEntry.objects.count()
    with pytest.raises(ChaiqinError, match="額度不足") as exc:
        services.leave_request_resubmit(request=returned, actor=world.alice, leave_code="family_care",
                                        start=at("2026-03-10 08:00"), end=at("2026-03-19 17:00"), agent=ivy)
    assert "公務人員請假規則" in exc.value.citation
    returned.refresh_from_db()
    assert (returned.start, returned.end, returned.minutes) == (at("2026-03-10 08:00"), at("2026-03-11 17:00"), 960)
    assert returned.case.status == Case.Status.RETURNED
    assert BalanceEntry.objects.count() == rows_before
    assert ledger.balance(world.alice, "personal", ON) == 5 * 480


def test_a_good_correction_moves_the_hold_goes_through_a_fresh_chain_and_is_approved(world, ivy, returned):
    req = services.leave_request_resubmit(request=returned, actor=world.alice, leave_code="personal",
                                          start=at("2026-03-12 08:00"), end=at("2026-03-12 17:00"), agent=ivy,
                                          reason="改為一日", attachments=[Upload("b.png", b"\x89PNG\r\n\x1a\nnew")],
                                          remove_attachments=[returned.attachments.get().pk])
    assert req.minutes == 480 and req.case.status == Case.Status.PENDING
    assert [a.name for a in req.attachments.all()] == ["b.png"]
    # the old hold (2 days) released, the new one (1 day) posted: 7 − 1
    assert ledger.balance(world.alice, "personal", ON) == 6 * 480
    assert req.case.steps.filter(status="current").get().decider == ivy  # the chain starts again at the agent
    assert "3/12" in req.case.title or "115-03-12" in req.case.title or "03-12" in req.case.title
    approve_all(req)
    assert ledger.balance(world.alice, "personal", ON) == 6 * 480
    assert sum(r.minutes for r in BalanceEntry.objects.filter(case=req.case, kind="use")) == -480


def test_a_correction_that_overlaps_other_leave_is_refused_but_not_with_itself(world, ivy, returned):
    services.leave_request_submit(person=world.alice, leave_code="sick", start=at("2026-03-13 08:00"),
                                  end=at("2026-03-13 17:00"), agent=ivy)
    with pytest.raises(ChaiqinError, match="重疊"):
        services.leave_request_resubmit(request=returned, actor=world.alice, leave_code="personal",
                                        start=at("2026-03-13 08:00"), end=at("2026-03-13 12:00"), agent=ivy)
    # the same period it already had is not an overlap with itself
    services.leave_request_resubmit(request=returned, actor=world.alice, leave_code="personal",
                                    start=at("2026-03-10 08:00"), end=at("2026-03-10 17:00"), agent=ivy)


def test_only_the_applicant_may_correct_and_only_a_returned_request(world, ivy, returned):
    with pytest.raises(ChaiqinError, match="申請人本人"):
        services.leave_request_resubmit(request=returned, actor=ivy, leave_code="personal",
                                        start=at("2026-03-12 08:00"), end=at("2026-03-12 17:00"), agent=ivy)
    services.leave_request_resubmit(request=returned, actor=world.alice, leave_code="personal",
                                    start=at("2026-03-12 08:00"), end=at("2026-03-12 17:00"), agent=ivy)
    with pytest.raises(ChaiqinError, match="被退回"):
        services.leave_request_resubmit(request=returned, actor=world.alice, leave_code="personal",
                                        start=at("2026-03-12 08:00"), end=at("2026-03-12 17:00"), agent=ivy)


def test_withdrawing_a_returned_request_releases_its_hold(world, returned):
    assert services.leave_request_cancel(request=returned, actor=world.alice, reason="不請了") is None
    returned.case.refresh_from_db()
    assert returned.case.status == Case.Status.WITHDRAWN
    assert ledger.balance(world.alice, "personal", ON) == 7 * 480


def test_the_correction_page_shows_the_reason_previews_and_resubmits(client, world, ivy, returned):
    assert client.login(username="alice", password="correct-horse-battery")
    detail = client.get(reverse("leave:detail", args=[returned.pk])).content.decode()
    assert "請改為一日" in detail and reverse("leave:edit", args=[returned.pk]) in detail
    page = client.get(reverse("leave:edit", args=[returned.pk])).content.decode()
    assert "請改為一日" in page and 'value="115-03-10"' in page
    form = {"leave_code": "personal", "start_date": "115-03-12", "start_time": "08:00", "end_date": "115-03-12",
            "end_time": "17:00", "agent": ivy.pk, "reason": "改為一日"}
    preview = client.post(reverse("leave:edit", args=[returned.pk]), {**form, "preview": "1"}).content.decode()
    assert "核准後剩 6日" in preview  # its own two held days count as free again
    assert ledger.balance(world.alice, "personal", ON) == 5 * 480  # the preview changed nothing
    refused = client.post(reverse("leave:edit", args=[returned.pk]), {**form, "leave_code": "family_care", "end_date": "115-03-24", "submit": "1"})
    assert "額度不足" in refused.content.decode()
    response = client.post(reverse("leave:edit", args=[returned.pk]), {**form, "submit": "1"})
    assert response.status_code == 302
    assert LeaveRequest.objects.get(pk=returned.pk).minutes == 480


def test_the_api_resubmits_a_returned_request(client, world, ivy, returned):
    assert client.login(username="alice", password="correct-horse-battery")
    url = f"/api/leave/requests/{returned.pk}/resubmit"
    body = {"leave_code": "personal", "start": "115-03-12 08:00", "end": "115-03-12 17:00", "agent_id": ivy.pk}
    too_much = client.post(url, {**body, "leave_code": "family_care", "end": "115-03-24 17:00"},
                           content_type="application/json")
    assert too_much.status_code == 400 and "額度不足" in too_much.json()["detail"]
    done = client.post(url, body, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "pending" and done.json()["minutes"] == 480
