import pytest

pytestmark = pytest.mark.django_db


def test_the_demo_hook_loads_trips_once(settings):
    from chaiqin.org.demo import demo_load as org_demo
    from chaiqin.trips.demo import demo_load
    from chaiqin.trips.models import Overseas, Trip

    org_demo()
    summary = demo_load()
    assert "示範" in summary
    assert Trip.objects.count() == 2 and Overseas.objects.count() == 1
    assert demo_load() == ""
