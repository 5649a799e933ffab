"""上下班未刷卡補登單 through the workflow (seed 003 Q.7): approved, it becomes a punch."""

from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chaiqin.attendance import selectors, services
from chaiqin.attendance.models import Punch
from chaiqin.dates import TAIPEI
from chaiqin.errors import ChaiqinError
from chaiqin.workflow import services as workflow

from .conftest import punch

pytestmark = pytest.mark.django_db


def test_an_approved_supplement_turns_a_missing_punch_into_a_full_day(world, frozen, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.CHAIQIN_NOW = "2026-03-10T08:00"  # the morning after: the day is judged
    punch(world.alice, "2026-03-09T08:00")
    form = services.missed_punch_submit(
        person=world.alice, at=datetime(2026, 3, 9, 17, 5, tzinfo=TAIPEI), direction="out",
        reason="忘記刷卡", evidence=SimpleUploadedFile("line.png", b"\x89PNG\r\n\x1a\n"),
    )
    assert selectors.person_month(world.alice, 2026, 3)[8].codes == ("missing_punch",)
    assert form.case.steps.first().decider == world.bob
    for step in form.case.steps.order_by("order"):
        workflow.case_decide(case=form.case, actor=step.decider, decision="approve")
    form.refresh_from_db()
    assert form.punch.source == Punch.Source.SUPPLEMENT
    assert selectors.daily_statuses([world.alice], date(2026, 3, 9), date(2026, 3, 9))[world.alice.pk][0].codes == ("on_time",)


def test_a_supplement_for_the_future_is_refused(world, frozen):
    with pytest.raises(ChaiqinError, match="不可晚於現在"):
        services.missed_punch_submit(person=world.alice, at=datetime(2026, 3, 10, 8, 0, tzinfo=TAIPEI),
                                     direction="in", reason="x")


def test_others_cannot_see_a_supplement_outside_their_scope(world, frozen, client):
    form = services.missed_punch_submit(person=world.alice, at=datetime(2026, 3, 9, 8, 0, tzinfo=TAIPEI),
                                        direction="in", reason="卡片遺失")
    client.login(username="gina", password="correct-horse-battery")
    assert client.get(f"/attendance/missed-punch/{form.pk}/").status_code == 404
    client.login(username="bob", password="correct-horse-battery")
    assert client.get(f"/attendance/missed-punch/{form.pk}/").status_code == 200
