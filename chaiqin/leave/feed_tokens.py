"""iCalendar subscription tokens: random, kept only as a digest, naming nobody.

A calendar program cannot log in, so the feed's link is its own key. It is 32 random bytes
(secrets.token_urlsafe, 256 bits): nothing to forge and nothing to read a person's id from,
unlike a signed id (whose key, under the development settings, is public). The database keeps
SHA-256 of it; a fast digest is enough for a token this long (no dictionary to try), and it
lets the feed find the row by an indexed column.
"""

from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 32


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def new_token() -> tuple[str, str]:
    """(token, its digest)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, digest_of(token)
