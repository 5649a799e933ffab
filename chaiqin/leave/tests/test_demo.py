"""The demo hook loads leave once and pages are not empty."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_demo_loads_leave_once(settings):
    from chaiqin.leave import demo
    from chaiqin.leave.models import LeaveRequest
    from chaiqin.org import demo as org_demo

    org_demo.demo_load()
    summary = demo.demo_load()
    assert "示範請假單" in summary, summary
    count = LeaveRequest.objects.count()
    assert count >= 3
    assert demo.demo_load() == ""
    assert LeaveRequest.objects.count() == count
