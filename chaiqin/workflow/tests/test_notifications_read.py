"""Opening the notifications page reads them and writes nothing; the button marks them read."""

import pytest
from django.urls import reverse

from chaiqin.workflow import services
from chaiqin.workflow.models import Notification

pytestmark = pytest.mark.django_db


def test_opening_the_page_keeps_them_unread_and_the_button_marks_them_read(client, world):
    services.notify(person=world.alice, message="您的請假已核准")
    services.notify(person=world.bob, message="待您簽核")
    assert client.login(username="alice", password="correct-horse-battery")
    page = client.get(reverse("workflow:notifications")).content.decode()
    assert "您的請假已核准" in page and "全部標為已讀" in page
    assert Notification.objects.filter(read_at__isnull=True).count() == 2
    assert client.post(reverse("workflow:notifications")).status_code == 302
    assert Notification.objects.get(person=world.alice).read_at is not None
    assert Notification.objects.get(person=world.bob).read_at is None
