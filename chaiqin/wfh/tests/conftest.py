"""WFH fixtures: the clock frozen on Wednesday 2026-03-04, alice 30 weeks pregnant on Monday 2026-03-09.

Her due date 2026-05-18 makes her 30 weeks on 2026-03-09 (cap 3, 第3點第1項第2款) and 36
weeks on Monday 2026-04-20 (cap 4, 第3點第1項第3款). The route is bob (supervisor) → diana
(unit head) → carol (personnel).
"""

from datetime import date

import pytest

from chaiqin.wfh import services

DUE = date(2026, 5, 18)
MONDAY = date(2026, 3, 9)
WEEK_36 = date(2026, 4, 20)
ANSWERS = {"work_suitable": True, "on_site_unit": False, "no_mainland_brand": True, "home_environment": True}


@pytest.fixture(autouse=True)
def _frozen(settings):
    settings.CHAIQIN_NOW = "2026-03-04T09:00"
    return settings


def at(settings, moment: str) -> None:
    settings.CHAIQIN_NOW = moment


def apply(world, **overrides):
    fields = dict(actor=world.alice, relation="self", due_date=DUE, start=MONDAY, end=date(2026, 5, 15),
                  workplace="花蓮市中山路1號（住所）")
    fields.update(overrides)
    return services.wfh_application_submit(**fields)


def approve(world, application):
    for decider in (world.bob, world.diana, world.carol):
        application = services.wfh_application_decide(actor=decider, application=application, decision="approve",
                                                      answers=ANSWERS)
    return application


@pytest.fixture
def application(world):
    return approve(world, apply(world))
