"""Every upload endpoint (leave certificates on the page and the API, the missed-punch evidence,
the signed paper overtime sheet, overseas attachments on the page and the API) refuses a renamed
executable, a file over the size limit and an empty file with a Chinese message, and saves
nothing: no row, no file on disk (one check for all: chaiqin/uploads.py)."""

from __future__ import annotations

import base64
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from .conftest import at, client_for, snapshot

pytestmark = pytest.mark.django_db

LIMIT = 4096
BAD = {
    "renamed executable": (b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 200, "不是 PDF、JPEG 或 PNG"),
    "oversized": (b"%PDF-1.7\n" + b"0" * (LIMIT * 2), "上限"),
    "empty": (b"", "空的"),
}


def _files(root) -> list:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def paper_slot(world, settings):
    """An approved paper-signed overtime slot of alice on 2026-03-05 evening, claimable on 2026-03-06."""
    from chaiqin.overtime import services
    from chaiqin.workflow import services as workflow

    settings.CHAIQIN_NOW = "2026-03-05T09:00"
    req = services.overtime_request_submit(applicant=world.alice, reason="預算書彙整", work_items="彙整各科預算",
                                           slots=[services.PlannedSlot(world.alice, at("2026-03-05T18:00"),
                                                                       at("2026-03-05T20:00"))], paper_sign=True)
    for step in req.case.steps.order_by("order"):
        workflow.case_decide(case=req.case, actor=step.decider, decision="approve")
    return req.slots.get()


def test_every_upload_endpoint_refuses_bad_files_in_chinese_and_saves_nothing(records, paper_slot, world, settings):
    settings.CHAIQIN_UPLOAD_MAX_BYTES = LIMIT
    settings.CHAIQIN_NOW = "2026-03-06T09:00"
    media = settings.MEDIA_ROOT
    client = client_for("alice")
    files_before, rows_before = _files(media), snapshot()

    def page(url, data, field, content, name):
        return client.post(url, {**data, field: SimpleUploadedFile(name, content, "application/pdf")}, follow=True)

    endpoints = {
        "leave page": lambda content, name: page(
            "/leave/new/", {"leave_code": "personal", "start_date": "2026-03-23", "start_time": "08:00",
                            "end_date": "2026-03-23", "end_time": "17:00", "agent": world.bob.pk, "reason": "事"},
            "attachments", content, name),
        "leave API": lambda content, name: client.post(
            "/api/leave/requests", json.dumps({
                "leave_code": "personal", "start": "2026-03-23T08:00", "end": "2026-03-23T17:00",
                "agent_id": world.bob.pk, "reason": "事",
                "attachments": [{"name": name, "content_base64": base64.b64encode(content).decode()}]}),
            content_type="application/json"),
        "missed-punch evidence": lambda content, name: page(
            "/attendance/missed-punch/new/", {"at": "2026-03-05 08:00", "direction": "in", "reason": "忘記刷卡"},
            "evidence", content, name),
        "paper overtime sheet": lambda content, name: page(
            f"/overtime/slots/{paper_slot.pk}/claim/", {"compensation": "comp_time", "minutes": 120},
            "sheet", content, name),
        "overseas attachment page": lambda content, name: page(
            f"/trips/overseas/{records.overseas.pk}/attach/", {"purpose": "other"}, "attachment", content, name),
        "overseas attachment API": lambda content, name: client.post(
            f"/api/trips/overseas/{records.overseas.pk}/attachments",
            {"purpose": "other", "file": SimpleUploadedFile(name, content, "application/pdf")}),
    }
    wrong = []
    for endpoint, send in endpoints.items():
        for what, (content, message) in BAD.items():
            response = send(content, "證明文件.pdf")
            text = response.content.decode()
            if response["Content-Type"].startswith("application/json"):
                text = json.loads(text).get("detail", "")
            if response.status_code >= 500 or message not in text:
                wrong.append(f"{endpoint} / {what}: {response.status_code} {text[:200]!r}")
    assert not wrong, "\n".join(wrong)
    assert _files(media) == files_before
    assert snapshot() == rows_before


def test_a_good_scan_is_still_accepted_everywhere_it_was(records, world, settings):
    """The control: a real PNG goes through the missed-punch form and is stored from the checked bytes."""
    from chaiqin.attendance.models import MissedPunch

    settings.CHAIQIN_NOW = "2026-03-06T09:00"
    client = client_for("alice")
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
    response = client.post("/attendance/missed-punch/new/", {"at": "2026-03-05 17:30", "direction": "out",
                                                             "reason": "忘記刷卡",
                                                             "evidence": SimpleUploadedFile("line.png", png)})
    assert response.status_code == 302
    made = MissedPunch.objects.latest("pk")
    assert made.evidence.read() == png
