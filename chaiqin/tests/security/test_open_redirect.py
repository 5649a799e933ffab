"""No page sends people to another site: a posted or queried `next` is followed only when it is
a path of this site (attack: `/wfh/days/<id>/recall/` with next=https://evil.example/ answered
302 to evil.example, a ready bounce to a look-alike log-in page)."""

from __future__ import annotations

import pytest

from .conftest import client_for

pytestmark = pytest.mark.django_db

ELSEWHERE = ("https://evil.example/", "//evil.example/", "/\\evil.example/", "http:evil.example",
             "https:/evil.example/", " https://evil.example/", "javascript:alert(1)")


@pytest.mark.parametrize("action", ["recall", "move"])
@pytest.mark.parametrize("elsewhere", ELSEWHERE)
def test_a_wfh_day_decision_never_redirects_to_another_site(records, action, elsewhere):
    bob = client_for("bob")  # alice's supervisor, who may recall or move her day
    url = f"/wfh/days/{records.wfh_day.pk}/{action}/"
    for how in ("post", "query"):
        if how == "post":
            response = bob.post(url, {"next": elsewhere})
        else:
            response = bob.post(f"{url}?next={elsewhere}")
        assert response.status_code == 302
        assert response["Location"] == f"/wfh/applications/{records.wfh_application.pk}/", (how, elsewhere)


def test_a_recall_that_is_done_still_stays_on_the_site(records):
    from chaiqin.wfh.models import WfhDay

    wednesday = WfhDay.objects.get(application=records.wfh_application, date="2026-03-11")  # still to come
    response = client_for("bob").post(f"/wfh/days/{wednesday.pk}/recall/",
                                      {"next": "https://evil.example/", "reason": "颱風災後緊急業務"})
    assert response["Location"] == f"/wfh/applications/{records.wfh_application.pk}/"
    assert WfhDay.objects.get(pk=wednesday.pk).status == WfhDay.Status.RECALLED


def test_a_path_of_this_site_is_followed(records):
    response = client_for("bob").post(f"/wfh/days/{records.wfh_day.pk}/move/", {"next": "/wfh/?week=2026-03-09"})
    assert response["Location"] == "/wfh/?week=2026-03-09"


@pytest.mark.parametrize("elsewhere", ELSEWHERE)
def test_logging_in_never_redirects_to_another_site(client, world, elsewhere):
    response = client.post(f"/login/?next={elsewhere}", {"username": "alice", "password": "correct-horse-battery"})
    assert response.status_code == 302 and not response["Location"].startswith(("http", "//", "/\\"))


def test_outsiders_neither_recall_nor_move_alices_day_nor_get_redirected(records):
    from .attack import assert_needs_login, assert_refused

    day = records.wfh_day.pk
    requests = [("post", f"/wfh/days/{day}/{action}/", {"next": "https://evil.example/", "reason": "x", "to": "115-03-12"})
                for action in ("recall", "move")]
    assert_refused(requests)
    assert_needs_login(requests)
