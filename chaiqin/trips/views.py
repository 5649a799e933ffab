"""Pages of trips and overseas travel. Thin: parse, permission helper, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from chaiqin import attachments, clock, printing
from chaiqin.dates import school_year_of
from chaiqin.errors import ChaiqinError
from chaiqin.org import access
from chaiqin.web.pages import render_page
from chaiqin.web.refusals import attempt
from chaiqin.workflow import selectors as workflow_selectors

from . import expenses, forms, pdf, policy, selectors, services
from .models import Overseas


def _upload(file, purpose: str = "other") -> tuple[services.Upload, ...]:
    if not file:
        return ()
    return (services.Upload(file.name, file.read(policy.max_attachment_bytes() + 1), purpose),)


def _pdf(data: bytes, name: str, form) -> HttpResponse:
    return printing.pdf_response(data, name=name, number=form.case.number if form.case_id else "")


@login_required
def home(request):
    me = access.person_of(request.user)
    return render_page(request, "trips/home.html", "trips", me=me, trips=selectors.trips_of(me),
                 overseas_list=selectors.overseas_of(me),
                 missing=list(selectors.return_reports_missing(person=me)),
                 is_teacher=me.post == me.Post.TEACHER, is_personnel="personnel" in access.roles_of(me))


@login_required
def trip_new(request):
    me = access.person_of(request.user)
    form = forms.TripForm(request.POST or None, request.FILES or None, person=me)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with attempt(request, form, message=True) as outcome:
            trip = services.trip_file(
                person=me, nature=data["nature"], place=data["place"], reason=data["reason"], start=data["start"],
                end=data["end"], sign_mode=data["sign_mode"], agent=data["agent"],
                overtime_minutes=int((data["overtime_hours"] or 0) * 60), attachment_note=data["attachment_note"],
                uploads=_upload(data["attachment"], "memo"),
            )
        if outcome.ok:
            messages.success(request, f"已送出{trip.get_nature_display()}申請。")
            return redirect("trips:trip", trip_id=trip.pk)
    return render_page(request, "trips/trip_form.html", "trips", form=form, kinds=policy.trip_kinds())


def _trip_initial(trip) -> dict:
    return {"nature": trip.nature, "place": trip.place, "reason": trip.reason, "start": trip.start, "end": trip.end,
            "sign_mode": trip.sign_mode, "agent": trip.agent_id, "attachment_note": trip.attachment_note,
            "overtime_hours": trip.overtime_minutes / 60 if trip.overtime_minutes else None}


@login_required
def trip_edit(request, trip_id: int):
    """A returned 出差單／公出: the applicant corrects it and sends it again into the same case."""
    trip = selectors.trip_get_for(request.user, trip_id)
    me = access.person_of(request.user)
    if not workflow_selectors.correctable_by(trip.case, trip.person_id, me):
        messages.error(request, "只有申請人可以修正被退回的出差單。")
        return redirect("trips:trip", trip_id=trip.pk)
    form = forms.TripForm(request.POST or None, request.FILES or None, person=me, initial=_trip_initial(trip),
                          fixed_nature=trip.nature)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with attempt(request, form, message=True) as outcome:
            services.trip_resubmit(
                actor=me, trip=trip, place=data["place"], reason=data["reason"], start=data["start"], end=data["end"],
                sign_mode=data["sign_mode"], agent=data["agent"],
                overtime_minutes=int((data["overtime_hours"] or 0) * 60), attachment_note=data["attachment_note"],
                uploads=_upload(data["attachment"], "memo"),
                remove_attachments=tuple(int(x) for x in request.POST.getlist("remove_attachment") if x.isdigit()))
        if outcome.ok:
            messages.success(request, f"已修正並重新送出{trip.get_nature_display()}。")
            return redirect("trips:trip", trip_id=trip.pk)
    return render_page(request, "trips/trip_form.html", "trips", form=form, kinds=policy.trip_kinds(), editing=trip,
                 attachments=trip.attachments.defer("data"), returned_note=workflow_selectors.return_reason(trip.case))


@login_required
def trip_detail(request, trip_id: int):
    trip = selectors.trip_get_for(request.user, trip_id)
    kind = policy.trip_kind(trip.nature)
    me = access.person_of(request.user)
    may_correct = workflow_selectors.correctable_by(trip.case, trip.person_id, me)
    return render_page(request, "trips/trip_detail.html", "trips", trip=trip, kind=kind, may_correct=may_correct,
                 returned_note=workflow_selectors.return_reason(trip.case) if may_correct else "",
                 items=policy.expense_items(trip.nature), attachments=trip.attachments.all(),
                 sheet=expenses.sheet_of(trip) if kind.claim_sheet else None,
                 day_offs=services.day_off_dates(trip.person.agency, trip.start, trip.end),
                 duration=services.format_minutes(services.work_minutes(trip.person.agency, trip.start, trip.end)))


@login_required
def trip_pdf(request, trip_id: int):
    trip = selectors.trip_get_for(request.user, trip_id)
    return _pdf(pdf.trip_pdf(trip), policy.trip_kind(trip.nature).form if trip.nature != "outing" else "公出單", trip)


def _document(request, form, attachment_id: int) -> HttpResponse:
    attachments.check_may_open(request.user, owner=form.person, case=form.case)
    item = form.attachments.filter(pk=attachment_id).first()
    if item is None:
        raise Http404(attachments.NOT_FOUND)
    return attachments.file_response(bytes(item.data), name=item.name, content_type=item.content_type)


@login_required
def trip_attachment(request, trip_id: int, trip_attachment_id: int):
    return _document(request, selectors.trip_get_for(request.user, trip_id), trip_attachment_id)


@login_required
def overseas_attachment(request, overseas_id: int, overseas_attachment_id: int):
    return _document(request, selectors.overseas_get_for(request.user, overseas_id), overseas_attachment_id)


@login_required
def trip_expenses(request, trip_id: int):
    """The travel-expense sheet filled in on the web, one line per day (the traveller only)."""
    trip = selectors.trip_get_for(request.user, trip_id)
    me = access.person_of(request.user)
    kind = policy.trip_kind(trip.nature)
    if trip.person_id != me.pk or not kind.claim_sheet:
        raise Http404("只有出差人本人可以填寫差旅費報告表。")
    sheet = expenses.sheet_of(trip)
    initial = [{"day": line.day, "route": line.route, "work": line.work, "receipts": line.receipts,
                **({name: getattr(line, name) for name in forms.ExpenseLineForm.AMOUNTS} if sheet.filled else {})}
               for line in sheet.lines]
    formset = forms.ExpenseLineFormSet(request.POST or None, initial=initial, prefix="lines")
    if request.method == "POST" and formset.is_valid():
        lines = [services.ExpenseInput(**f.values()) for f in formset.forms
                 if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        with attempt(request) as outcome:
            services.trip_expenses_save(actor=me, trip=trip, lines=lines)
        if outcome.ok:
            messages.success(request, "已儲存差旅費報告表。")
            return redirect("trips:trip", trip_id=trip.pk)
    return render_page(request, "trips/expenses.html", "trips", trip=trip, kind=kind, formset=formset, sheet=sheet)


@login_required
def claim_pdf(request, trip_id: int):
    trip = selectors.trip_get_for(request.user, trip_id)
    if not policy.trip_kind(trip.nature).claim_sheet:
        raise Http404("公出不產製差旅費請領報告單。")
    return _pdf(pdf.claim_sheet_pdf(trip), "國內出差旅費報告表", trip)


def _save_overseas(request, me, form, form_kind: str, overseas: Overseas | None = None) -> Overseas | None:
    """overseas_save with what the form parsed; None (and the refusal on the form) when refused."""
    data = form.cleaned_data
    extra = {}
    if isinstance(form, forms.ApplicationForm):
        extra = dict(has_classes=data["has_classes"], agent=data["agent"], agent_start=data["agent_start"],
                     agent_end=data["agent_end"], agent_phone=data["agent_phone"], leave_lines=form.leave_lines())
    saved = None
    with attempt(request, form, message=True):
        saved = services.overseas_save(
            person=me, form=form_kind, category=data["category"], destination=data["destination"],
            country=data["country"], start=data["start"], end=data["end"], reason=data["reason"],
            attachment_note=data["attachment_note"], overseas=overseas,
            uploads=_upload(data["attachment"], data["attachment_purpose"] or "other"), **extra)
    return saved


@login_required
def overseas_new(request, form_kind: str):
    me = access.person_of(request.user)
    if form_kind not in Overseas.Form.values:
        raise Http404()
    form_class = forms.ApplicationForm if form_kind == Overseas.Form.APPLICATION else forms.OverseasForm
    kwargs = {"person": me} if form_class is forms.ApplicationForm else {}
    form = form_class(request.POST or None, request.FILES or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        overseas = _save_overseas(request, me, form, form_kind)
        if overseas is not None:
            return _try_submit(request, me, overseas)
    label = Overseas.Form(form_kind).label
    return render_page(request, "trips/overseas_form.html", "trips", form=form, label=label, form_kind=form_kind)


def _overseas_initial(overseas: Overseas) -> dict:
    initial = {name: getattr(overseas, name) for name in (
        "category", "destination", "country", "start", "end", "reason", "attachment_note", "agent_start", "agent_end",
        "agent_phone")}
    initial.update(has_classes="1" if overseas.has_classes else "0", agent=overseas.agent_id)
    for line in overseas.leave_lines.all():
        initial.update({f"leave{line.order}_code": line.leave_code, f"leave{line.order}_start": line.start,
                        f"leave{line.order}_end": line.end})
    return initial


@login_required
def overseas_edit(request, overseas_id: int):
    """A draft or a returned overseas form: the applicant corrects every field and its leave lines
    (overseas_save, the checks of the form) and sends it again (overseas_submit, the checks of 送出)."""
    overseas = selectors.overseas_get_for(request.user, overseas_id)
    me = access.person_of(request.user)
    if overseas.person_id != me.pk or (overseas.case is not None and overseas.case.status != "returned"):
        messages.error(request, "只有申請人可以修改草稿或被退回的出國表單。")
        return redirect("trips:overseas", overseas_id=overseas.pk)
    application = overseas.form == Overseas.Form.APPLICATION
    form_class = forms.ApplicationForm if application else forms.OverseasForm
    kwargs = {"person": me} if application else {}
    form = form_class(request.POST or None, request.FILES or None, initial=_overseas_initial(overseas), **kwargs)
    if request.method == "POST" and form.is_valid():
        saved = _save_overseas(request, me, form, overseas.form, overseas=overseas)
        if saved is not None:
            return _try_submit(request, me, saved)
    return render_page(request, "trips/overseas_form.html", "trips", form=form, label=overseas.get_form_display(),
                 form_kind=overseas.form, editing=overseas,
                 returned_note=workflow_selectors.return_reason(overseas.case) if overseas.case_id else "")


@login_required
@require_POST
def overseas_delete(request, overseas_id: int):
    overseas = selectors.overseas_get_for(request.user, overseas_id)
    if request.POST.get("confirm") != "1":
        messages.error(request, "請勾選「確定刪除此草稿」後再按刪除。")
        return redirect("trips:overseas", overseas_id=overseas.pk)
    with attempt(request) as outcome:
        services.overseas_draft_delete(actor=access.person_of(request.user), overseas=overseas)
    if not outcome.ok:
        return redirect("trips:overseas", overseas_id=overseas.pk)
    messages.success(request, f"已刪除{overseas.get_form_display()}草稿。")
    return redirect("trips:home")


def _try_submit(request, me, overseas: Overseas):
    kept = "修正內容已儲存，補齊後請按「重新送出」" if overseas.case_id else "已存為草稿，補齊後請按「送出申請」"
    with attempt(request, suffix=f"（{kept}）") as outcome:
        services.overseas_submit(actor=me, overseas=overseas)
    if not outcome.ok:
        if outcome.error.code == "mainland_form_missing":
            return redirect("trips:mainland", overseas_id=overseas.pk)
    else:
        messages.success(request, f"已送出{overseas.get_form_display()}。")
    return redirect("trips:overseas", overseas_id=overseas.pk)


@login_required
def overseas_detail(request, overseas_id: int):
    overseas = selectors.overseas_get_for(request.user, overseas_id)
    me = access.person_of(request.user)
    mine = overseas.person_id == me.pk
    editable = mine and (overseas.case is None or overseas.case.status == "returned")
    returned_note = workflow_selectors.return_reason(overseas.case) if overseas.case_id and editable else ""
    mainland = getattr(overseas, "mainland_form", None) if overseas.destination == "mainland" else None
    report = getattr(overseas, "return_report", None)
    return render_page(
        request, "trips/overseas_detail.html", "trips", overseas=overseas, mine=mine, editable=editable,
        mainland=mainland, report=report, lines=overseas.leave_lines.all(), returned_note=returned_note, attachments=overseas.attachments.all(),
        attach_form=forms.AttachmentForm(), is_principal=selectors.is_school_principal(overseas.person),
        due=services.return_report_due(overseas) if overseas.destination == "mainland" else None,
        may_report=mine and overseas.destination == "mainland" and report is None and overseas.case is not None
        and overseas.case.status == "approved",
    )


@login_required
@require_POST
def overseas_submit(request, overseas_id: int):
    overseas = selectors.overseas_get_for(request.user, overseas_id)
    return _try_submit(request, access.person_of(request.user), overseas)


@login_required
@require_POST
def overseas_attach(request, overseas_id: int):
    overseas = selectors.overseas_get_for(request.user, overseas_id)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "請選擇附件用途與檔案。")
    else:
        with attempt(request) as outcome:
            services.attachment_add(actor=access.person_of(request.user), owner=overseas,
                                    upload=_upload(form.cleaned_data["attachment"], form.cleaned_data["purpose"])[0])
        if outcome.ok:
            messages.success(request, "已上傳附件。")
    return redirect("trips:overseas", overseas_id=overseas.pk)


@login_required
def mainland_edit(request, overseas_id: int):
    overseas = selectors.overseas_get_for(request.user, overseas_id)
    me = access.person_of(request.user)
    existing = getattr(overseas, "mainland_form", None)
    initial = {}
    if existing is not None:
        initial = {f: getattr(existing, f) for f in forms.MainlandFormForm.base_fields if f != "document"}
    form = forms.MainlandFormForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        document = data.pop("document")
        with attempt(request, form, message=True) as outcome:
            services.mainland_form_save(actor=me, overseas=overseas, uploads=_upload(document, "mainland_document"),
                                        **data)
        if outcome.ok:
            messages.success(request, "已儲存赴大陸地區申請表。")
            return redirect("trips:overseas", overseas_id=overseas.pk)
    return render_page(request, "trips/mainland_form.html", "trips", form=form, overseas=overseas)


@login_required
def return_report(request, overseas_id: int):
    overseas = selectors.overseas_get_for(request.user, overseas_id)
    form = forms.ReturnReportForm(request.POST or None,
                                  initial={"returned_on": services._local(overseas.end).date()})
    if request.method == "POST" and form.is_valid():
        with attempt(request, form, message=True) as outcome:
            services.return_report_file(actor=access.person_of(request.user), overseas=overseas, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, "已填報赴陸人員返臺通報表。")
            return redirect("trips:overseas", overseas_id=overseas.pk)
    return render_page(request, "trips/return_report.html", "trips", form=form, overseas=overseas,
                 due=services.return_report_due(overseas))


@login_required
def overseas_pdf(request, overseas_id: int):
    overseas = selectors.overseas_get_for(request.user, overseas_id)
    return _pdf(pdf.overseas_pdf(overseas), overseas.get_form_display(), overseas)


@login_required
def mainland_pdf(request, overseas_id: int):
    overseas = selectors.overseas_get_for(request.user, overseas_id)
    form = getattr(overseas, "mainland_form", None)
    if form is None:
        raise Http404("尚未填寫赴大陸地區申請表。")
    return _pdf(pdf.mainland_pdf(form), "赴大陸地區申請表", overseas)


@login_required
def return_pdf(request, overseas_id: int):
    overseas = selectors.overseas_get_for(request.user, overseas_id)
    if getattr(overseas, "return_report", None) is None:
        raise Http404("尚未填報返臺通報表。")
    return _pdf(pdf.return_report_pdf(overseas), "赴陸人員返臺通報表", overseas)


@login_required
def principal_notice_pdf(request, overseas_id: int):
    overseas = selectors.overseas_get_for(request.user, overseas_id)
    try:
        notice = selectors.principal_notice(overseas)
    except ChaiqinError as exc:  # not a refused action: this case has no such notice, so the URL is not found
        raise Http404(exc.message) from None
    return _pdf(pdf.principal_notice_pdf(notice), "校長出境案件通報單", overseas)


@login_required
def breaks(request):
    me = access.person_of(request.user)
    form = forms.BreakPeriodForm(request.POST or None, initial={"school_year": school_year_of(clock.today())})
    if request.method == "POST" and form.is_valid():
        with attempt(request, form, message=True) as outcome:
            services.break_period_set(actor=me, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, "已設定寒暑假期間。")
            return redirect("trips:breaks")
    year = school_year_of(clock.today())
    periods = services.break_periods(me.agency, year)
    return render_page(request, "trips/breaks.html", "trips", form=form, year=year, periods=sorted(periods.items()),
                 citation=policy.break_citation())
