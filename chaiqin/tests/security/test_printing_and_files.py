"""Printed forms, uploaded documents and exports under attack.

- Who opens a document (個人資料保護法第6條: a medical certificate is health data): the
  applicant, the deciders of that request and the personnel office; never the agent who covers
  the work, a peer, or another agency (404, as if the file did not exist). Documents are
  downloads with their true content type, never a public /media/ URL.
- Markup typed into a form (`台北<b>市`, `<img src="/etc/passwd">`) prints as text: the PDF
  answers 200, shows the characters, embeds no image and reads no file.
- A text starting with `=`, `+`, `-`, `@`, a tab or a carriage return is never a formula cell
  in an XLSX or ODS export (a WFH log item; a person's name in the balance table).
"""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from chaiqin.tests.pdfs import text_of

from .conftest import MONDAY, PNG, at, client_for

pytestmark = pytest.mark.django_db


def approve_all(case):
    """Approve every step of `case` as its deciders, in order."""
    from chaiqin.workflow import services as workflow
    from chaiqin.workflow.models import Step

    while True:
        case.refresh_from_db()
        if case.status != "pending":
            return case
        step = case.steps.get(status=Step.Status.CURRENT)
        workflow.case_decide(case=case, actor=step.decider, decision="approve")


@pytest.fixture
def sick_leave(world, people, settings):
    """alice's sick leave with a medical certificate; ivy (her peer) is the agent and accepts."""
    from chaiqin.leave import services as leave
    from chaiqin.uploads import Upload

    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    return leave.leave_request_submit(person=world.alice, leave_code="sick", start=at("2026-03-10T08:00"),
                                      end=at("2026-03-10T17:00"), agent=people["ivy"], reason="就醫",
                                      attachments=[Upload("診斷證明書.png", PNG)])


def test_the_agent_of_a_sick_leave_cannot_open_the_medical_certificate(world, people, sick_leave):
    url = reverse("leave:attachment", args=[sick_leave.pk, sick_leave.attachments.get().pk])
    # the agent may still see the request itself (they must know whom they cover, and when)
    assert client_for("ivy").get(reverse("leave:detail", args=[sick_leave.pk])).status_code == 200
    assert client_for("ivy").get(url).status_code == 404
    approve_all(sick_leave.case)  # ivy has now decided the agent step: still not the certificate
    assert client_for("ivy").get(url).status_code == 404
    for name in ("gina", "hank", "leo", "erin"):
        assert client_for(name).get(url).status_code == 404, name
    for name in ("alice", "bob", "diana", "carol"):  # applicant, her two deciders, the personnel office
        response = client_for(name).get(url)
        assert response.status_code == 200, name
        assert response["Content-Type"] == "image/png" and response.content == PNG
        assert response["Content-Disposition"].startswith("attachment;") and "%E8%A8%BA" in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"


def test_a_decider_downloads_missed_punch_evidence_and_mainland_documents_others_get_404(records, world, people):
    evidence = reverse("attendance:missed_punch_evidence", args=[records.missed_punch.pk])
    assert client_for("bob").get(evidence).status_code == 200  # the supervisor decides the missed punch
    assert client_for("bob").get(evidence).content == PNG
    for name in ("ivy", "leo", "gina", "hank"):
        assert client_for(name).get(evidence).status_code == 404, name
    media = "/media/" + records.missed_punch.evidence.name
    assert client_for("alice").get(media).status_code == 404  # never from a public URL
    document = reverse("trips:overseas_attachment", args=[records.overseas.pk, records.overseas_attachment.pk])
    assert client_for("alice").get(document).status_code == 200
    for name in ("ivy", "leo", "gina", "hank"):
        assert client_for(name).get(document).status_code == 404, name


def test_a_printed_cancellation_is_for_those_who_see_the_leave(world, people, sick_leave, settings):
    from chaiqin.leave import services as leave

    approve_all(sick_leave.case)
    # 銷假 is a form of its own (銷假單): the cancellation exists once its chain has approved it
    form = leave.leave_request_cancel(request=sick_leave, actor=world.alice, whole=True, reason="提早康復")
    approve_all(form.case)
    cancellation = sick_leave.cancellations.get()
    url = reverse("leave:cancellation_print", args=[sick_leave.pk, cancellation.pk])
    response = client_for("alice").get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    assert "銷假單" in text and "陳雅婷" in text and "花蓮縣政府" in text and sick_leave.case.number in text
    for name in ("gina", "hank", "leo"):
        assert client_for(name).get(url).status_code == 404, name


MARKUP = ("台北<b>市", '<img src="/etc/passwd"/>', "<img src=x>", '<link rel="stylesheet" href="file:///etc/passwd">')


def test_markup_in_a_trip_prints_as_text_and_reads_no_file(world, settings):
    from chaiqin.trips import services as trips

    settings.CHAIQIN_NOW = "2026-03-09T09:00"
    trip = trips.trip_file(person=world.alice, nature="official", place=MARKUP[0], reason=" ".join(MARKUP[1:]),
                           start=at("2026-03-17T08:00"), end=at("2026-03-17T17:00"))
    client = client_for("alice")
    for name in ("trips:trip_pdf", "trips:claim_pdf"):
        response = client.get(reverse(name, args=[trip.pk]))
        assert response.status_code == 200, name
        assert b"/Subtype /Image" not in response.content and b"root:" not in response.content
        text = text_of(response.content)
        assert "台北<b>市" in text and '<img src="/etc/passwd"/>' in text, name


def test_markup_in_a_work_log_prints_as_text(records):
    from chaiqin.wfh import services as wfh

    log = wfh.wfh_log_submit(actor=records.person, day=MONDAY,
                             items=[{"item": MARKUP[1], "done": MARKUP[2], "progress": "on_track"}])
    response = client_for("alice").get(reverse("wfh:log_pdf", args=[log.pk]))
    assert response.status_code == 200
    assert b"/Subtype /Image" not in response.content
    assert MARKUP[1] in text_of(response.content)


FORMULAS = ("=HYPERLINK(\"https://evil.example/\",\"按此\")", "+1+1", "-2+3", "@SUM(1,2)", "\t=1", "\r=1")


def _xlsx_strings(data: bytes) -> dict[str, str]:
    """Every non-empty cell of every sheet: its value → openpyxl's data type ('s' text, 'f' formula)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    return {str(c.value): c.data_type for ws in book.worksheets for row in ws.iter_rows() for c in row
            if c.value is not None}


def _ods_formulas(data: bytes) -> list[str]:
    from odf.namespaces import TABLENS
    from odf.opendocument import load
    from odf.table import TableCell

    doc = load(io.BytesIO(data))
    return [c.getAttrNS(TABLENS, "formula") for c in doc.spreadsheet.getElementsByType(TableCell)
            if c.getAttrNS(TABLENS, "formula")]


def test_a_work_log_item_starting_with_equals_stays_text_in_the_week_export(records):
    from chaiqin.wfh import services as wfh

    log = wfh.wfh_log_submit(actor=records.person, day=MONDAY,
                             items=[{"item": f, "done": f"x{f}", "progress": "on_track"} for f in FORMULAS])
    response = client_for("alice").get(reverse("wfh:week_xlsx", args=[records.person.pk, MONDAY.isoformat()]))
    assert response.status_code == 200
    cells = _xlsx_strings(response.content)
    stored = [i.item for i in log.items.all()]  # as kept (the form trims leading white space)
    assert stored[0] == FORMULAS[0]
    for text in stored:
        assert text[0] in "=+-@" and cells.get(text) == "s", (text, cells.get(text))
    assert "f" not in cells.values()


def test_a_name_starting_with_equals_stays_text_in_the_balance_exports(world):
    from chaiqin.org.models import Person

    Person.objects.filter(pk=world.alice.pk).update(name=FORMULAS[0])  # as an import of staff could
    client = client_for("carol")
    xlsx = b"".join(client.get(reverse("leave:balance_export", args=["xlsx"])).streaming_content)
    cells = _xlsx_strings(xlsx)
    assert cells.get(FORMULAS[0]) == "s" and "f" not in cells.values()
    ods = b"".join(client.get(reverse("leave:balance_export", args=["ods"])).streaming_content)
    assert _ods_formulas(ods) == [] and FORMULAS[0].encode() in _unzip_content(ods)


def _unzip_content(ods: bytes) -> bytes:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(ods)).read("content.xml").replace(b"&quot;", b'"')


def test_the_form_number_of_each_request_is_on_its_page(records):
    client = client_for("alice")
    for url, number in ((reverse("leave:detail", args=[records.leave.pk]), records.leave.case.number),
                        (reverse("attendance:missed_punch", args=[records.missed_punch.pk]), records.missed_punch.case.number),
                        (reverse("overtime:request", args=[records.overtime.pk]), records.overtime.case.number),
                        (reverse("trips:trip", args=[records.trip.pk]), records.trip.case.number)):
        assert number and number in client.get(url).content.decode(), url
