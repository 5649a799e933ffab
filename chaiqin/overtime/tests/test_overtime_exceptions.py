"""The civil service's exceptional overtime through the service (公務員服務法第12條第1項但書,
公務員服勤實施辦法第4條, seed 002): special major projects are held to 240 h over three months
from the project's first month instead of 80 a month; seasonal work to 12 h a day; days
reaching 14 h at most 3 in a row."""

from datetime import date

import pytest

from chaiqin.errors import ChaiqinError
from chaiqin.overtime.models import OvertimeRequest

pytestmark = pytest.mark.django_db
PROJECT = OvertimeRequest.Situation.MAJOR_PROJECT


def evenings(month: str, days, hours: int = 5):
    return [(f"{month}-{d:02d}T18:00", f"{month}-{d:02d}T{18 + hours}:00") for d in days]


def test_a_major_project_may_pass_80_hours_in_a_month(world, settings, ask):
    # seed 002: 「辦理特殊重大專案業務…不受單月80小時限制」; before, 85 h in one month was refused
    settings.CHAIQIN_NOW = "2026-01-01T09:00"
    req = ask(world.alice, evenings("2026-01", range(2, 19)), situation=PROJECT)  # 17 evenings × 5 h = 85 h
    assert req.project_start.isoformat() == "2026-01-01" and req.report_required
    with pytest.raises(ChaiqinError) as refused:
        ask(world.alice, evenings("2026-02", range(2, 19)), situation="emergency")  # the 80 h of emergencies
    assert refused.value.code == "monthly_ot_over_cap"


def test_a_major_project_is_held_to_240_hours_over_three_months_from_its_first_month(world, settings, ask):
    settings.CHAIQIN_NOW = "2026-01-01T09:00"
    ask(world.alice, evenings("2026-01", range(2, 19)), situation=PROJECT)  # 85 h; the project starts in January
    project = {"situation": PROJECT, "project_start": date(2026, 1, 5)}
    ask(world.alice, evenings("2026-02", range(2, 19)), **project)  # 170 h
    with pytest.raises(ChaiqinError) as refused:
        ask(world.alice, evenings("2026-03", range(2, 18)), **project)  # +80 h = 250 h > 240
    assert refused.value.code == "quarterly_ot_over_cap" and "240" in refused.value.citation
    ask(world.alice, evenings("2026-03", range(2, 15)), **project)  # +65 h = 235 h: allowed
    # April starts the project's next three months
    ask(world.alice, evenings("2026-04", range(1, 18)), **project)


def test_the_three_months_run_from_the_projects_first_month_not_the_calendar_quarter(world, settings, ask):
    # a project that began in February: February to April is one period of 240 h
    settings.CHAIQIN_NOW = "2026-02-01T09:00"
    start = {"situation": PROJECT, "project_start": date(2026, 2, 10)}
    ask(world.alice, evenings("2026-02", range(2, 20)), **start)  # 90 h
    ask(world.alice, evenings("2026-03", range(2, 20)), **start)  # 180 h
    with pytest.raises(ChaiqinError) as refused:
        ask(world.alice, evenings("2026-04", range(1, 14)), **start)  # +65 h = 245 h in Feb–Apr
    assert refused.value.code == "quarterly_ot_over_cap"


def test_seasonal_work_is_held_to_12_hours_a_day(world, settings, ask):
    # 公務員服勤實施辦法第4條: 季節性、週期性工作 12 h a day (not the 14 of emergencies); 13 h was accepted
    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    with pytest.raises(ChaiqinError) as refused:
        ask(world.alice, [("2026-03-09T17:00", "2026-03-09T22:00")], situation="seasonal")  # 8 h + 5 h
    assert refused.value.code == "daily_over_12h" and "季節性" in refused.value.citation
    ask(world.alice, [("2026-03-09T17:00", "2026-03-09T21:00")], situation="seasonal")  # 12 h


def test_a_major_project_allows_at_most_three_days_of_14_hours_in_a_row(world, settings, ask):
    # seed 002: 每日工時達14小時者，不得連續超過3日
    settings.CHAIQIN_NOW = "2026-03-01T09:00"
    with pytest.raises(ChaiqinError) as refused:
        ask(world.alice, [(f"2026-03-{d:02d}T17:00", f"2026-03-{d:02d}T23:00") for d in (9, 10, 11, 12)],
            situation=PROJECT)  # 8 h + 6 h = 14 h, four days in a row
    assert refused.value.code == "long_days_over_3_consecutive"
    ask(world.alice, [(f"2026-03-{d:02d}T17:00", f"2026-03-{d:02d}T23:00") for d in (9, 10, 11)], situation=PROJECT)
