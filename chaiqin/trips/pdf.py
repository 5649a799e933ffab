"""Printable PDFs of the trips forms, laid out as label/value tables like the paper forms.

reportlab's built-in CID font MSung-Light (Traditional Chinese) needs no font file.
Each function returns the PDF bytes.
"""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from chaiqin.dates import TAIPEI, format_roc, format_roc_datetime
from chaiqin.durations import format_minutes

from . import policy
from .models import MainlandForm, Overseas, Trip

FONT = "MSung-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
_TITLE = ParagraphStyle("title", fontName=FONT, fontSize=15, leading=20, alignment=1, spaceAfter=6)
_CELL = ParagraphStyle("cell", fontName=FONT, fontSize=10, leading=13)
_NOTE = ParagraphStyle("note", fontName=FONT, fontSize=8.5, leading=11)


def _p(text) -> Paragraph:
    return Paragraph(str(text if text not in (None, "") else "—").replace("\n", "<br/>"), _CELL)


def _table(rows: list[list], widths: list[float]) -> Table:
    table = Table([[_p(c) for c in row] for row in rows], colWidths=widths)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f0f0f0")),
    ]))
    return table


def _document(title: str, subtitle: str, parts: list) -> bytes:
    buffer = BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm, title=title)
    story = [Paragraph(subtitle, _TITLE), Paragraph(title, _TITLE), Spacer(1, 4 * mm)] + parts
    doc.build(story)
    return buffer.getvalue()


def _facts(rows: list[tuple[str, object]]) -> Table:
    return _table([[label, value] for label, value in rows], [45 * mm, 135 * mm])


def _status(form) -> str:
    return form.case.get_status_display() if form.case_id else "草稿（尚未送出）"


def trip_pdf(trip: Trip) -> bytes:
    kind = policy.trip_kind(trip.nature)
    person = trip.person
    rows = [
        ("申請人", f"{person.name}（{person.unit.name}）"), ("職稱", person.title or person.get_post_display()),
        ("考勤代號", person.employee_no), ("公差性質", f"{kind.name}：{kind.nature}"),
        ("公差地點", trip.place), ("公差事由", trip.reason),
        ("公差期間", f"{format_roc_datetime(trip.start)} 至 {format_roc_datetime(trip.end)}"),
        ("簽到退方式", trip.get_sign_mode_display()),
        ("自行填寫加班時數", f"{trip.overtime_minutes // 60}時{trip.overtime_minutes % 60}分" if trip.overtime_minutes else "—"),
        ("代理人", trip.agent.name if trip.agent else "—"),
        ("差旅費", "、".join(f"{i['label']}{'：依規定報支' if i['paid'] else '：不支給'}" for i in policy.expense_items(trip.nature))
         if kind.claim_sheet else "不支給差旅費"),
        ("附件", trip.attachment_note or "、".join(a.name for a in trip.attachments.all()) or "無"),
        ("簽核狀態", _status(trip)),
    ]
    return _document(kind.form if trip.nature != Trip.Nature.OUTING else "公出單", person.agency.name,
                     [_facts(rows), Spacer(1, 3 * mm), Paragraph(f"依據：{kind.citation}", _NOTE)])


def claim_sheet_pdf(trip: Trip) -> bytes:
    """差旅費請領報告單: one row per day of the trip, with the items this kind may claim."""
    kind = policy.trip_kind(trip.nature)
    person = trip.person
    paid = {i["item"]: i["paid"] for i in policy.expense_items(trip.nature)}
    header = ["日期", "起訖地點", "工作記要", "交通費", "住宿費", "雜費", "備註"]
    rows = [header]
    first, last = trip.start.astimezone(TAIPEI).date(), (trip.end.astimezone(TAIPEI) - timedelta(microseconds=1)).date()
    day = first
    while day <= last:
        rows.append([format_roc(day), trip.place, trip.reason,
                     "" if paid["transport"] else "不支給",
                     "" if paid["lodging"] else "不支給",
                     "" if paid["miscellaneous"] else "不支給（研習出差）",
                     ""])
        day += timedelta(days=1)
    rows.append(["合計", "", "", "", "", "", ""])
    table = _table(rows, [20 * mm, 28 * mm, 46 * mm, 20 * mm, 20 * mm, 28 * mm, 18 * mm])
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f0f0f0"))]))
    facts = _facts([
        ("出差人", f"{person.name}（{person.unit.name}，{person.title or person.get_post_display()}）"),
        ("出差性質", kind.name), ("出差事由", trip.reason),
        ("出差期間", f"{format_roc_datetime(trip.start)} 至 {format_roc_datetime(trip.end)}"),
        ("雜費", "依規定支給" if kind.miscellaneous else "不支給雜費（研習出差）"),
    ])
    return _document("差旅費請領報告單", person.agency.name, [
        facts, Spacer(1, 4 * mm), table, Spacer(1, 3 * mm),
        Paragraph(f"依據：{kind.citation}。金額由出差人依國內出差旅費報支標準填寫，會計單位審核。", _NOTE),
        Spacer(1, 8 * mm), _table([["出差人", "單位主管", "人事單位", "會計單位", "機關首長"], ["", "", "", "", ""]],
                                  [36 * mm] * 5),
    ])


def overseas_pdf(overseas: Overseas) -> bytes:
    person = overseas.person
    rows = [
        ("申請人" if overseas.form == Overseas.Form.APPLICATION else "報備人", person.name),
        ("單位", person.unit.name), ("職稱", person.title or person.get_post_display()), ("考勤代號", person.employee_no),
        ("出國類別", overseas.get_category_display()),
        ("預定前往國家", f"{overseas.get_destination_display()} {overseas.country}".strip()),
        ("預定出國期間（含假日）", f"{format_roc_datetime(overseas.start)} 至 {format_roc_datetime(overseas.end)}，共計 {overseas.days} 日"),
        ("事由", overseas.reason),
    ]
    if overseas.form == Overseas.Form.APPLICATION:
        rows.append(("請假期間有無課務", "是" if overseas.has_classes else "否"))
        for line in overseas.leave_lines.all():
            rows.append((f"請假類別{line.order}", f"{line.leave_name} {format_roc_datetime(line.start)} 至 "
                                                  f"{format_roc_datetime(line.end)}（{format_minutes(line.minutes)}）"))
        agent = "—"
        if overseas.agent:
            agent = overseas.agent.name
            if overseas.agent_start and overseas.agent_end:
                agent += f"，代理時間 {format_roc_datetime(overseas.agent_start)} 至 {format_roc_datetime(overseas.agent_end)}"
        rows.append(("職務代理人", agent))
    rows += [("附件", "、".join(f"{a.get_purpose_display()}：{a.name}" for a in overseas.attachments.all()) or "無"),
             ("填表日期", format_roc(overseas.created_at.astimezone(TAIPEI).date())), ("簽核狀態", _status(overseas))]
    return _document(overseas.get_form_display(), person.agency.name, [_facts(rows)])


def mainland_pdf(form: MainlandForm) -> bytes:
    overseas = form.overseas
    person = overseas.person
    box = lambda flag: "■" if flag else "□"  # noqa: E731
    previous = (f"{format_roc(form.previous_start)} 起至 {format_roc(form.previous_end)} 止，共 "
                f"{(form.previous_end - form.previous_start).days + 1} 日") if form.previous_start else "無"
    rows = [
        ("填表日期", format_roc(form.filled_on)), ("單位", person.unit.name),
        ("官職等／職稱", person.title or person.get_post_display()), ("姓名", person.name),
        ("本次申請赴大陸地區起訖日期", f"{format_roc(overseas.start)} 起至 {format_roc(overseas.end)} 止，共 {overseas.days} 日"),
        ("前次赴大陸地區日期", previous), ("本年曾赴大陸地區次數", f"{form.count_this_year} 次"),
        ("赴大陸地區之地點", form.places),
        ("最近三年內是否曾為下列人員", "\n".join([
            f"{box(form.q_article_9)} 臺灣地區與大陸地區人民關係條例第九條第四項第二款所列人員",
            f"{box(form.q_state_secrets)} 國家機密保護法第二十六條第一項所列人員",
            f"{box(form.q_intelligence)} 國家情報工作法第三條第一項第三款所列人員",
            f"{box(form.q_special_check)} 涉及國家安全或重大利益公務人員特殊查核辦法所公告職務之人員",
        ])),
        ("事由／檢附文件", "\n".join(f"{box(form.purpose == value)} {label}（{MainlandForm.REQUIRED_DOCUMENT[value]}）"
                                    for value, label in MainlandForm.Purpose.choices)),
        ("在大陸聯絡電話", form.phone_in_mainland), ("備考", form.note),
    ]
    signatures = _table([["申請人", "單位主管"], ["", ""], ["政風單位", "批示"], ["", ""], ["人事單位", "核稿"], ["", ""]],
                        [90 * mm, 90 * mm])
    return _document("教職員赴大陸地區申請表", person.agency.name, [_facts(rows), Spacer(1, 4 * mm), signatures])


def return_report_pdf(overseas: Overseas) -> bytes:
    report = overseas.return_report
    person = overseas.person
    yes = lambda flag: "是" if flag else "否"  # noqa: E731
    rows = [
        ("姓名", person.name), ("單位／職稱", f"{person.unit.name}／{person.title or person.get_post_display()}"),
        ("赴大陸地區期間", f"{format_roc(overseas.start)} 至 {format_roc(overseas.end)}（共 {overseas.days} 日）"),
        ("地點", overseas.mainland_form.places if hasattr(overseas, "mainland_form") else overseas.country),
        ("返臺日期", format_roc(report.returned_on)),
        ("在大陸期間是否遭大陸有關單位詢問、盤查或要求提供資料", yes(report.questioned)),
        ("是否與大陸人士有涉及職務之接觸或往來", yes(report.contacted)),
        ("是否有其他異常狀況", yes(report.other_events)), ("說明", report.details),
        ("填報時間", format_roc_datetime(report.filed_at)),
    ]
    return _document("赴陸人員返臺通報表", person.agency.name, [_facts(rows)])


def principal_notice_pdf(notice) -> bytes:
    rows = [
        ("學校名稱", notice.school), ("校長姓名", notice.principal), ("前往國家或地區", notice.destination),
        ("事由", notice.reason),
        ("起迄日期", f"自 {format_roc(notice.start)} 至 {format_roc(notice.end)} 止 計 {notice.days} 日"),
        ("假別", notice.leave_names),
        ("職務代理人", f"職稱：{notice.agent_title or '—'}　姓名：{notice.agent_name or '—'}　電話：{notice.agent_phone or '—'}"),
        ("負責填報人員", f"人事室：{notice.clerk_name or '—'}"),
        ("通報方式", notice.route.label),
    ]
    note = (f"填表說明：本表依{notice.route.citation}辦理。請以電子郵件或傳真至{notice.contact['recipient']} "
            f"{notice.contact['email']}，電話：{notice.contact['phone']}。")
    return _document("教育部國民及學前教育署所屬國立高級中等以下學校校長出境案件通報單", "",
                     [_facts(rows), Spacer(1, 3 * mm), Paragraph(note, _NOTE)])
