"""A stand-in form for testing the engine on its own: a real row in the database (an org Unit,
which every test world has) registered under the kind "test_form", recording the callbacks."""

import pytest

from chaiqin.org.models import Unit
from chaiqin.workflow import registry


class Calls:
    def __init__(self):
        self.approved: list[int] = []
        self.closed: list[tuple[int, str]] = []


@pytest.fixture
def calls():
    recorded = Calls()
    registry.register(
        "test_form", label="測試表單", model=Unit,
        on_approved=lambda form: recorded.approved.append(form.pk),
        on_closed=lambda form, status: recorded.closed.append((form.pk, status)),
        url=lambda form: f"/units/{form.pk}/",
    )
    yield recorded
    registry._KINDS.pop("test_form", None)
