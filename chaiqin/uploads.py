"""Uploaded documents (certificates, memos, signed sheets, evidence): one check for every form.

A file is accepted only when its first bytes say it is a PDF, JPEG or PNG (a renamed .exe or
.docx is refused whatever its name) and it is no larger than `max_bytes()` (settings
CHAIQIN_UPLOAD_MAX_BYTES, 5 MB by default).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from chaiqin.errors import ChaiqinError

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


def max_bytes() -> int:
    return int(getattr(settings, "CHAIQIN_UPLOAD_MAX_BYTES", 5 * 1024 * 1024))


def sniff(data: bytes, name: str = "", *, field: str = "attachments") -> str:
    """The true content type of `data` (application/pdf, image/jpeg, image/png).

    Raises ChaiqinError (Chinese, naming the file) for an empty file, one over the size limit,
    or anything that is not a PDF, JPEG or PNG.
    """
    shown = f"「{name}」" if name else ""
    if not data:
        raise ChaiqinError(f"附件{shown}是空的檔案，請重新選擇。", field=field, code="attachment")
    limit = max_bytes()
    if len(data) > limit:
        raise ChaiqinError(f"附件{shown}超過 {limit // (1024 * 1024)} MB 上限，請壓縮後再上傳。", field=field,
                           code="attachment")
    for magic, content_type in _SIGNATURES:
        if data.startswith(magic):
            return content_type
    raise ChaiqinError(f"附件{shown}不是 PDF、JPEG 或 PNG 文件（依檔案內容判斷），請改上傳證明文件之掃描檔。",
                       field=field, code="attachment")


def check_upload(upload: Upload, *, field: str = "attachments") -> Upload:
    """`upload` with its true content type; ChaiqinError if it is too big, empty or not a document."""
    return Upload(upload.name, upload.data, sniff(upload.data, upload.name, field=field))


def read_django_file(f, *, field: str = "attachments") -> Upload:
    """An Upload from a Django UploadedFile, refusing an oversized one before reading it whole."""
    if f.size is not None and f.size > max_bytes():
        raise ChaiqinError(f"附件「{f.name}」超過 {max_bytes() // (1024 * 1024)} MB 上限，請壓縮後再上傳。",
                           field=field, code="attachment")
    return check_upload(Upload(f.name, f.read(max_bytes() + 1), getattr(f, "content_type", "")), field=field)
