"""Sessions and passwords: the session cookie cannot be read by scripts nor sent cross-site, and
only over HTTPS in production; logging out ends the session on the server; a password change
applies Django's validators (at least 10 characters, not common, not all digits, not like the
account) and keeps the person logged in; production hashes with Argon2; the admin is for staff.
(資通安全責任等級分級辦法 附表十 防護基準: 身分驗證、密碼複雜度、連線逾時.)"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.test import Client

from chaiqin.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _log_in(client: Client, username: str = "alice", password: str = PASSWORD):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR="10.9.9.9")


def test_the_session_cookie_is_httponly_and_same_site(world):
    client = Client()
    response = _log_in(client)
    assert response.status_code == 302
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_production_settings_make_cookies_secure_and_hash_with_argon2():
    """Settings as production loads them (DEBUG=false), in a fresh interpreter; argon2 really hashes."""
    code = (
        "import django, os; django.setup(); from django.conf import settings as s; "
        "from django.contrib.auth.hashers import make_password; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.PASSWORD_HASHERS[0]); "
        "print(make_password('correct-horse-battery')[:9])"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE")}
    env.update(DEBUG="false", SECRET_KEY="x" * 50, DJANGO_SETTINGS_MODULE="chaiqin.settings")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                         cwd=django_settings.BASE_DIR).stdout.split()
    assert out == ["True", "True", "True", "django.contrib.auth.hashers.Argon2PasswordHasher", "argon2$ar"]


def test_logging_out_ends_the_session_on_the_server(world):
    client = Client()
    _log_in(client)
    stolen = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert client.get("/").status_code == 200
    client.post("/logout/")
    assert not Session.objects.filter(session_key=stolen).exists()
    replay = Client()
    replay.cookies[django_settings.SESSION_COOKIE_NAME] = stolen
    response = replay.get("/leave/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_logging_out_needs_a_post(world):
    """A link or an image on another site cannot log people out (GET is not allowed)."""
    client = Client()
    _log_in(client)
    assert client.get("/logout/").status_code == 405


@pytest.mark.parametrize("weak, message", [
    ("short1!", "至少 10 個字元"),
    ("1234567890123", "全都是數字"),
    ("password1234", "太常見"),
])
def test_a_password_change_applies_the_validators_in_chinese(world, weak, message):
    client = Client()
    _log_in(client)
    response = client.post("/password/", {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak})
    assert response.status_code == 200
    assert message in response.content.decode()
    world.alice.user.refresh_from_db()
    assert world.alice.user.check_password(PASSWORD)


def test_a_password_change_keeps_the_person_logged_in_and_the_new_password_works(world):
    client = Client()
    _log_in(client)
    new = "Hualien-county-2026!"
    response = client.post("/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert client.get("/leave/").status_code == 200
    assert _log_in(Client(), "alice", new).status_code == 302
    assert _log_in(Client(), "alice", PASSWORD).status_code == 200  # the old one no longer works


def test_the_admin_is_only_for_staff(world):
    client = Client()
    _log_in(client, "frank")  # even the system administrator role is not Django staff
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    response = client.get("/admin/org/person/")
    assert response.status_code == 302
    world.frank.user.is_staff = True
    world.frank.user.is_superuser = True
    world.frank.user.save()
    assert client.get("/admin/").status_code == 200
