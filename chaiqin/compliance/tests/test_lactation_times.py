"""A lactation schedule longer than the law allows is refused with the article, never saved
shortened (性別平等工作法第18條: 60 minutes a day for a child under 2; issue 16: 90 minutes was
saved as 「60 分鐘」)."""

from datetime import date

import pytest

from chaiqin.compliance import services
from chaiqin.compliance.models import LactationRequest
from chaiqin.errors import ChaiqinError

pytestmark = pytest.mark.django_db


def submit(world, times):
    return services.lactation_request_submit(person=world.alice, child_birth_date=date(2026, 3, 1),
                                             start=date(2026, 10, 5), end=date(2027, 2, 26), times=times)


def test_ninety_minutes_a_day_is_refused_with_article_18(world):
    with pytest.raises(ChaiqinError) as refused:
        submit(world, "10:00–10:45、15:00–15:45")
    assert "合計1時30分，超過法定每日1時" in refused.value.message
    assert "性別平等工作法第18條" in refused.value.citation
    assert not LactationRequest.objects.exists()


def test_sixty_minutes_in_two_times_is_accepted(world):
    form = submit(world, "10:00-10:30、15:00~15:30")
    assert form.daily_minutes == 60 and form.case.title == "哺（集）乳時間 115-10-05～116-02-26"


def test_an_unreadable_schedule_is_refused(world):
    with pytest.raises(ChaiqinError, match="10:00–10:30"):
        submit(world, "早上一次")


def test_a_child_too_old_is_refused_in_roc_dates(world):
    with pytest.raises(ChaiqinError, match="子女於 115-02-28 後已滿2歲"):
        services.lactation_request_submit(person=world.alice, child_birth_date=date(2024, 3, 1),
                                          start=date(2026, 1, 5), end=date(2026, 6, 30))
