"""The personnel office's balance table: 50 a page, searchable, a fixed number of queries per page
whatever the number of people, and exports of everyone read in chunks."""

import io
from datetime import date

import pytest
from django.urls import reverse

from chaiqin.leave import ledger, selectors, services
from chaiqin.org.models import Person
from chaiqin.org.services import person_create

from .conftest import approve_all, at

pytestmark = pytest.mark.django_db
ON = date(2026, 3, 9)


def staff(world, n):
    return [person_create(agency=world.county, unit=world.civil_affairs, employee_no=f"S{i:03d}", name=f"職員{i:03d}",
                          gender="F", post=Person.Post.ADMIN, hire_date=date(2020, 1, 1), supervisor=world.bob)
            for i in range(n)]


def open_table(client, **params):
    if "_auth_user_id" not in client.session:
        assert client.login(username="carol", password="correct-horse-battery")
    return client.get(reverse("leave:balance_table"), params)


@pytest.mark.parametrize("people", [10, 60])
def test_a_page_of_the_table_costs_the_same_queries_for_10_or_60_people(client, world, people,
                                                                        django_assert_max_num_queries):
    made = staff(world, people)
    ledger.comp_time_grant(person=made[0], minutes=120, earned_on=date(2026, 1, 5), expires_on=date(2026, 12, 31))
    open_table(client)  # log-in and session out of the count
    with django_assert_max_num_queries(20):
        response = open_table(client)
    assert response.status_code == 200
    page = response.content.decode()
    assert "職員000" in page
    if people == 60:
        assert "第 1 / 2 頁" in page and "職員059" not in page


def test_the_table_adds_the_grants_the_law_gives_without_writing_them(world, ivy):
    # 公務人員請假規則第3條 (事假7日) and 第7條 (休假 by seniority): what ledger.balance says, no rows posted
    req = services.leave_request_submit(person=world.alice, leave_code="personal", start=at("2026-03-10 08:00"),
                                        end=at("2026-03-10 17:00"), agent=ivy)
    approve_all(req)
    ledger.comp_time_grant(person=world.alice, minutes=240, earned_on=date(2026, 1, 5), expires_on=date(2026, 12, 31))
    ledger.comp_time_grant(person=world.alice, minutes=60, earned_on=date(2025, 1, 5), expires_on=date(2025, 12, 31))
    people = list(selectors.balance_people(world.carol).filter(pk__in=[world.alice.pk, ivy.pk]))
    from chaiqin.leave.models import BalanceEntry

    before = BalanceEntry.objects.count()
    found = selectors.balances_for(people, ON)
    assert BalanceEntry.objects.count() == before
    for p in people:
        for account in ("annual", "personal", "sick", "comp_time"):
            assert found[p.pk][account] == ledger.balance(p, account, ON), (p.name, account)
    assert found[world.alice.pk]["personal"] == 6 * 480
    assert found[world.alice.pk]["comp_time"] == 240  # last year's hour expired


def test_the_table_searches_by_name_employee_number_or_unit(client, world):
    staff(world, 3)
    assert "職員001" in open_table(client, q="職員001").content.decode()
    by_number = open_table(client, q="S002").content.decode()
    assert "職員002" in by_number and "職員001" not in by_number
    assert "陳雅婷" in open_table(client, q="民政").content.decode()
    assert "沒有符合的人員" in open_table(client, q="不存在的人").content.decode()


def test_the_exports_hold_everyone_read_in_chunks(client, world, monkeypatch):
    import openpyxl
    from odf.opendocument import load
    from odf.table import TableRow

    staff(world, 60)
    monkeypatch.setattr(selectors, "EXPORT_CHUNK", 7)
    everyone = selectors.balance_people(world.carol).count()
    open_table(client)
    xlsx = client.get(reverse("leave:balance_export", args=["xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))  # title, then the two header lines
    assert len(rows) == everyone > 60
    assert {r[3]: r for r in rows}["職員059"][7:9] == (56, "7日")  # 事假7日 (公務人員請假規則第3條), 56 hours
    ods = client.get(reverse("leave:balance_export", args=["ods"]))
    doc = load(io.BytesIO(b"".join(ods.streaming_content)))
    assert len(doc.spreadsheet.getElementsByType(TableRow)) == everyone + 3
