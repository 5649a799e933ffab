"""The decision page shows what is asked (issue 16: deciders no longer work blind)."""

import pytest

from chaiqin.leave import services as leave
from chaiqin.leave.tests.conftest import approve_all, at, ivy  # noqa: F401 - the fixture
from chaiqin.overtime import services as overtime

pytestmark = pytest.mark.django_db


def content(client, user, case):
    client.force_login(user)
    html = client.get(f"/workflow/cases/{case.pk}/").content.decode()
    start = html.index('data-testid="case-content"')
    return html[start:html.index("</section>", start)]


def test_a_leave_request_shows_its_period_agent_reason_and_quota(client, world, ivy):  # noqa: F811
    req = leave.leave_request_submit(person=world.alice, leave_code="personal", start=at("2026-03-10 08:00"),
                                     end=at("2026-03-11 17:00"), agent=ivy, reason="家中有事")
    shown = content(client, ivy.user, req.case)
    assert "115-03-10 08:00 至 115-03-11 17:00" in shown and "2日" in shown
    assert ivy.name in shown and "家中有事" in shown and "公務人員請假規則" in shown


def test_a_cancel_form_shows_the_days_it_gives_back(client, world, ivy):  # noqa: F811
    req = leave.leave_request_submit(person=world.alice, leave_code="personal", start=at("2026-03-10 08:00"),
                                     end=at("2026-03-11 17:00"), agent=ivy)
    approve_all(req)
    req.refresh_from_db()
    form = leave.leave_request_cancel(request=req, actor=world.alice, start=at("2026-03-11 00:00"),
                                      end=at("2026-03-12 00:00"), reason="提前返回")
    shown = content(client, world.bob.user, form.case)
    assert "115-03-11 08:00 至 115-03-11 17:00（1日）" in shown and "提前返回" in shown


def test_an_overtime_request_shows_its_hours(client, world):
    made = overtime.overtime_request_submit(applicant=world.alice, reason="預算書彙整", work_items="彙整各科預算",
                                            slots=[overtime.PlannedSlot(world.alice, at("2026-03-10 18:00"),
                                                                        at("2026-03-10 21:00"))])
    shown = content(client, world.bob.user, made.case)
    assert "預算書彙整" in shown and "115-03-10（二）18:00–21:00（3時）" in shown
