"""The audit trail (workflow.AuditEvent) and the leave ledger (leave.BalanceEntry) cannot be edited,
at every door: the models and querysets, the admin (not even by a superuser), the API, and on
PostgreSQL the database itself (triggers of workflow migration 0002).

What was written stays exactly as written; new rows are only ever appended.
"""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction
from django.test import Client, RequestFactory

from chaiqin.conftest import PASSWORD
from chaiqin.leave.models import BalanceEntry
from chaiqin.workflow.models import AuditEvent, Case

pytestmark = pytest.mark.django_db


def snapshot():
    return (list(AuditEvent.objects.order_by("pk").values_list()),
            list(BalanceEntry.objects.order_by("pk").values_list()))


@pytest.fixture
def trail(leave_request):
    event = leave_request.case.events.get()
    hold = BalanceEntry.objects.get(case=leave_request.case)
    return leave_request, event, hold


# --- the application --------------------------------------------------------------------------------

@pytest.mark.parametrize("model", [AuditEvent, BalanceEntry])
def test_bulk_update_cannot_rewrite_a_row(trail, model):
    before = snapshot()
    rows = list(model.objects.all())
    for row in rows:
        row.note = "改寫"
    with pytest.raises(PermissionError):
        model.objects.bulk_update(rows, ["note"])
    assert snapshot() == before


def test_bulk_create_with_update_conflicts_cannot_overwrite_an_event(trail):
    _, event, _ = trail
    before = snapshot()
    forged = AuditEvent(pk=event.pk, case_id=event.case_id, actor_id=event.actor_id, action="approve", at=event.at,
                        note="偽造")
    with pytest.raises(PermissionError):
        AuditEvent.objects.bulk_create([forged], update_conflicts=True, unique_fields=["id"],
                                       update_fields=["action", "note"])
    assert snapshot() == before


def test_bulk_create_with_update_conflicts_cannot_overwrite_a_ledger_row(trail):
    _, _, hold = trail
    before = snapshot()
    forged = BalanceEntry(pk=hold.pk, person_id=hold.person_id, account=hold.account, period_start=hold.period_start,
                          period_end=hold.period_end, kind=hold.kind, minutes=0)
    with pytest.raises(PermissionError):
        BalanceEntry.objects.bulk_create([forged], update_conflicts=True, unique_fields=["id"],
                                         update_fields=["minutes"])
    assert snapshot() == before


def test_related_managers_and_update_or_create_cannot_change_the_trail(trail):
    req, event, hold = trail
    before = snapshot()
    with pytest.raises(PermissionError):
        req.case.events.update(note="改寫")
    with pytest.raises(PermissionError):
        req.case.events.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update_or_create(pk=event.pk, defaults={"note": "改寫"})
    with pytest.raises(PermissionError):
        BalanceEntry.objects.update_or_create(pk=hold.pk, defaults={"minutes": 0})
    with pytest.raises(PermissionError):
        AuditEvent(pk=event.pk, case_id=event.case_id, actor_id=event.actor_id, action="approve").save(force_update=True)
    assert snapshot() == before


def test_the_case_and_the_people_of_an_event_cannot_be_deleted_from_under_it(trail):
    # on_delete=PROTECT: deleting a case or a person never cascades into the trail
    from django.db.models import ProtectedError

    req, event, _ = trail
    with pytest.raises(ProtectedError):
        Case.objects.filter(pk=req.case_id).delete()
    with pytest.raises(ProtectedError):
        req.person.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


# --- the admin ---------------------------------------------------------------------------------------

@pytest.fixture
def superuser(world):
    return get_user_model().objects.create_superuser("root", "root@example.gov.tw", PASSWORD)


def test_the_admin_offers_no_page_for_the_trail_or_the_ledger_even_to_a_superuser(trail, superuser):
    assert not admin.site.is_registered(AuditEvent)
    assert not admin.site.is_registered(BalanceEntry)
    client = Client()
    client.force_login(superuser)
    assert client.get("/admin/workflow/auditevent/").status_code == 404
    assert client.get("/admin/leave/balanceentry/").status_code == 404


def test_a_superuser_may_not_add_change_or_delete_events_in_the_case_page(trail, superuser):
    req, _, _ = trail
    case_admin = admin.site._registry[Case]
    request = RequestFactory().get("/admin/")
    request.user = superuser
    for inline in case_admin.get_inline_instances(request, req.case):
        if inline.model is AuditEvent:
            assert not inline.has_add_permission(request, req.case)
            assert not inline.has_change_permission(request, req.case)
            assert not inline.has_delete_permission(request, req.case)
            break
    else:
        pytest.fail("the case page shows its audit trail")
    assert not case_admin.has_delete_permission(request, req.case)


def test_posting_the_case_page_as_a_superuser_leaves_the_trail_as_it_was(trail, superuser):
    req, event, _ = trail
    before = snapshot()
    client = Client()
    client.force_login(superuser)
    page = client.get(f"/admin/workflow/case/{req.case_id}/change/")
    assert page.status_code == 200 and event.get_action_display() in page.content.decode()
    prefix = "events"
    data = {f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "1", f"{prefix}-0-id": str(event.pk),
            f"{prefix}-0-case": str(req.case_id), f"{prefix}-0-note": "改寫", f"{prefix}-0-action": "approve",
            f"{prefix}-0-DELETE": "on", "steps-TOTAL_FORMS": "0", "steps-INITIAL_FORMS": "0"}
    client.post(f"/admin/workflow/case/{req.case_id}/change/", data)
    client.post(f"/admin/workflow/case/{req.case_id}/delete/", {"post": "yes"})
    assert snapshot() == before


# --- the API -----------------------------------------------------------------------------------------

def test_the_api_has_no_operation_on_the_trail_or_the_ledger_rows():
    from chaiqin.api import api

    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        assert "event" not in path and "ledger" not in path and "entries" not in path, path
        if path.startswith(("/api/workflow/", "/api/leave/balances")):
            assert set(operations) <= {"get", "post"}, f"{path}: {sorted(operations)}"


def test_deciding_through_the_api_appends_to_the_trail_and_rewrites_nothing(trail, world):
    req, _, _ = trail
    before_events, before_ledger = snapshot()
    client = Client()
    client.login(username="bob", password=PASSWORD)  # the agent, first step
    for method in ("put", "patch", "delete"):
        response = getattr(client, method)(f"/api/workflow/cases/{req.case_id}", content_type="application/json")
        assert response.status_code in (404, 405)
    response = client.post(f"/api/workflow/cases/{req.case_id}/decide",
                           {"decision": "approve", "comment": "同意代理"}, content_type="application/json")
    assert response.status_code == 200, response.content
    events, ledger = snapshot()
    assert events[:len(before_events)] == before_events and len(events) == len(before_events) + 1
    assert ledger[:len(before_ledger)] == before_ledger


# --- the database (PostgreSQL) ----------------------------------------------------------------------

@pytest.mark.parametrize("table", ["workflow_auditevent", "leave_balanceentry"])
def test_the_database_itself_refuses_to_update_or_delete_a_row(trail, postgresql, table):
    before = snapshot()
    column = "note"
    for statement in (f"UPDATE {table} SET {column} = 'raw SQL'", f"DELETE FROM {table}"):
        with pytest.raises(DatabaseError, match="只能新增"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert snapshot() == before


def test_the_database_refuses_an_upsert_over_an_event(trail, postgresql):
    _, event, _ = trail
    with pytest.raises(DatabaseError, match="只能新增"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO workflow_auditevent (id, case_id, actor_id, at, action, note) "
                       "SELECT id, case_id, actor_id, at, 'approve', '' FROM workflow_auditevent WHERE id = %s "
                       "ON CONFLICT (id) DO UPDATE SET action = EXCLUDED.action", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "submit"


def test_the_database_still_accepts_new_rows(trail, postgresql, world):
    # the triggers guard UPDATE and DELETE only: the services keep appending
    from chaiqin.workflow import services

    req, _, _ = trail
    services.case_decide(case=req.case, actor=world.bob, decision="approve", comment="同意代理")
    assert req.case.events.count() == 2
