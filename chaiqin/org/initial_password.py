"""Initial passwords for accounts the personnel office creates (staff import): one-time, changed at first log-in.

Policy (stated on the import page): each new account gets a random one-time password of 16
characters (80 bits), shown once to the personnel office on the import's result page, which hands it
to the person; it is never stored in clear. After logging in with it, every page leads to 變更密碼
until the person chooses their own password (`FirstLoginMiddleware`, `Person.must_change_password`).

Why a fast hash is sound here: key stretching (Argon2, the project's default hasher) protects
passwords people choose, which are guessable. A one-time password is 80 random bits; a salted
SHA-256 of it cannot be searched (2^80 guesses per account), and it lets an import create
10,000 accounts in seconds instead of the quarter of an hour Argon2 needs. Django re-hashes it with
Argon2 at the first log-in, and the person's own password is hashed with Argon2.
"""

from __future__ import annotations

import hashlib
import secrets

from django.contrib import messages
from django.contrib.auth.hashers import BasePasswordHasher, mask_hash
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.crypto import constant_time_compare

from .models import Person

ALGORITHM = "chaiqin_onetime"
# No 0/O, 1/l/I: read aloud or copied from paper without confusion.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
LENGTH = 16


def generate() -> str:
    """A new one-time password, e.g. 'k7p2-x9mq-4tzr-b3nd' (16 random characters in groups of 4)."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(chars[i:i + 4] for i in range(0, LENGTH, 4))


class OneTimePasswordHasher(BasePasswordHasher):
    """Salted SHA-256 for the random one-time passwords of `generate()` only (see the module docstring)."""

    algorithm = ALGORITHM

    def salt(self) -> str:
        return secrets.token_hex(8)

    def encode(self, password: str, salt: str) -> str:
        self._check_encode_args(password, salt)
        digest = hashlib.sha256(f"{salt}${password}".encode()).hexdigest()
        return f"{self.algorithm}${salt}${digest}"

    def decode(self, encoded: str) -> dict:
        algorithm, salt, digest = encoded.split("$", 2)
        assert algorithm == self.algorithm
        return {"algorithm": algorithm, "hash": digest, "salt": salt}

    def verify(self, password: str, encoded: str) -> bool:
        decoded = self.decode(encoded)
        return constant_time_compare(encoded, self.encode(password, decoded["salt"]))

    def safe_summary(self, encoded: str) -> dict:
        decoded = self.decode(encoded)
        return {"演算法": decoded["algorithm"], "鹽值": mask_hash(decoded["salt"]), "雜湊": mask_hash(decoded["hash"])}

    def harden_runtime(self, password: str, encoded: str) -> None:
        pass


_HASHER = OneTimePasswordHasher()


def encode(password: str) -> str:
    """The stored form of a one-time password (for User.password)."""
    return _HASHER.encode(password, _HASHER.salt())


def on_initial_password(user) -> bool:
    """True while `user`'s person has not yet replaced the one-time password the personnel office handed out."""
    person = getattr(user, "person", None) if user is not None and user.is_authenticated else None
    return bool(person is not None and person.must_change_password)


_ALLOWED_NAMES = {"password_change", "password_change_done", "logout", "login"}


class FirstLoginMiddleware:
    """Until a person replaces their one-time password, every page leads to 變更密碼 (the API answers 403).

    The mark is `Person.must_change_password` (the hash cannot carry it: Django re-hashes a password
    with the preferred hasher at the first log-in); it is cleared when 變更密碼 succeeds.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (request.method == "POST" and match is not None and match.url_name == "password_change"
                and response.status_code == 302 and on_initial_password(request.user)):
            Person.objects.filter(pk=request.user.person.pk).update(must_change_password=False)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not on_initial_password(getattr(request, "user", None)):
            return None
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name in _ALLOWED_NAMES:
            return None
        message = "您仍使用人事室發給的初始密碼：請先變更密碼再使用系統。"
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message, "citation": ""}, status=403)
        messages.warning(request, message)
        return redirect("password_change")
