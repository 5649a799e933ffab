"""Attachments of a leave request (medical, marriage or death certificates): the shared upload
check of chaiqin/uploads.py (PDF, JPEG or PNG by content, size-limited)."""

from __future__ import annotations

from chaiqin.uploads import Upload, check_upload, max_bytes, read_django_file, sniff  # noqa: F401

MAX_BYTES = max_bytes()


def from_django(files) -> list[Upload]:
    """Checked uploads from Django UploadedFile objects; refuses oversized files before reading them whole."""
    return [read_django_file(f) for f in files]
