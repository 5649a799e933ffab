"""The one place the system asks what time it is, so tests can fix it (STYLE.md habit 6).

Set `settings.CHAIQIN_NOW` to an ISO datetime (Asia/Taipei when naive) to freeze the clock,
e.g. in a test with the `settings` fixture, or for a demo of a particular day.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone


def now() -> datetime:
    """The current aware datetime (or the frozen one)."""
    frozen = getattr(settings, "CHAIQIN_NOW", None)
    if frozen:
        moment = datetime.fromisoformat(frozen) if isinstance(frozen, str) else frozen
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment
    return timezone.now()


def today() -> date:
    """Today's date in Asia/Taipei (or the frozen one's)."""
    return timezone.localtime(now()).date()
