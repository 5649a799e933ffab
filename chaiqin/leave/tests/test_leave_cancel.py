"""銷假 as a form of its own: asked, confirmed by the days it names, decided by the chain of the
original request, and only then given back and told to the agent, the deciders and personnel."""

from datetime import date

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.leave import ledger, selectors, services
from chaiqin.leave.models import LeaveCancellation
from chaiqin.workflow import services as workflow
from chaiqin.workflow.models import Case, Notification, RouteRule

from .conftest import approve_all, at

pytestmark = pytest.mark.django_db
ON = date(2026, 3, 9)


@pytest.fixture
def approved(world, ivy):
    """alice's 事假 Tue 2026-03-10 08:00 to Fri 03-13 17:00 (4 days), approved by ivy, bob, diana, carol."""
    req = services.leave_request_submit(person=world.alice, leave_code="personal", start=at("2026-03-10 08:00"),
                                        end=at("2026-03-13 17:00"), agent=ivy, reason="家中有事")
    approve_all(req)
    req.refresh_from_db()
    return req


def test_empty_fields_are_refused_rather_than_cancelling_everything(world, approved):
    with pytest.raises(ChaiqinError, match="全部銷假"):
        services.leave_request_cancel(request=approved, actor=world.alice)
    assert not approved.cancel_requests.exists()


def test_a_whole_day_typed_reads_as_its_office_hours_and_names_the_day(world, approved):
    # 03-12 typed as a whole day (00:00 to 24:00) is that Thursday's 08:00 to 17:00, 1 day
    pieces = services.leave_cancel_plan(request=approved, actor=world.alice, start=at("2026-03-12 00:00"),
                                        end=at("2026-03-13 00:00"))
    assert [(p.start, p.end, p.minutes) for p in pieces] == [(at("2026-03-12 08:00"), at("2026-03-12 17:00"), 480)]
    assert pieces[0].by_day == [(date(2026, 3, 12), 480)]
    form = services.leave_request_cancel(request=approved, actor=world.alice, start=at("2026-03-12 00:00"),
                                         end=at("2026-03-13 00:00"), reason="提前處理完畢")
    assert form.case.title == "事假銷假 115-03-12 08:00至115-03-12 17:00（1日）"


def test_nothing_comes_back_until_the_chain_of_the_original_request_approves(world, ivy, approved):
    form = services.leave_request_cancel(request=approved, actor=world.alice, start=at("2026-03-12 08:00"),
                                         end=at("2026-03-12 17:00"))
    # the original chain without the agent: supervisor, unit head, personnel
    assert [s.decider for s in form.case.steps.order_by("order")] == [world.bob, world.diana, world.carol]
    assert ledger.balance(world.alice, "personal", ON) == 3 * 480
    periods = selectors.leave_periods(world.alice, at("2026-03-01 00:00"), at("2026-04-01 00:00"))
    assert [(p.start, p.end) for p in periods] == [(at("2026-03-10 08:00"), at("2026-03-13 17:00"))]
    # the same day cannot be asked twice while the first 銷假單 waits
    with pytest.raises(ChaiqinError, match="簽核中"):
        services.leave_request_cancel(request=approved, actor=world.alice, start=at("2026-03-12 08:00"),
                                      end=at("2026-03-12 17:00"))
    Notification.objects.all().delete()
    approve_all(form)
    approved.refresh_from_db()
    assert approved.cancelled_minutes == 480
    assert ledger.balance(world.alice, "personal", ON) == 4 * 480
    periods = selectors.leave_periods(world.alice, at("2026-03-01 00:00"), at("2026-04-01 00:00"))
    assert [(p.start, p.end) for p in periods] == [(at("2026-03-10 08:00"), at("2026-03-12 08:00")),
                                                  (at("2026-03-12 17:00"), at("2026-03-13 17:00"))]
    # 我代理的請假 shows what is left, in two pieces
    assert [(c.start, c.end) for c in selectors.covering(ivy)] == [(at("2026-03-10 08:00"), at("2026-03-12 08:00")),
                                                                  (at("2026-03-12 17:00"), at("2026-03-13 17:00"))]
    told = set(Notification.objects.filter(message__contains="已核准銷假").values_list("person__name", flat=True))
    assert told == {ivy.name, world.bob.name, world.diana.name, world.carol.name}
    assert approved.case.events.filter(action="cancel").count() == 1


def test_a_rejected_cancel_request_gives_nothing_back(world, approved):
    form = services.leave_request_cancel(request=approved, actor=world.alice, whole=True)
    workflow.case_decide(case=form.case, actor=world.bob, decision="reject", comment="業務需要，請照原假")
    assert LeaveCancellation.objects.count() == 0
    assert ledger.balance(world.alice, "personal", ON) == 3 * 480
    # once refused, the days may be asked again
    again = services.leave_request_cancel(request=approved, actor=world.alice, whole=True)
    assert again.minutes == 4 * 480


def test_cancelling_all_that_is_left_closes_the_original_case(world, approved):
    approve_all(services.leave_request_cancel(request=approved, actor=world.alice, start=at("2026-03-10 08:00"),
                                              end=at("2026-03-10 17:00")))
    rest = services.leave_request_cancel(request=approved, actor=world.alice, whole=True)
    assert rest.minutes == 3 * 480
    approve_all(rest)
    approved.case.refresh_from_db()
    assert approved.case.status == Case.Status.CANCELLED
    assert ledger.balance(world.alice, "personal", ON) == 7 * 480
    # 我代理的請假 keeps nothing of it
    assert list(selectors.covering(approved.agent)) == []


def test_the_agency_may_set_a_chain_of_its_own_for_cancellations(world, approved):
    RouteRule.objects.create(agency=world.county, kind="leave_cancel", roles="supervisor")
    form = services.leave_request_cancel(request=approved, actor=world.alice, whole=True)
    assert [s.decider for s in form.case.steps.all()] == [world.bob]


def test_only_the_applicant_asks_and_only_approved_leave(world, ivy, approved):
    with pytest.raises(ChaiqinError, match="申請人本人"):
        services.leave_request_cancel(request=approved, actor=ivy, whole=True)


def test_the_page_asks_for_confirmation_naming_the_days_then_files_the_form(client, world, approved):
    assert client.login(username="alice", password="correct-horse-battery")
    url = f"/leave/requests/{approved.pk}/cancel/"
    empty = client.post(url, {}, follow=True).content.decode()
    assert "全部銷假" in empty and not approved.cancel_requests.exists()
    confirm = client.post(url, {"start_date": "115-03-12", "end_date": "115-03-13", "reason": "提前處理完畢"})
    page = confirm.content.decode()
    assert "115-03-12（四）1日" in page and "115-03-13（五）1日" in page and "共計銷假 <strong>2日</strong>" in page
    assert not approved.cancel_requests.exists()  # only the confirmation files it
    done = client.post(url, {"start_date": "115-03-12", "end_date": "115-03-13", "reason": "提前處理完畢",
                             "confirm": "1"}, follow=True).content.decode()
    assert "已送出銷假單（2日）" in done
    form = approved.cancel_requests.get()
    assert (form.start, form.end, form.minutes, form.reason) == (at("2026-03-12 08:00"), at("2026-03-13 17:00"),
                                                                 960, "提前處理完畢")
