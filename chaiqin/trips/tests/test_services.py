"""The trip and overseas services: consequences of each kind, refusals, routes (seed 002)."""

from __future__ import annotations

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.trips import policy, selectors, services
from chaiqin.trips.models import Attachment, MainlandForm, Overseas, Trip
from chaiqin.workflow import occupancy
from chaiqin.workflow.models import Case

from .conftest import PDF, PNG, at

pytestmark = pytest.mark.django_db


def file_trip(person, nature="official", start="2026-03-10 08:00", end="2026-03-10 17:00", **extra):
    return services.trip_file(person=person, nature=nature, place="臺北市", reason="參加研商會議",
                              start=at(start), end=at(end), **extra)


def test_an_official_trip_pays_the_miscellaneous_allowance_and_a_training_trip_does_not():
    # seed 002 區別暨認定原則說明簡表；國內出差旅費報支要點第3點
    assert policy.trip_kind("official").pays == ("transport", "lodging", "miscellaneous")
    assert policy.trip_kind("training").pays == ("transport", "lodging")
    assert policy.trip_kind("official_leave").pays == ()
    assert policy.trip_kind("training").claim_sheet and not policy.trip_kind("outing").claim_sheet


def test_a_trip_goes_to_the_supervisor_unit_head_and_personnel(world):
    trip = file_trip(world.alice)
    assert trip.case.kind == "trip"
    assert [s.role for s in trip.case.steps.order_by("order")] == ["supervisor", "unit_head", "personnel"]


def test_an_outing_needs_only_the_supervisor(world):
    trip = file_trip(world.alice, nature="outing", start="2026-03-10 14:00", end="2026-03-10 16:00")
    assert trip.case.kind == "outing"
    assert [s.decider for s in trip.case.steps.all()] == [world.bob]


def test_a_trip_ending_before_it_starts_is_refused_and_nothing_is_saved(world):
    with pytest.raises(ChaiqinError, match="結束時間.*必須晚於開始時間"):
        file_trip(world.alice, start="2026-03-10 17:00", end="2026-03-10 08:00")
    assert not Trip.objects.exists() and not Case.objects.exists()


def test_a_public_leave_is_not_filed_on_the_trip_form(world):
    with pytest.raises(ChaiqinError, match="請假單"):
        file_trip(world.alice, nature="official_leave")


def test_a_trip_overlapping_another_trip_is_refused(world):
    file_trip(world.alice)
    with pytest.raises(ChaiqinError, match="時間重疊"):
        file_trip(world.alice, nature="outing", start="2026-03-10 15:00", end="2026-03-10 16:00")


def test_a_withdrawn_trip_frees_its_time(world):
    from chaiqin.workflow.services import case_withdraw

    trip = file_trip(world.alice)
    case_withdraw(case=trip.case, actor=world.alice)
    assert file_trip(world.alice).pk != trip.pk


def test_a_trip_on_a_day_off_opens_self_entered_overtime(world):
    # seed 002 關鍵操作指引2: 若出差時間為假日，請點開「自行填寫加班時數」
    trip = file_trip(world.alice, start="2026-03-14 08:00", end="2026-03-14 17:00", overtime_minutes=480)
    assert trip.overtime_minutes == 480
    with pytest.raises(ChaiqinError, match="沒有假日"):
        file_trip(world.alice, start="2026-03-11 08:00", end="2026-03-11 17:00", overtime_minutes=60)
    with pytest.raises(ChaiqinError, match="超過出差期間落在假日的時間"):
        file_trip(world.alice, start="2026-03-15 08:00", end="2026-03-15 10:00", overtime_minutes=180)


def test_an_attachment_is_checked_by_its_content_not_its_name(world):
    trip = file_trip(world.alice, uploads=(services.Upload("簽呈.pdf", PDF, "memo"),))
    assert trip.attachments.get().content_type == "application/pdf"
    with pytest.raises(ChaiqinError, match="不是 PDF、JPEG 或 PNG"):
        file_trip(world.alice, start="2026-03-11 08:00", end="2026-03-11 17:00",
                  uploads=(services.Upload("簽呈.pdf", b"MZ\x90\x00 not a pdf", "memo"),))
    assert Trip.objects.count() == 1


def test_an_attachment_over_the_size_limit_is_refused(world):
    big = PDF + b"0" * policy.max_attachment_bytes()
    with pytest.raises(ChaiqinError, match="MB 上限"):
        file_trip(world.alice, uploads=(services.Upload("big.pdf", big),))


def test_the_occupancy_provider_reports_trips_and_overseas(world):
    trip = file_trip(world.alice)
    busy = occupancy.busy_between(world.alice, at("2026-03-10 00:00"), at("2026-03-11 00:00"))
    assert [(b.kind, b.form_id) for b in busy] == [("trip", trip.pk)]


def break_report(person, start="2026-07-06 00:00", end="2026-07-12 23:59", **extra):
    return services.overseas_save(person=person, form="break_report", start=at(start), end=at(end),
                                  reason="暑假赴日旅遊", country="日本", **extra)


def test_a_teacher_files_a_break_report_within_the_summer_break(world):
    report = break_report(world.gina)
    services.overseas_submit(actor=world.gina, overseas=report)
    report.refresh_from_db()
    assert report.case.kind == "break_report" and report.days == 7


def test_a_break_report_outside_the_break_is_refused(world):
    with pytest.raises(ChaiqinError, match="不在寒暑假內") as refused:
        break_report(world.gina, start="2026-03-20 08:00", end="2026-03-24 17:00")
    assert "出國申請單" in refused.value.message
    assert not Overseas.objects.exists()


def test_the_personnel_office_sets_the_break(world):
    services.break_period_set(actor=world.hank, school_year=114, kind="summer", start=at("2026-07-10 00:00").date(),
                              end=at("2026-08-28 00:00").date())
    with pytest.raises(ChaiqinError, match="暑假 115-07-10 至 115-08-28"):
        break_report(world.gina)
    with pytest.raises(ChaiqinError, match="只有人事室"):
        services.break_period_set(actor=world.gina, school_year=114, kind="summer",
                                  start=at("2026-07-01 00:00").date(), end=at("2026-08-31 00:00").date())


def test_staff_cannot_use_the_break_report(world):
    with pytest.raises(ChaiqinError, match="限未兼行政之教師"):
        break_report(world.alice)


def application(person, destination="other", agent=None, lines=None, **extra):
    lines = lines if lines is not None else [services.LeaveLine("annual", at("2026-03-16 08:00"), at("2026-03-20 17:00"))]
    return services.overseas_save(person=person, form="overseas", start=at("2026-03-14 06:00"),
                                  end=at("2026-03-22 22:00"), reason="家族旅遊", country="大陸地區上海",
                                  destination=destination, agent=agent, leave_lines=lines, **extra)


def test_an_application_counts_days_with_holidays_and_its_leave_lines(world):
    form = application(world.alice, agent=world.bob)
    assert form.days == 9
    line = form.leave_lines.get()
    assert (line.leave_name, line.minutes) == ("休假", 5 * 480)


def test_an_application_refuses_a_sixth_leave_type(world):
    lines = [services.LeaveLine("annual", at(f"2026-03-{d} 08:00"), at(f"2026-03-{d} 09:00")) for d in range(16, 22)]
    with pytest.raises(ChaiqinError, match="最多填寫五項"):
        application(world.alice, lines=lines)


def test_an_application_refuses_a_leave_type_the_regime_lacks(world):
    lines = [services.LeaveLine("nonexistent", at("2026-03-16 08:00"), at("2026-03-20 17:00"))]
    with pytest.raises(ChaiqinError, match="第1項請假類別"):
        application(world.alice, lines=lines)


def test_an_application_must_cover_the_working_time_abroad(world):
    form = application(world.alice, agent=world.bob,
                       lines=[services.LeaveLine("annual", at("2026-03-16 08:00"), at("2026-03-18 17:00"))])
    with pytest.raises(ChaiqinError, match="上班時間均須請假"):
        services.overseas_submit(actor=world.alice, overseas=form)
    assert Overseas.objects.get().case is None  # the draft is kept


def test_a_mainland_trip_cannot_be_submitted_without_the_mainland_form(world):
    # 臺灣地區與大陸地區人民關係條例第9條; seed 002 赴大陸地區特殊流程
    form = application(world.alice, destination="mainland", agent=world.bob)
    with pytest.raises(ChaiqinError, match="赴大陸地區申請表"):
        services.overseas_submit(actor=world.alice, overseas=form)
    services.mainland_form_save(actor=world.alice, overseas=form, places="上海", purpose="family_tour",
                                count_this_year=0)
    with pytest.raises(ChaiqinError, match="家庭親友名單"):
        services.overseas_submit(actor=world.alice, overseas=form)
    services.attachment_add(actor=world.alice, owner=form, upload=services.Upload("名單.png", PNG, "mainland_document"))
    services.overseas_submit(actor=world.alice, overseas=form)
    form.refresh_from_db()
    roles = [s.role for s in form.case.steps.order_by("order")]
    assert roles == ["supervisor", "unit_head", "ethics", "personnel"]
    assert form.case.steps.get(role="ethics").decider == world.erin
    assert "未檢核" in form.quota_note or "已依請假帳本" in form.quota_note


def test_hong_kong_requires_the_mac_registration(world):
    form = application(world.alice, destination="hkmo", agent=world.bob)
    with pytest.raises(ChaiqinError, match="動態登錄"):
        services.overseas_submit(actor=world.alice, overseas=form)
    services.attachment_add(actor=world.alice, owner=form, upload=services.Upload("登錄.pdf", PDF, "mac_registration"))
    services.overseas_submit(actor=world.alice, overseas=form)
    assert "ethics" not in [s.role for s in Overseas.objects.get().case.steps.all()]


def approve_all(case):
    from chaiqin.workflow.services import case_decide

    while case.status == Case.Status.PENDING:
        case_decide(case=case, actor=case.current_step.decider, decision="approve")
        case.refresh_from_db()


def mainland_approved(world):
    form = application(world.alice, destination="mainland", agent=world.bob)
    services.mainland_form_save(actor=world.alice, overseas=form, places="上海", purpose="group_tour",
                                q_special_check=True)
    services.attachment_add(actor=world.alice, owner=form, upload=services.Upload("行程.pdf", PDF, "mainland_document"))
    services.overseas_submit(actor=world.alice, overseas=form)
    form.refresh_from_db()
    approve_all(form.case)
    return form


def test_after_a_mainland_trip_the_return_report_is_reminded_until_filed(world, settings):
    from chaiqin.workflow.models import Notification

    form = mainland_approved(world)
    assert Notification.objects.filter(person=world.alice, message__contains="返臺通報表").exists()
    assert services.return_reports_remind(on=at("2026-03-20 00:00").date()) == 0  # still abroad
    assert services.return_reports_remind(on=at("2026-03-23 00:00").date()) == 1
    assert services.return_report_due(form).isoformat() == "2026-03-29"
    settings.CHAIQIN_NOW = "2026-03-23T09:00"
    services.return_report_file(actor=world.alice, overseas=form, returned_on=at("2026-03-22 00:00").date())
    assert services.return_reports_remind(on=at("2026-03-30 00:00").date()) == 0
    assert Notification.objects.filter(person=world.erin, message__contains="返臺通報表").exists()


def test_a_return_report_with_a_yes_needs_details(world, settings):
    form = mainland_approved(world)
    settings.CHAIQIN_NOW = "2026-03-23T09:00"
    with pytest.raises(ChaiqinError, match="請填寫說明"):
        services.return_report_file(actor=world.alice, overseas=form, returned_on=at("2026-03-22 00:00").date(),
                                    questioned=True)


def test_an_overseas_trip_overlapping_a_trip_is_refused(world):
    file_trip(world.alice, start="2026-03-16 08:00", end="2026-03-16 17:00")
    form = application(world.alice, agent=world.bob)
    with pytest.raises(ChaiqinError, match="時間重疊"):
        services.overseas_submit(actor=world.alice, overseas=form)


@pytest.mark.parametrize("destination, start, route", [
    ("hkmo", "2026-04-05 08:00", "letter_and_email"),
    ("mainland", "2026-10-05 08:00", "letter_and_email"),
    ("other", "2026-04-05 08:00", "email"),
    ("other", "2026-09-05 08:00", "budget_review"),
])
def test_the_principal_notice_route_follows_destination_and_budget_review(destination, start, route):
    # seed 002: 陸港澳全年發函併E-MAIL；其他地區E-MAIL；立法院預算審查期間(9~12月)不適用
    assert policy.principal_notice_route(destination, at(start).date()).code == route


def test_the_principal_notice_is_generated_from_the_principals_request(world, school_people):
    paula, ivan = school_people["paula"], school_people["ivan"]
    form = services.overseas_save(
        person=paula, form="overseas", start=at("2026-04-03 08:00"), end=at("2026-04-07 17:00"), reason="參訪",
        destination="hkmo", country="香港", agent=ivan, agent_phone="(08)8892010#210",
        leave_lines=[services.LeaveLine("personal", at("2026-04-07 08:00"), at("2026-04-07 17:00"))],
    )
    notice = selectors.principal_notice(form)
    assert (notice.school, notice.days, notice.leave_names, notice.route.code) == (
        "國立恆春高級工商職業學校", 5, "事假", "letter_and_email")
    with pytest.raises(ChaiqinError, match="校長"):
        selectors.principal_notice(application(world.alice))


def test_the_daily_reminder_command_runs(world):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("trips_remind", stdout=out)
    assert "已發出 0 則" in out.getvalue()
