"""Directory log-in (issue 18) against a real OpenLDAP: Debian's slapd started for the test
process (chaiqin/tests/slapd.py), reached through the log-in page like a person would."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from django.contrib.auth import get_user_model

from chaiqin.conftest import PASSWORD, log_in
from chaiqin.org import directory_settings
from chaiqin.org.directory import UNAVAILABLE
from chaiqin.org.models import LoginFailure, Person
from chaiqin.tests import slapd as directory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def slapd(tmp_path_factory):
    server = directory.Slapd(tmp_path_factory.mktemp("slapd") / "ldap").start()
    yield server
    server.stop()


@pytest.fixture
def down_uri():
    """A loopback port held by this process and never listening: a directory that is down."""
    sock = directory.down_port()
    yield f"ldap://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()


def configure(settings, uri, *, local_passwords=True, **overrides):
    options = dict(server_uri=uri, bind_dn=directory.READER_DN, bind_password=directory.READER_PASSWORD,
                   user_base=directory.PEOPLE_BASE, user_filter="(uid=%(user)s)",
                   # A loaded test machine can be slow to answer even on loopback; a port where nothing
                   # listens is refused at once whatever the timeout.
                   timeout=20)
    options.update(overrides)
    for name, value in directory_settings.ldap_settings(**options).items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = directory_settings.backends(directory=True, local_passwords=local_passwords)


@pytest.fixture
def ldap_on(settings, slapd):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    configure(settings, slapd.uri)
    return slapd


def attempt(client, username, password, ip="10.0.0.7"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def logged_in_as(client):
    user_id = client.session.get("_auth_user_id")
    return get_user_model().objects.get(pk=user_id) if user_id else None


@pytest.mark.browser
def test_a_person_logs_in_with_the_directory_account_through_the_log_in_page(page, world, ldap_on):
    log_in(page, "alice.chen", "alice-directory-pw")
    assert "陳雅婷" in page.content() and "/login/" not in page.url
    # Linked to the person with 員工編號 ALICE: the same log-in as her local one, nothing new created.
    assert get_user_model().objects.filter(username__iexact="alice.chen").count() == 0
    assert Person.objects.filter(employee_no="ALICE").count() == 1


@pytest.mark.browser
def test_a_directory_account_without_a_person_is_refused_with_the_reason(page, world, ldap_on):
    people, users = Person.objects.count(), get_user_model().objects.count()
    log_in(page, "zoe.wu", "zoe-directory-pw")
    assert "/login/" in page.url
    assert "查無員工編號「Z999」的在職人員" in page.content()
    assert (Person.objects.count(), get_user_model().objects.count()) == (people, users)


def test_the_first_log_in_of_a_person_without_a_log_in_creates_only_the_log_in(client, world, ldap_on):
    kim = Person.objects.create(agency=world.county, unit=world.civil_affairs, employee_no="KIM", name="李金燕",
                                gender="F", regime="civil", post="admin", hire_date=date(2020, 1, 1))
    assert attempt(client, "kim.lee", "kim-directory-pw").status_code == 302
    kim.refresh_from_db()
    assert kim.user.username == "kim.lee" and logged_in_as(client) == kim.user
    assert not kim.user.has_usable_password() and not kim.user.is_staff and not kim.user.groups.exists()
    # Roles stay chaiqin's: the second log-in finds the same user.
    client.logout()
    assert attempt(client, "kim.lee", "kim-directory-pw").status_code == 302
    assert get_user_model().objects.filter(username="kim.lee").count() == 1


def test_an_account_without_an_employee_number_is_refused(client, world, ldap_on):
    body = attempt(client, "intern", "intern-directory-pw").content.decode()
    assert "未登錄員工編號" in body and logged_in_as(client) is None


def test_a_wrong_directory_password_is_the_usual_refusal_and_counts_for_the_lock(client, world, ldap_on):
    for _ in range(5):
        assert "帳號或密碼錯誤" in attempt(client, "bob.lin", "guess").content.decode()
    body = attempt(client, "bob.lin", "bob-directory-pw").content.decode()
    assert "登入失敗次數過多" in body and logged_in_as(client) is None
    assert LoginFailure.objects.filter(username="bob.lin").count() == 5


@pytest.mark.browser
def test_a_directory_that_is_down_says_so_and_local_passwords_still_work(page, world, settings, down_uri):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    configure(settings, down_uri)
    log_in(page, "bob.lin", "bob-directory-pw")
    assert "目錄服務暫時無法連線" in page.content() and "/login/" in page.url
    log_in(page, "alice", PASSWORD)
    assert "陳雅婷" in page.content() and "/login/" not in page.url


def test_a_wrong_bind_password_is_logged_for_the_operator_never_shown(client, world, settings, slapd, caplog):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    configure(settings, slapd.uri, bind_password="not-the-bind-password")
    with caplog.at_level(logging.ERROR, logger="chaiqin.directory"):
        body = attempt(client, "alice.chen", "alice-directory-pw").content.decode()
    assert UNAVAILABLE in body
    assert "LDAP_BIND_PASSWORD" not in body and "bind" not in body.lower() and directory.READER_DN not in body
    assert any("service bind" in r.getMessage() and directory.READER_DN in r.getMessage() for r in caplog.records)


def test_local_passwords_can_be_turned_off(client, world, settings, slapd):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    configure(settings, slapd.uri, local_passwords=False)
    assert "帳號或密碼錯誤" in attempt(client, "alice", PASSWORD).content.decode()
    assert attempt(client, "alice.chen", "alice-directory-pw").status_code == 302


def test_starttls_with_the_agencys_ca_logs_in(client, world, settings, slapd):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    configure(settings, slapd.uri, start_tls=True, ca_file=slapd.ca_file)
    assert attempt(client, "alice.chen", "alice-directory-pw").status_code == 302
    assert logged_in_as(client) == world.alice.user


def test_starttls_with_a_certificate_nobody_vouches_for_is_refused(client, world, settings, slapd, tmp_path, caplog):
    from chaiqin.tests.slapd import _certificates

    other = tmp_path / "other-ca"
    other.mkdir()
    _certificates(other)  # a CA of its own, which did not sign the directory's certificate
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    configure(settings, slapd.uri, start_tls=True, ca_file=str(other / "ca.pem"))
    with caplog.at_level(logging.ERROR, logger="chaiqin.directory"):
        body = attempt(client, "alice.chen", "alice-directory-pw").content.decode()
    assert UNAVAILABLE in body and logged_in_as(client) is None
    assert any("directory unavailable" in r.getMessage() for r in caplog.records)


def test_without_local_passwords_a_directory_is_required():
    with pytest.raises(ValueError, match="LDAP_SERVER_URI"):
        directory_settings.backends(directory=False, local_passwords=False)


def test_a_number_two_agencies_use_needs_the_directorys_agency(client, world, ldap_on, settings):
    Person.objects.create(agency=world.school, unit=world.gina.unit, employee_no="ALICE", name="艾莉絲",
                          gender="F", regime="teacher", post="teacher", hire_date=date(2020, 8, 1))
    body = attempt(client, "alice.chen", "alice-directory-pw").content.decode()
    assert "對應到多個機關的人員" in body and logged_in_as(client) is None
    settings.CHAIQIN_LDAP_AGENCY_CODE = world.county.code  # LDAP_AGENCY_CODE: the directory is the county's
    assert attempt(client, "alice.chen", "alice-directory-pw").status_code == 302
    assert logged_in_as(client) == world.alice.user
