"""Log-in rate limiting: guessing a password is slowed down, per account and per address."""

import pytest

from chaiqin.org.models import LoginFailure

pytestmark = pytest.mark.django_db


def attempt(client, username, password, ip="10.0.0.7"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_five_failures_block_the_account_even_with_the_right_password(client, world, settings):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    for _ in range(5):
        assert "帳號或密碼錯誤" in attempt(client, "alice", "guess").content.decode()
    response = attempt(client, "alice", "correct-horse-battery")
    assert "登入失敗次數過多" in response.content.decode() and "15 分鐘後再試" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_block_ends_after_the_window(client, world, settings):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    for _ in range(5):
        attempt(client, "alice", "guess")
    settings.CHAIQIN_NOW = "2026-03-09T09:16"
    response = attempt(client, "alice", "correct-horse-battery")
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(world.alice.user.pk)


def test_other_accounts_are_not_blocked_by_one_accounts_failures(client, world, settings):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    for _ in range(5):
        attempt(client, "alice", "guess", ip="10.0.0.8")
    assert attempt(client, "bob", "correct-horse-battery", ip="10.0.0.9").status_code == 302


def test_one_address_guessing_many_accounts_is_blocked(client, world, settings):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    for n in range(20):
        attempt(client, f"user{n}", "guess", ip="10.0.0.66")
    response = attempt(client, "carol", "correct-horse-battery", ip="10.0.0.66")
    assert "登入失敗次數過多" in response.content.decode()
    assert LoginFailure.objects.filter(ip="10.0.0.66").count() == 20
