"""Fixtures shared by every app's tests: people named by role, and a real browser.

The `world` fixture (like healthchecks' hc/test.py) gives two agencies and people whose
names say what they may see:
- alice: an employee of the county's 民政處; sees only herself.
- bob: alice's direct supervisor (科長); sees alice and himself.
- diana: head of 民政處 and bob's supervisor; sees everyone in 民政處.
- carol: the county's personnel officer (人事); sees everyone in the county, no one in the school.
- frank: the county's system administrator.
- erin: an ethics officer (政風) of the county.
- gina: a full-time teacher of the school; sees only herself. Alice and gina cannot see each other.
- hank: the school's personnel officer; sees the school, not the county.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make around it are still synchronous, so Django's async-safety guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct-horse-battery"
CHROMIUM = "/usr/bin/chromium"


@dataclass
class World:
    county: object
    school: object
    civil_affairs: object
    personnel_office: object
    alice: object
    bob: object
    carol: object
    diana: object
    erin: object
    frank: object
    gina: object
    hank: object


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix) -> None:
    """PostgreSQL test connections commit without waiting for the WAL to reach the disk
    (synchronous_commit=off, for these sessions only): a commit is as visible and as atomic as
    before and only a crash of the server could lose the last ones, which no test needs. The
    migrations, the flush after every transactional test and the commits of the live-server tests
    otherwise each wait for an fsync, most of what made the suite slower on PostgreSQL than on
    SQLite (whose test databases live in memory). Servers the tests start (granian, the cluster)
    keep the production setting."""
    from django.conf import settings

    for database in settings.DATABASES.values():
        if database["ENGINE"] == "django.db.backends.postgresql":
            options = database.setdefault("OPTIONS", {})
            options["options"] = (options.get("options", "") + " -c synchronous_commit=off").strip()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is right in production and needlessly slow for hundreds of test log-ins.
    # The one-time hasher stays: imported accounts are created with it (org/initial_password.py).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher",
                                 "chaiqin.org.initial_password.OneTimePasswordHasher"]


@pytest.fixture
def world(db) -> World:
    from chaiqin.org.models import Person, RoleAssignment
    from chaiqin.org.services import agency_create, person_create, role_grant, unit_create, unit_set_head

    P = Person.Post
    county = agency_create(code="376550000A", name="花蓮縣政府", short_name="花蓮縣府")
    school = agency_create(code="301150000A", name="國立恆春高級工商職業學校", short_name="國立恆春工商",
                           kind="school", lunch_start="12:30", lunch_end="13:00")
    civil_affairs = unit_create(agency=county, name="民政處")
    personnel_office = unit_create(agency=county, name="人事處")
    mech = unit_create(agency=school, name="機械科")
    school_hr = unit_create(agency=school, name="人事室")

    def make(name, agency, unit, post, username, supervisor=None, gender="F", hire=date(2015, 3, 1)):
        return person_create(agency=agency, unit=unit, employee_no=username.upper(), name=name, gender=gender,
                             post=post, hire_date=hire, supervisor=supervisor, username=username,
                             password=PASSWORD, email=f"{username}@example.gov.tw")

    diana = make("王黛安", county, civil_affairs, P.ADMIN, "diana")
    unit_set_head(unit=civil_affairs, head=diana)
    bob = make("林柏宇", county, civil_affairs, P.ADMIN, "bob", supervisor=diana, gender="M")
    alice = make("陳雅婷", county, civil_affairs, P.ADMIN, "alice", supervisor=bob, hire=date(2019, 7, 1))
    carol = make("張佳穎", county, personnel_office, P.ADMIN, "carol")
    role_grant(person=carol, role=RoleAssignment.Role.PERSONNEL)
    erin = make("蔡怡君", county, personnel_office, P.ADMIN, "erin")
    role_grant(person=erin, role=RoleAssignment.Role.ETHICS)
    frank = make("黃志明", county, personnel_office, P.ADMIN, "frank", gender="M")
    role_grant(person=frank, role=RoleAssignment.Role.SYSADMIN)
    gina = make("李思妤", school, mech, P.TEACHER, "gina")
    hank = make("吳家豪", school, school_hr, P.ADMIN, "hank", gender="M")
    role_grant(person=hank, role=RoleAssignment.Role.PERSONNEL)
    return World(county, school, civil_affairs, personnel_office, alice, bob, carol, diana, erin, frank, gina, hank)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (Playwright's own browser builds cannot be downloaded here)."""
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"瀏覽器測試需要 {CHROMIUM}：請執行 apt-get install chromium（make test 會自動安裝）")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-TW", timezone_id="Asia/Taipei", base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def log_in(page, username: str, password: str = PASSWORD):
    """Log in through the real form, as a person would."""
    page.goto("/login/")
    page.get_by_label("帳號").fill(username)
    page.get_by_label("密碼").fill(password)
    page.get_by_role("button", name="登入").click()
    page.wait_for_load_state("networkidle")
