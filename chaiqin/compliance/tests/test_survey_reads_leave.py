"""Survey item 14 reads the year's 娩假 and 流產假 requests (seed 004; 各機關辦理公務人員考績（成）
作業要點第12點第4項: they count among those rated, not among the 甲等)."""

from datetime import date, datetime

import pytest

from chaiqin.compliance import selectors
from chaiqin.dates import TAIPEI
from chaiqin.leave import services as leave
from chaiqin.org.models import Person
from chaiqin.org.services import person_create

pytestmark = pytest.mark.django_db


def test_item_14_lists_maternity_leave_of_the_year(world, settings):
    settings.CHAIQIN_NOW = "2026-03-02T09:00"
    item = selectors.survey_view(world.county, 115).items[13]
    assert item.derived == "免辦理" or "無請娩假" in item.evidence[0]
    agent = person_create(agency=world.county, unit=world.civil_affairs, employee_no="AG", name="代理人", gender="F",
                          post=Person.Post.ADMIN, hire_date=date(2015, 3, 1), supervisor=world.bob)
    leave.leave_request_submit(person=world.alice, leave_code="maternity", agent=agent,
                               start=datetime(2026, 3, 9, 8, tzinfo=TAIPEI), end=datetime(2026, 4, 20, 0, tzinfo=TAIPEI),
                               event_date=date(2026, 3, 8))
    item = selectors.survey_view(world.county, 115).items[13]
    assert "請娩假或流產假 1 人" in item.evidence[0]
    assert any("陳雅婷" in line and "娩假" in line for line in item.evidence)
