"""Survey item 15 (seed 004): every night assignment (22:00–06:00) of a pregnant or nursing woman
in the survey year, planned ones included, from the day the agency knew of the pregnancy.

銓敘部101年12月4日部法一字第10136445961號及107年9月17日部法一字第10746346761號函釋 (seed 004
item 15), applying 勞動基準法第49條 by analogy: 各機關不宜指派妊娠或哺乳期間之女性公務人員，於午後10時
至翌晨6時之時間內工作.
"""

from datetime import date, datetime

import pytest

from chaiqin.compliance import selectors, services
from chaiqin.dates import TAIPEI
from chaiqin.errors import ChaiqinError


def _item15(world):
    return selectors.survey_view(world.county, 115).items[14]


def _night_roster(world, day: date, start="22:00", end="23:30"):
    return services.roster_assign(person=world.alice, actor=world.bob,
                                  start=datetime.fromisoformat(f"{day}T{start}").replace(tzinfo=TAIPEI),
                                  end=datetime.fromisoformat(f"{day}T{end}").replace(tzinfo=TAIPEI), note="防颱值班")


def test_a_planned_night_shift_later_in_the_year_is_counted_before_it_is_worked(world, settings):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    services.protection_mark(person=world.alice, kind="pregnant", start=date(2026, 3, 2), actor=world.carol)
    _shift, warnings = _night_roster(world, date(2026, 10, 15))
    assert warnings  # warned at entry ...
    item = _item15(world)
    # ... and counted by the survey: 排班 1 筆, not 0
    assert item.derived == "是"
    assert any("排班 1 筆" in line for line in item.evidence)
    assert any("陳雅婷" in line and "（排班）" in line for line in item.evidence)


def test_the_protection_runs_from_the_day_the_agency_knew_not_from_the_start_of_work_from_home(world, settings):
    from chaiqin.wfh import services as wfh
    from chaiqin.wfh.tests.conftest import ANSWERS

    settings.CHAIQIN_NOW = "2026-03-04T09:00"
    application = wfh.wfh_application_submit(actor=world.alice, relation="self", due_date=date(2026, 5, 18),
                                             start=date(2026, 3, 23), end=date(2026, 5, 15), workplace="住所")
    for decider in (world.bob, world.diana, world.carol):
        application = wfh.wfh_application_decide(actor=decider, application=application, decision="approve",
                                                 answers=ANSWERS)
    status = world.alice.protections.get()
    assert status.known_on == date(2026, 3, 4) and status.protected_from == date(2026, 3, 4)
    # A night shift after she applied but before the scheme starts is night work of a pregnant woman.
    _night_roster(world, date(2026, 3, 12))
    item = _item15(world)
    assert item.derived == "是"
    assert any("115-03-04" in line and "機關知悉日" in line for line in item.evidence)


def test_night_work_before_the_agency_knew_is_not_counted(world, settings):
    settings.CHAIQIN_NOW = "2026-06-01T09:00"
    # Entered in June: pregnant since February, but the agency only knew on 115-05-04.
    services.protection_mark(person=world.alice, kind="pregnant", start=date(2026, 2, 1), known_on=date(2026, 5, 4),
                             actor=world.carol)
    _night_roster(world, date(2026, 4, 20))
    assert selectors.night_violations(world.county, None, date(2026, 1, 1), date(2026, 12, 31)) == []
    _night_roster(world, date(2026, 5, 6))
    found = selectors.night_violations(world.county, None, date(2026, 1, 1), date(2026, 12, 31))
    assert [(n.day, n.source) for n in found] == [(date(2026, 5, 6), "排班")]
    assert "勞動基準法第49條" in found[0].citation


def test_the_day_known_cannot_come_after_the_end_of_the_period(world):
    with pytest.raises(ChaiqinError) as refused:
        services.protection_mark(person=world.alice, kind="pregnant", start=date(2026, 2, 1), end=date(2026, 3, 1),
                                 known_on=date(2026, 4, 1), actor=world.carol)
    assert refused.value.field == "known_on"


def test_the_api_records_the_day_known(world, client):
    client.force_login(world.alice.user)
    r = client.post("/api/compliance/protections", data={"kind": "pregnant", "start": "2026-02-01",
                                                         "known_on": "2026-05-04"}, content_type="application/json")
    assert r.status_code == 200, r.content
    assert world.alice.protections.get().known_on == date(2026, 5, 4)
