"""The bulk read of punches as Taipei wall-clock times (attendance.local_times): the database
hands over text instead of the ORM's aware datetimes; the times and days must be exactly those
of converting each stored moment with zoneinfo, midnight and fractions of a second included."""

from datetime import date, datetime, timedelta

import pytest

from chaiqin.attendance import local_times
from chaiqin.attendance.models import Punch
from chaiqin.dates import TAIPEI

pytestmark = pytest.mark.django_db

MOMENTS = [
    "2026-03-01T00:00:00",         # the first instant of the range
    "2026-03-02T07:59:59.500000",  # half a second before 08:00 (an on-time arrival, not 08:00)
    "2026-03-02T17:00:00.000001",
    "2026-03-02T23:59:59.999999",  # the last instant of the day in Taipei (15:59:59 UTC)
    "2026-03-03T00:00:00",         # Taipei's midnight: 16:00 UTC the day before
    "2026-03-31T23:59:59",         # the last second of the range
]


def _stored(person, text: str) -> None:
    Punch.objects.create(person=person, at=datetime.fromisoformat(text).replace(tzinfo=TAIPEI), source="card")


def test_the_punches_come_back_as_the_taipei_times_and_days_they_were(world):
    for text in MOMENTS:
        _stored(world.alice, text)
    _stored(world.bob, "2026-03-02T07:59:59.500000")    # the same moment for another person
    _stored(world.alice, "2026-02-28T23:59:59")         # the day before the range
    _stored(world.alice, "2026-04-01T00:00:00")         # the day after it

    found = local_times.punches_by_day([world.alice.pk, world.bob.pk], date(2026, 3, 1), date(2026, 3, 31))

    expected: dict[date, list[datetime]] = {}
    for text in MOMENTS:
        moment = datetime.fromisoformat(text)
        expected.setdefault(moment.date(), []).append(moment)
    assert {day: sorted(times) for day, times in found[world.alice.pk].items()} == expected
    assert dict(found[world.bob.pk]) == {date(2026, 3, 2): [datetime(2026, 3, 2, 7, 59, 59, 500000)]}
    assert all(t.tzinfo is None for times in found[world.alice.pk].values() for t in times)


def test_taipei_keeps_one_offset_so_the_stored_utc_text_is_shifted_by_it():
    # Asia/Taipei has kept UTC+8 since 1979: a range in 2026 has one offset; a range across the
    # 1979 summer time (daylight saving from 1979-07-01 to 1979-09-30) has two, and is read one
    # moment at a time instead.
    assert local_times.steady_offset(date(2026, 1, 1), date(2026, 12, 31)) == timedelta(hours=8)
    assert local_times.steady_offset(date(1979, 6, 1), date(1979, 7, 31)) is None


def test_a_range_across_a_change_of_offset_is_still_read_right(world):
    _stored(world.alice, "1979-06-30T23:30:00")  # UTC+8
    _stored(world.alice, "1979-07-02T08:00:00")  # UTC+9 (summer time)
    found = local_times.punches_by_day([world.alice.pk], date(1979, 6, 1), date(1979, 7, 31))
    assert dict(found[world.alice.pk]) == {date(1979, 6, 30): [datetime(1979, 6, 30, 23, 30)],
                                           date(1979, 7, 2): [datetime(1979, 7, 2, 8, 0)]}


def test_the_servers_date_style_does_not_change_the_times(world):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("DateStyle is a PostgreSQL setting")
    _stored(world.alice, "2026-03-02T07:59:59.500000")
    with connection.cursor() as cursor:
        cursor.execute("SET DateStyle TO 'SQL, DMY'")  # a cast to text would read 02/03/2026 07:59:59.5
    found = local_times.punches_by_day([world.alice.pk], date(2026, 3, 1), date(2026, 3, 31))
    assert dict(found[world.alice.pk]) == {date(2026, 3, 2): [datetime(2026, 3, 2, 7, 59, 59, 500000)]}
