"""A returned WFH application corrected and sent again into the same case; the deciders answer
the 第4點 checklist anew on the fresh chain."""

from datetime import date

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.wfh import services
from chaiqin.wfh.models import WfhApplication
from chaiqin.workflow.models import Case

from .conftest import ANSWERS, DUE, MONDAY, apply, approve

pytestmark = pytest.mark.django_db


def returned(world):
    application = apply(world)
    return services.wfh_application_decide(actor=world.bob, application=application, decision="return",
                                           answers=ANSWERS, comment="地點請填完整地址")


def correct(world, application, actor=None, **overrides):
    fields = dict(actor=actor or world.alice, application=application, relation="self", due_date=DUE, start=MONDAY,
                  end=date(2026, 5, 15), workplace="花蓮市中山路1號3樓（住所）")
    fields.update(overrides)
    return services.wfh_application_resubmit(**fields)


def test_a_returned_application_is_corrected_and_approved_in_the_same_case(world):
    application = returned(world)
    assert application.case.status == Case.Status.RETURNED
    correct(world, application)
    application.refresh_from_db()
    assert application.workplace == "花蓮市中山路1號3樓（住所）"
    assert list(application.case.events.values_list("action", flat=True)) == ["submit", "return", "resubmit"]
    assert approve(world, application).status == WfhApplication.Status.APPROVED


def test_a_correction_is_checked_as_at_applying_and_never_clashes_with_itself(world):
    application = returned(world)
    with pytest.raises(ChaiqinError, match="約定之居家辦公地點"):
        correct(world, application, workplace=" ")
    with pytest.raises(ChaiqinError, match="只有申請人本人"):
        correct(world, application, actor=world.bob)
    application.refresh_from_db()
    assert application.workplace == "花蓮市中山路1號（住所）" and application.case.status == Case.Status.RETURNED
    correct(world, application, end=date(2026, 5, 8))  # its own period, shortened: no overlap with itself


def test_the_correction_page(client, world):
    application = returned(world)
    client.force_login(world.alice.user)
    assert "地點請填完整地址" in client.get(f"/wfh/applications/{application.pk}/edit/").content.decode()
    response = client.post(f"/wfh/applications/{application.pk}/edit/", {
        "relation": "self", "due_date": "115-05-18", "start": "115-03-09", "end": "115-05-15",
        "workplace": "花蓮市中山路1號3樓"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.case.status == Case.Status.PENDING and application.workplace == "花蓮市中山路1號3樓"
