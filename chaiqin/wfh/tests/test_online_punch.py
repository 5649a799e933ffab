"""Seed 000 第5點第4款第2目: on a WFH day the person clocks in online from home, outside the office networks."""

from datetime import date

import pytest

from chaiqin.attendance import services as attendance
from chaiqin.errors import ChaiqinError
from chaiqin.wfh import services

from .conftest import MONDAY, at

pytestmark = pytest.mark.django_db


def test_a_wfh_day_allows_the_online_punch_from_home_and_other_days_do_not(world, application, settings):
    services.wfh_week_plan(actor=world.alice, application=application, week_start=MONDAY,
                           days=[date(2026, 3, 10)])
    attendance.network_allow(agency=world.county, cidr="10.20.0.0/16", label="縣府內網")
    at(settings, "2026-03-10T08:20")
    assert attendance.punch_web(person=world.alice, ip="203.0.113.9").pk  # at home
    at(settings, "2026-03-11T08:20")
    with pytest.raises(ChaiqinError, match="不在本機關允許簽到退的網段"):
        attendance.punch_web(person=world.alice, ip="203.0.113.9")
