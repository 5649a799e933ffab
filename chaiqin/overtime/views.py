"""Overtime pages: my requests and slots, asking, signing in/out, claiming, the monthly sheet
and its XLSX, the exceptional-requests report list. Thin views."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from chaiqin import attachments, clock, printing, rules, spreadsheets
from chaiqin.org import access
from chaiqin.org.wording import in_own_words
from chaiqin.trips.models import Trip
from chaiqin.web.pages import month_param, render_page
from chaiqin.web.refusals import attempt
from chaiqin.workflow import selectors as workflow_selectors

from . import days_off, exports, pdf, selectors, services
from .forms import ClaimForm, OvertimeRequestForm
from .models import OvertimeSlot


@login_required
def home(request):
    me = access.person_of(request.user)
    slots = list(selectors.my_slots(me))
    for s in slots:
        s.deadline = services.claim_deadline(s)
    figures = rules.overtime_filing_figures(clock.today())
    choices = dict(OvertimeSlot.Compensation.choices)
    return render_page(request, "overtime/home.html", "overtime", me=me, slots=slots,
                 requests=me.overtime_requests.select_related("case")[:20],
                 is_personnel="personnel" in access.roles_of(me), today=clock.today(),
                 trips=list(services.trips_to_claim(me)),
                 compensations=[(c, choices[c]) for c in services.allowed_compensations(me.regime)],
                 claim_days=figures.claim_window_days,
                 claim_citation=in_own_words(figures.claim_citation, me.agency),
                 days_off=days_off.my_schedule(me, clock.today(), 14) if me.regime == rules.LABOR else [])


@login_required
@require_POST
def trip_claim(request, trip_id: int):
    me = access.person_of(request.user)
    trip = Trip.objects.filter(pk=trip_id, person=me).first()
    if trip is None:
        raise Http404("查無此出差單。")
    with attempt(request) as outcome:
        made = services.overtime_trip_claim(trip=trip, person=me, compensation=request.POST.get("compensation", ""))
    if not outcome.ok:
        return redirect("overtime:home")
    minutes = sum(s.minutes or 0 for s in made.slots.all())
    messages.success(request, f"已以出差單申請加班{made.slots.first().get_compensation_display()}：{selectors.hm(minutes)}。")
    return redirect("overtime:request", request_id=made.pk)


@login_required
def request_new(request):
    me = access.person_of(request.user)
    form = OvertimeRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        slots = services.slots_for_range(me, data["date_from"], data["date_to"] or data["date_from"],
                                         data["start_time"], data["end_time"])
        with attempt(request, form) as outcome:
            made = services.overtime_request_submit(applicant=me, reason=data["reason"], work_items=data["work_items"],
                                                    slots=slots, situation=data["situation"], paper_sign=data["paper_sign"],
                                                    project_start=data.get("project_start"))
        if outcome.ok:
            messages.success(request, "加班申請已送出，待主管簽核。")
            if made.rest_warning:
                messages.warning(request, f"提醒：{made.rest_warning}")
            return redirect("overtime:request", request_id=made.pk)
    return render_page(request, "overtime/request_new.html", "overtime", form=form)


def _request_initial(item) -> dict:
    slots = sorted(item.slots.all(), key=lambda x: x.start)
    first, last = slots[0], slots[-1]
    return {"reason": item.reason, "work_items": item.work_items, "situation": item.situation,
            "project_start": item.project_start, "paper_sign": item.paper_sign, "date_from": first.day,
            "date_to": last.day if last.day != first.day else None,
            "start_time": timezone.localtime(first.start).time(), "end_time": timezone.localtime(first.end).time()}


@login_required
def request_edit(request, request_id: int):
    """A returned overtime request: the applicant corrects it and sends it again into the same case."""
    me = access.person_of(request.user)
    item = selectors.request_get_for(request.user, request_id)
    if not workflow_selectors.correctable_by(item.case, item.applicant_id, me):
        messages.error(request, "只有申請人可以修正被退回的加班申請。")
        return redirect("overtime:request", request_id=item.pk)
    if item.source != "request" or item.slots.exclude(person=me).exists():
        messages.error(request, "此申請非本人事前加班申請或列有其他加班人員，請撤回後重新申請。")
        return redirect("overtime:request", request_id=item.pk)
    form = OvertimeRequestForm(request.POST or None, initial=_request_initial(item))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        slots = services.slots_for_range(me, data["date_from"], data["date_to"] or data["date_from"],
                                         data["start_time"], data["end_time"])
        with attempt(request, form) as outcome:
            services.overtime_request_resubmit(request=item, actor=me, reason=data["reason"],
                                               work_items=data["work_items"], slots=slots, situation=data["situation"],
                                               paper_sign=data["paper_sign"], project_start=data.get("project_start"))
        if outcome.ok:
            messages.success(request, "已修正並重新送出加班申請。")
            return redirect("overtime:request", request_id=item.pk)
    return render_page(request, "overtime/request_new.html", "overtime", form=form, editing=item,
                 returned_note=workflow_selectors.return_reason(item.case))


@login_required
def request_detail(request, request_id: int):
    me = access.person_of(request.user)
    item = selectors.request_get_for(request.user, request_id)
    slots = list(item.slots.select_related("person"))
    for s in slots:
        s.deadline = services.claim_deadline(s)
    may_correct = workflow_selectors.correctable_by(item.case, item.applicant_id, me)
    return render_page(request, "overtime/request.html", "overtime", item=item, slots=slots, me=me,
                 may_correct=may_correct and item.source == "request",
                 returned_note=workflow_selectors.return_reason(item.case) if may_correct else "",
                 claim_form=_claim_form(me, paper=item.paper_sign), approved=bool(item.case and item.case.status == "approved"))


def _claim_form(me, *, paper: bool, data=None, files=None) -> ClaimForm:
    choices = dict(OvertimeSlot.Compensation.choices)
    default, _ = rules.overtime_default_compensation(me.regime, clock.today())
    return ClaimForm(data, files, paper=paper, default=default,
                     compensations=[(c, choices[c]) for c in services.allowed_compensations(me.regime)])


@login_required
def request_print(request, request_id: int):
    item = selectors.request_get_for(request.user, request_id)
    return printing.pdf_response(pdf.overtime_request_pdf(item), name="加班申請單",
                                 number=item.case.number if item.case_id else "")


@login_required
def slot_sheet(request, request_id: int, slot_id: int):
    item = selectors.request_get_for(request.user, request_id)
    slot = item.slots.filter(pk=slot_id).first()
    if slot is None:
        raise Http404(attachments.NOT_FOUND)
    attachments.check_may_open(request.user, owner=item.applicant, case=item.case, also=(slot.person_id,))
    return attachments.stored_file_response(slot.sheet)


@login_required
@require_POST
def slot_sign(request, slot_id: int, direction: str):
    me = access.person_of(request.user)
    slot = selectors.slot_get_for(request.user, slot_id)
    with attempt(request):
        services.overtime_sign(slot=slot, person=me, direction=direction)
        messages.success(request, {"in": "加班簽到完成。", "out": "加班簽退完成。"}.get(direction, "已清除簽到退，請重新簽到。"))
    return redirect("overtime:request", request_id=slot.request_id)


@login_required
@require_POST
def slot_claim(request, slot_id: int):
    me = access.person_of(request.user)
    slot = selectors.slot_get_for(request.user, slot_id)
    form = _claim_form(me, paper=slot.request.paper_sign, data=request.POST, files=request.FILES)
    if form.is_valid():
        with attempt(request) as outcome:
            done = services.overtime_claim_file(slot=slot, person=me, **form.cleaned_data)
        if outcome.ok:
            note = "，補休已入帳" if done.comp_time_posted else ""
            messages.success(request, f"已申請加班{done.get_compensation_display()}：{selectors.hm(done.minutes)}{note}。")
    else:
        messages.error(request, "請選擇補償方式。")
    return redirect("overtime:request", request_id=slot.request_id)


@login_required
def sheet(request):
    me = access.person_of(request.user)
    first = month_param(request, clock.today())
    people = access.visible_people(me).select_related("unit").order_by("unit__sort_order", "employee_no")
    title = f"{me.agency.name} 民國{first.year - 1911}年{first.month}月加班時數統計表"
    fmt = request.GET.get("format")
    if fmt in spreadsheets.FORMATS:
        data = exports.monthly_sheet_file(people, first.year, first.month, title=title, fmt=fmt)
        response = HttpResponse(data, content_type=spreadsheets.content_type(fmt))
        response["Content-Disposition"] = f'attachment; filename="overtime-{first:%Y-%m}.{fmt}"'
        return response
    rows = selectors.monthly_sheet(people, first.year, first.month)
    return render_page(request, "overtime/sheet.html", "overtime", groups=selectors.sheet_by_unit(rows),
                 title=title, month=first)


@login_required
def exceptional(request):
    me = access.person_of(request.user)
    return render_page(request, "overtime/exceptional.html", "overtime", items=selectors.exceptional_requests(me))
