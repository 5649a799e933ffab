from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def hualien(db):
    """An agency in Hualien: typhoon closures there do not close Keelung."""
    from chaiqin.org.models import Agency

    return Agency.objects.create(code="376550000A", name="花蓮縣政府")


@pytest.fixture
def keelung(db):
    from chaiqin.org.models import Agency

    return Agency.objects.create(code="376170000A", name="基隆市政府")


@pytest.fixture
def dgpa_2026_bytes():
    return (DATA / "dgpa_2026.csv").read_bytes()
