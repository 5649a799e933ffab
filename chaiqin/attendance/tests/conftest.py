from datetime import datetime

import pytest

from chaiqin.attendance.models import Punch
from chaiqin.dates import TAIPEI


@pytest.fixture
def frozen(settings):
    """Monday 2026-03-09, 18:00 in Taipei: the working day is over."""
    settings.CHAIQIN_NOW = "2026-03-09T18:00"
    return settings


def punch(person, when: str, source=Punch.Source.CARD):
    return Punch.objects.create(person=person, at=datetime.fromisoformat(when).replace(tzinfo=TAIPEI), source=source)
