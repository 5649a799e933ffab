"""Attachments of a leave request (medical, marriage or death certificates): PDF, JPEG or PNG only,
recognised by their content (magic bytes), not their name, and at most MAX_BYTES."""

from __future__ import annotations

from dataclasses import dataclass

from chaiqin.errors import ChaiqinError

MAX_BYTES = 5 * 1024 * 1024
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes
    content_type: str = ""


def sniff(data: bytes) -> str | None:
    """The content type the bytes really are, or None when not a PDF, JPEG or PNG."""
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            return kind
    return None


def check_upload(upload: Upload) -> Upload:
    """The upload with its true content type; ChaiqinError if it is too big or not a document."""
    if len(upload.data) > MAX_BYTES:
        raise ChaiqinError(f"附件「{upload.name}」超過 {MAX_BYTES // (1024 * 1024)} MB 上限。", field="attachments",
                           code="attachment")
    kind = sniff(upload.data)
    if kind is None:
        raise ChaiqinError(f"附件「{upload.name}」不是 PDF、JPEG 或 PNG 文件（依檔案內容判斷），請改上傳證明文件之掃描檔。",
                           field="attachments", code="attachment")
    return Upload(upload.name, upload.data, kind)


def from_django(files) -> list[Upload]:
    """Uploads from Django UploadedFile objects; refuses oversized files before reading them whole."""
    out = []
    for f in files:
        if f.size > MAX_BYTES:
            raise ChaiqinError(f"附件「{f.name}」超過 {MAX_BYTES // (1024 * 1024)} MB 上限。", field="attachments",
                               code="attachment")
        out.append(Upload(f.name, f.read(), getattr(f, "content_type", "")))
    return out
