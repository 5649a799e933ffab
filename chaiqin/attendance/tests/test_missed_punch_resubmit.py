"""A returned 上下班未刷卡補登單 corrected and sent again into the same case (seed 003 Q.7):
approved, the corrected time becomes the punch."""

from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chaiqin.attendance import services
from chaiqin.attendance.models import Punch
from chaiqin.dates import TAIPEI
from chaiqin.errors import ChaiqinError
from chaiqin.workflow import services as workflow
from chaiqin.workflow.models import Case

from .conftest import punch

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n"


def filed(world):
    form = services.missed_punch_submit(person=world.alice, at=datetime(2026, 3, 9, 17, 5, tzinfo=TAIPEI),
                                        direction="out", reason="忘記刷卡",
                                        evidence=SimpleUploadedFile("line.png", PNG))
    workflow.case_decide(case=form.case, actor=form.case.current_step.decider, decision="return",
                         comment="下班時間與LINE報備不符")
    form.case.refresh_from_db()
    return form


def test_a_returned_supplement_is_corrected_and_its_corrected_time_becomes_the_punch(world, frozen, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    form = filed(world)
    old_evidence = form.evidence.name
    services.missed_punch_resubmit(form=form, actor=world.alice, at=datetime(2026, 3, 9, 17, 30, tzinfo=TAIPEI),
                                   direction="out", reason="忘記刷卡（依LINE報備更正）")
    form.refresh_from_db()
    assert form.evidence.name == old_evidence  # no new file: the old evidence stays
    assert list(form.case.events.values_list("action", flat=True)) == ["submit", "return", "resubmit"]
    case = form.case
    while case.status == Case.Status.PENDING:
        workflow.case_decide(case=case, actor=case.current_step.decider, decision="approve")
        case.refresh_from_db()
    form.refresh_from_db()
    assert form.punch.at == datetime(2026, 3, 9, 17, 30, tzinfo=TAIPEI)


def test_a_correction_to_a_moment_already_punched_is_refused_and_changes_nothing(world, frozen, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    punch(world.alice, "2026-03-09T08:00")
    form = filed(world)
    with pytest.raises(ChaiqinError, match="已有刷卡紀錄"):
        services.missed_punch_resubmit(form=form, actor=world.alice, at=datetime(2026, 3, 9, 8, 0, tzinfo=TAIPEI),
                                       direction="in", reason="更正")
    with pytest.raises(ChaiqinError, match="只有申請人本人"):
        services.missed_punch_resubmit(form=form, actor=world.bob, at=datetime(2026, 3, 9, 17, 30, tzinfo=TAIPEI),
                                       direction="out", reason="更正")
    form.refresh_from_db()
    assert form.reason == "忘記刷卡" and form.case.status == Case.Status.RETURNED
    assert not Punch.objects.filter(source=Punch.Source.SUPPLEMENT).exists()


def test_the_correction_page_resubmits(client, world, frozen, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    form = filed(world)
    client.force_login(world.alice.user)
    page = client.get(f"/attendance/missed-punch/{form.pk}/edit/").content.decode()
    assert "下班時間與LINE報備不符" in page and "忘記刷卡" in page
    response = client.post(f"/attendance/missed-punch/{form.pk}/edit/",
                           {"at": "115-03-09 17:30", "direction": "out", "reason": "依LINE報備更正"})
    assert response.status_code == 302
    form.refresh_from_db()
    assert form.reason == "依LINE報備更正" and form.case.status == Case.Status.PENDING
