import pytest

from chaiqin.wfh.demo import demo_load
from chaiqin.wfh.models import WfhApplication, WfhDay

pytestmark = pytest.mark.django_db


def test_the_demo_hook_loads_an_approved_application_with_a_planned_week_once():
    from chaiqin.org.demo import demo_load as org_demo

    org_demo()
    summary = demo_load()
    assert "已核准" in summary
    assert WfhApplication.objects.get().status == WfhApplication.Status.APPROVED
    assert 1 <= WfhDay.objects.count() <= 3
    assert demo_load() == ""
