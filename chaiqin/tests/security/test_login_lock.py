"""The log-in lock holds for every spelling of an account: the form reads the name as Django's
UsernameField does (NFKC: full-width `ｔｅａｃｈｅｒ` is `teacher`), so the lock counts and looks up
failures under that same form, whatever width, case or spaces were typed (attack: five failures
as `alice`, then the right password as `ａｌｉｃｅ` logged in)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

RIGHT = "correct-horse-battery"
SPELLINGS = ("ａｌｉｃｅ", "ａlice", "ALICE", " alice ", "Ａｌｉｃｅ")


def attempt(client, username, password, ip="10.0.0.7"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_after_five_failures_no_other_spelling_of_the_account_logs_in(client, world, settings, spelling):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    for _ in range(5):
        attempt(client, "alice", "guess")
    response = attempt(client, spelling, RIGHT, ip="10.0.0.8")
    assert "登入失敗次數過多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_typed_in_full_width_lock_the_plain_spelling_too(client, world, settings):
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    for spelling in SPELLINGS:
        attempt(client, spelling, "guess")
    response = attempt(client, "alice", RIGHT, ip="10.0.0.8")
    assert "登入失敗次數過多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_full_width_spelling_logs_in_while_the_account_is_not_locked(client, world, settings):
    """The control: the spelling itself reaches the account (so the lock above is what stops it)."""
    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    response = attempt(client, "ａｌｉｃｅ", RIGHT)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(world.alice.user.pk)
