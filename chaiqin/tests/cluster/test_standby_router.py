"""Which reads may go to the standby (chaiqin.dbrouter): reports yes, a person's own writes never."""

from __future__ import annotations

import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from chaiqin import dbrouter
from chaiqin.org.models import Person


@pytest.fixture
def standby(monkeypatch):
    monkeypatch.setattr(dbrouter, "standby_configured", lambda: True)


def test_reports_read_from_the_standby_and_everything_else_from_the_primary(standby):
    rf = RequestFactory()
    assert dbrouter.reads_may_lag_for(rf.get("/compliance/"))  # the personnel dashboard
    assert dbrouter.reads_may_lag_for(rf.get("/leave/balances/all.xlsx"))
    assert not dbrouter.reads_may_lag_for(rf.get("/"))  # a person's home page: their own state
    assert not dbrouter.reads_may_lag_for(rf.get("/leave/balances/"))
    assert not dbrouter.reads_may_lag_for(rf.post("/compliance/"))
    assert not dbrouter.reads_may_lag_for(rf.get("/no/such/page/"))


def test_someone_who_just_wrote_reads_their_reports_from_the_primary(standby, settings):
    rf = RequestFactory()
    fresh = rf.get("/compliance/")
    fresh.COOKIES[dbrouter.WROTE_COOKIE] = f"{time.time() - 2:.3f}"
    assert not dbrouter.reads_may_lag_for(fresh)
    old = rf.get("/compliance/")
    old.COOKIES[dbrouter.WROTE_COOKIE] = f"{time.time() - settings.CHAIQIN_STANDBY_PIN_SECONDS - 1:.3f}"
    assert dbrouter.reads_may_lag_for(old)
    mangled = rf.get("/compliance/")
    mangled.COOKIES[dbrouter.WROTE_COOKIE] = "x"
    assert dbrouter.reads_may_lag_for(mangled)


def test_the_router_sends_reads_to_the_standby_only_inside_a_report_and_never_writes(standby):
    seen = {}

    def view(request):
        seen["read"] = dbrouter.StandbyRouter().db_for_read(Person)
        seen["write"] = dbrouter.StandbyRouter().db_for_write(Person)
        return HttpResponse("ok")

    rf = RequestFactory()
    dbrouter.StandbyReadsMiddleware(view)(rf.get("/compliance/"))
    assert seen == {"read": "standby", "write": "default"}
    dbrouter.StandbyReadsMiddleware(view)(rf.get("/"))
    assert seen == {"read": None, "write": "default"}  # None: Django's default, the primary
    assert dbrouter.StandbyRouter().db_for_read(Person) is None  # reset after the request
    assert not dbrouter.StandbyRouter().allow_migrate("standby", "org")


def test_a_successful_write_marks_the_writer_and_a_refused_one_does_not(standby):
    rf = RequestFactory()
    ok = dbrouter.StandbyReadsMiddleware(lambda r: HttpResponse("ok"))(rf.post("/leave/new/"))
    assert float(ok.cookies[dbrouter.WROTE_COOKIE].value) == pytest.approx(time.time(), abs=5)
    refused = dbrouter.StandbyReadsMiddleware(lambda r: HttpResponse("no", status=400))(rf.post("/leave/new/"))
    assert dbrouter.WROTE_COOKIE not in refused.cookies


def test_without_a_standby_nothing_changes():
    rf = RequestFactory()
    assert not dbrouter.reads_may_lag_for(rf.get("/compliance/"))
    response = dbrouter.StandbyReadsMiddleware(lambda r: HttpResponse("ok"))(rf.post("/leave/new/"))
    assert dbrouter.WROTE_COOKIE not in response.cookies
