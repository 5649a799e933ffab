"""Printable PDFs of the trips forms, laid out as the paper forms (chaiqin/printing.py renders
them with embedded Noto CJK fonts; the templates are in trips/templates/trips/print/).
Each function returns the PDF bytes."""

from __future__ import annotations

from chaiqin.dates import TAIPEI, format_roc, format_roc_datetime
from chaiqin.durations import format_minutes
from chaiqin.printing import form_context, job_title, public_citation, render_pdf

from . import expenses, policy
from .models import MainlandForm, Overseas, Trip


def _basis(citation: str) -> str:
    text = public_citation(citation)
    return f"依據：{text}" if text else ""


def trip_pdf(trip: Trip) -> bytes:
    kind = policy.trip_kind(trip.nature)
    person = trip.person
    rows = [
        ("申請人", f"{person.name}（{person.unit.name}）"), ("職稱", job_title(person)),
        ("考勤代號", person.employee_no), ("公差性質", f"{kind.name}：{kind.nature}"),
        ("公差地點", trip.place), ("公差事由", trip.reason),
        ("公差期間", f"{format_roc_datetime(trip.start)} 至 {format_roc_datetime(trip.end)}"),
        ("簽到退方式", trip.get_sign_mode_display()),
        ("自行填寫加班時數", format_minutes(trip.overtime_minutes) if trip.overtime_minutes else "—"),
        ("代理人", trip.agent.name if trip.agent else "—"),
        ("差旅費", "、".join(f"{i['label']}{'：依規定報支' if i['paid'] else '：不支給'}" for i in policy.expense_items(trip.nature))
         if kind.claim_sheet else "不支給差旅費"),
        ("附件", "、".join(a.name for a in trip.attachments.all()) or trip.attachment_note or "無"),
    ]
    title = kind.form if trip.nature != Trip.Nature.OUTING else "公出單"
    return render_pdf("trips/print/trip.html", form_context(
        title=title, person=person, case=trip.case, rows=rows, notes=[_basis(kind.citation)]))


def claim_sheet_pdf(trip: Trip) -> bytes:
    """國內出差旅費報告表 (差旅費請領報告單): the lines the traveller filled in on the web, the
    totals, the receipts line and the sign-off boxes of the official form."""
    kind = policy.trip_kind(trip.nature)
    person = trip.person
    sheet = expenses.sheet_of(trip)
    return render_pdf("trips/print/claim_sheet.html", form_context(
        title="國內出差旅費報告表", person=person, case=trip.case, landscape=True, trip=trip, kind=kind, sheet=sheet,
        unit_name=person.unit.name, job_title=job_title(person),
        period=f"{format_roc_datetime(trip.start)} 至 {format_roc_datetime(trip.end)}",
        notes=[_basis(kind.citation),
               "" if kind.miscellaneous else "研習出差不支給雜費，交通費、住宿費仍按規定標準報支。"]))


def overseas_pdf(overseas: Overseas) -> bytes:
    person = overseas.person
    rows = [
        ("申請人" if overseas.form == Overseas.Form.APPLICATION else "報備人", person.name),
        ("單位", person.unit.name), ("職稱", job_title(person)), ("考勤代號", person.employee_no),
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
             ("填表日期", format_roc(overseas.created_at.astimezone(TAIPEI).date()))]
    return render_pdf("trips/print/overseas.html", form_context(
        title=overseas.get_form_display(), person=person, case=overseas.case, rows=rows))


def mainland_pdf(form: MainlandForm) -> bytes:
    overseas = form.overseas
    person = overseas.person
    previous = (f"{format_roc(form.previous_start)} 起至 {format_roc(form.previous_end)} 止，共 "
                f"{(form.previous_end - form.previous_start).days + 1} 日") if form.previous_start else "無"
    rows = [
        ("填表日期", format_roc(form.filled_on)), ("單位", person.unit.name),
        ("官職等／職稱", job_title(person)), ("姓名", person.name),
        ("本次申請赴大陸地區起訖日期", f"{format_roc(overseas.start)} 起至 {format_roc(overseas.end)} 止，共 {overseas.days} 日"),
        ("前次赴大陸地區日期", previous), ("本年曾赴大陸地區次數", f"{form.count_this_year} 次"),
        ("赴大陸地區之地點", form.places),
    ]
    questions = [
        (form.q_article_9, "臺灣地區與大陸地區人民關係條例第九條第四項第二款所列人員"),
        (form.q_state_secrets, "國家機密保護法第二十六條第一項所列人員"),
        (form.q_intelligence, "國家情報工作法第三條第一項第三款所列人員"),
        (form.q_special_check, "涉及國家安全或重大利益公務人員特殊查核辦法所公告職務之人員"),
    ]
    purposes = [(form.purpose == value, f"{label}（{MainlandForm.REQUIRED_DOCUMENT[value]}）")
                for value, label in MainlandForm.Purpose.choices]
    documents = [a.name for a in overseas.attachments.all() if a.purpose in ("mainland_document", "mac_registration")]
    return render_pdf("trips/print/mainland.html", form_context(
        title="教職員赴大陸地區申請表", person=person, case=overseas.case, rows=rows, questions=questions,
        purposes=purposes, phone=form.phone_in_mainland, note=form.note, documents=documents))


def return_report_pdf(overseas: Overseas) -> bytes:
    report = overseas.return_report
    person = overseas.person
    yes = lambda flag: "是" if flag else "否"  # noqa: E731
    rows = [
        ("姓名", person.name), ("單位／職稱", f"{person.unit.name}／{job_title(person)}"),
        ("赴大陸地區期間", f"{format_roc(overseas.start)} 至 {format_roc(overseas.end)}（共 {overseas.days} 日）"),
        ("地點", overseas.mainland_form.places if hasattr(overseas, "mainland_form") else overseas.country),
        ("返臺日期", format_roc(report.returned_on)),
        ("在大陸期間是否遭大陸有關單位詢問、盤查或要求提供資料", yes(report.questioned)),
        ("是否與大陸人士有涉及職務之接觸或往來", yes(report.contacted)),
        ("是否有其他異常狀況", yes(report.other_events)), ("說明", report.details),
        ("填報時間", format_roc_datetime(report.filed_at)),
    ]
    context = form_context(title="赴陸人員返臺通報表", person=person, case=overseas.case, rows=rows)
    context["boxes"] = []  # a report filed after the trip: the trip's sign-offs belong to the application
    return render_pdf("trips/print/overseas.html", context)


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
    note = (f"填表說明：本表依{public_citation(notice.route.citation)}辦理。請以電子郵件或傳真至{notice.contact['recipient']} "
            f"{notice.contact['email']}，電話：{notice.contact['phone']}。")
    return render_pdf("trips/print/overseas.html", {
        "title": "教育部國民及學前教育署所屬國立高級中等以下學校校長出境案件通報單", "agency_name": notice.school,
        "number": "", "status": "", "rows": rows, "boxes": [], "notes": [note]})
