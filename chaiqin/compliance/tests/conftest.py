import pytest


@pytest.fixture(autouse=True)
def _frozen_now(settings):
    # 115-10-01: after the survey's headcount day (115-09-01), inside the autumn reminder season.
    settings.CHAIQIN_NOW = "2026-10-01T09:00"
