"""The unit calendar draws leave only on the days it is there (issue 16): not the weekend or
holiday inside a request, not a day given back by 銷假."""

import re

import pytest

from chaiqin.leave import services

from .conftest import approve_all, at

pytestmark = pytest.mark.django_db


def alice_row(client) -> list[str]:
    html = client.get("/leave/team/?month=2026-03").content.decode()
    row = re.search(r"<td>陳雅婷</td>(.*?)</tr>", html, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]


def test_weekend_and_cancelled_day_inside_a_request_are_not_drawn(client, world, ivy):
    # 事假 Fri 2026-03-13 08:00 to Tue 03-17 17:00 spans the weekend 14-15; Mon 03-16 is given back
    req = services.leave_request_submit(person=world.alice, leave_code="personal", start=at("2026-03-13 08:00"),
                                        end=at("2026-03-17 17:00"), agent=ivy, reason="返鄉")
    approve_all(req)
    approve_all(services.leave_request_cancel(request=req, actor=world.alice, start=at("2026-03-16 00:00"),
                                              end=at("2026-03-17 00:00")))
    assert client.login(username="alice", password="correct-horse-battery")
    cells = alice_row(client)
    assert len(cells) == 31
    drawn = [day for day, text in enumerate(cells, start=1) if text]
    assert drawn == [13, 17]
    assert cells[12] == "事假"
