"""services.closure_declare / closure_withdraw, and the admin pages of the personnel office."""

from datetime import date

import pytest

from chaiqin.calendar import selectors
from chaiqin.calendar.models import CalendarDay, Closure
from chaiqin.calendar.services import calendar_day_set, closure_declare, closure_withdraw
from chaiqin.errors import ChaiqinError

pytestmark = pytest.mark.django_db
TYPHOON_DAY = date(2026, 7, 28)


def test_declaring_again_for_the_same_day_replaces_the_first_declaration(hualien):
    closure_declare(agency=hualien, day=TYPHOON_DAY, part="afternoon", declared_by="花蓮縣政府宣布")
    closure_declare(agency=hualien, day=TYPHOON_DAY, part="whole", declared_by="花蓮縣政府宣布")
    assert Closure.objects.get().part == "whole"
    assert not selectors.is_workday(hualien, TYPHOON_DAY)


def test_a_closure_must_say_who_declared_it(hualien):
    with pytest.raises(ChaiqinError, match="宣布停止上班的機關"):
        closure_declare(agency=hualien, day=TYPHOON_DAY, declared_by="  ")
    assert not Closure.objects.exists()


def test_withdrawing_a_closure_makes_the_day_a_workday_again(hualien):
    closure_declare(agency=hualien, day=TYPHOON_DAY, declared_by="花蓮縣政府宣布")
    assert closure_withdraw(agency=hualien, day=TYPHOON_DAY) is True
    assert selectors.is_workday(hualien, TYPHOON_DAY)
    assert closure_withdraw(agency=hualien, day=TYPHOON_DAY) is False


def test_a_manual_day_sets_whether_it_is_off_from_its_kind():
    row = calendar_day_set(day=date(2026, 3, 10), kind="bridge")
    assert (row.is_day_off, row.year, row.source) == (True, 2026, "manual")
    row = calendar_day_set(day=date(2026, 3, 10), kind="workday")
    assert not row.is_day_off and CalendarDay.objects.count() == 1


def test_the_database_refuses_a_make_up_workday_marked_as_a_day_off():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        CalendarDay.objects.create(date=date(2026, 3, 14), is_day_off=True, kind="makeup_workday")


@pytest.fixture
def personnel_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("hr", "hr@example.tw", "a-long-password-1")
    client.force_login(admin)
    return client


def test_the_personnel_office_enters_a_typhoon_closure_in_the_admin_with_a_roc_date(personnel_client, hualien):
    response = personnel_client.post(
        "/admin/office_calendar/closure/add/",
        {"agency": hualien.pk, "date": "115/7/28", "part": "whole", "reason": "颱風", "declared_by": "花蓮縣政府宣布"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    closure = Closure.objects.get()
    assert closure.date == TYPHOON_DAY and str(closure) == "115-07-28 颱風停止上班"
    assert "115-07-28" in personnel_client.get("/admin/office_calendar/closure/").content.decode()


def test_the_admin_lists_calendar_days_in_roc_form(personnel_client):
    calendar_day_set(day=date(2026, 2, 15), kind="holiday", name="小年夜")
    page = personnel_client.get("/admin/office_calendar/calendarday/").content.decode()
    assert "115-02-15" in page and "小年夜" in page
    assert personnel_client.get("/admin/office_calendar/calendarday/add/").status_code == 200
