"""Attendance pages: my month (clock in/out, daily status), the missed-punch form, the card
file import (personnel), and the supervisor's list of off-schedule punches. Thin views."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from chaiqin import attachments, clock, printing
from chaiqin.clientip import client_ip
from chaiqin.org import access
from chaiqin.org.models import Person
from chaiqin.org.services import person_set_card_no as set_card_no
from chaiqin.web.pages import month_param, render_page
from chaiqin.web.refusals import attempt

from . import pdf, reader_formats, selectors, services
from .forms import (CardNoForm, CoreHoursForm, DeviceForm, DeviceFormatForm, MissedPunchForm, NetworkForm, ProfileForm,
                    PunchImportForm)
from .models import PunchImport


@login_required
def home(request):
    me = access.person_of(request.user)
    today = clock.today()
    first = month_param(request, today)
    days = selectors.person_month(me, first.year, first.month)
    roles = access.roles_of(me)
    return render_page(
        request, "attendance/home.html", "attendance", me=me, days=days, today=today,
        month_label=f"民國{first.year - 1911}年{first.month}月",
        prev_month=(first - timedelta(days=1)).replace(day=1),
        next_month=date(first.year + (first.month == 12), first.month % 12 + 1, 1),
        punches=selectors.punches_of(me, today, today), punching=services.punches_required(me),
        may_import="personnel" in roles or "sysadmin" in roles,
        is_supervisor=bool(roles & {"supervisor", "unit_head", "personnel"}),
        missed_form=MissedPunchForm(),
        core=None if services.punches_required(me) else selectors.person_core_hours(me),
    )


@login_required
@require_POST
def punch(request):
    me = access.person_of(request.user)
    with attempt(request) as outcome:
        made = services.punch_web(person=me, ip=client_ip(request))
    if outcome.ok:
        messages.success(request, f"已簽到退：{timezone.localtime(made.at):%H:%M:%S}")
    return redirect("attendance:home")


@login_required
def missed_punch_new(request):
    me = access.person_of(request.user)
    form = MissedPunchForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with attempt(request, form) as outcome:
            made = services.missed_punch_submit(person=me, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, "未刷卡補登單已送出，待主管簽核。")
            return redirect("attendance:missed_punch", form_id=made.pk)
    return render_page(request, "attendance/missed_punch_new.html", "attendance", form=form)


@login_required
def missed_punch_detail(request, form_id: int):
    form = selectors.missed_punch_get_for(request.user, form_id)
    return render_page(request, "attendance/missed_punch.html", "attendance", item=form)


@login_required
def missed_punch_print(request, form_id: int):
    form = selectors.missed_punch_get_for(request.user, form_id)
    return printing.pdf_response(pdf.missed_punch_pdf(form), name="未刷卡補登單",
                                 number=form.case.number if form.case_id else "")


@login_required
def missed_punch_evidence(request, form_id: int):
    form = selectors.missed_punch_get_for(request.user, form_id)
    attachments.check_may_open(request.user, owner=form.person, case=form.case)
    return attachments.stored_file_response(form.evidence)


@login_required
def punch_import(request):
    me = access.person_of(request.user)
    if not access.roles_of(me) & {"personnel", "sysadmin"}:
        raise PermissionDenied("只有人事人員或系統管理者可以匯入刷卡檔。")
    form = PunchImportForm(request.POST or None, request.FILES or None, agency=me.agency)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with attempt(request, form, field="file") as outcome:
            result = services.punches_import(agency=me.agency, stream=upload.file, filename=upload.name,
                                             imported_by=me, reader=form.cleaned_data["reader"])
        if outcome.ok:
            messages.success(request, f"匯入完成：{result.rows} 列，新增 {result.added} 筆，錯誤 {len(result.errors)} 列。")
    recent = PunchImport.objects.filter(agency=me.agency).select_related("reader")[:10]
    return render_page(request, "attendance/import.html", "attendance", form=form, result=result, recent=recent)


@login_required
def flagged(request):
    me = access.person_of(request.user)
    end = clock.today()
    start = end - timedelta(days=31)
    return render_page(request, "attendance/flagged.html", "attendance", rows=selectors.flagged_for(me, start, end),
                 start=start, end=end)


def _personnel(request):
    me = access.person_of(request.user)
    if not access.roles_of(me) & {"personnel", "sysadmin"}:
        raise PermissionDenied("只有人事人員或系統管理者可以管理出勤設定。")
    return me


def _settings_page(request, me, **extra):
    forms_ = dict(device_form=DeviceForm(), network_form=NetworkForm(), core_form=CoreHoursForm(),
                  profile_form=ProfileForm(), card_form=CardNoForm(prefix="card"))
    forms_.update(extra)
    return render_page(request, "attendance/settings.html", "attendance", **selectors.settings_of(me.agency), **forms_)


@login_required
def settings_home(request):
    """人事室：刷卡機（裝置憑證）、允許簽到網段、教師核心時段、輪班與學制設定。"""
    return _settings_page(request, _personnel(request))


@login_required
@require_POST
def device_new(request):
    me = _personnel(request)
    form = DeviceForm(request.POST)
    if form.is_valid():
        with attempt(request, form, field="name") as outcome:
            device, token = services.device_issue(actor=me, name=form.cleaned_data["name"])
        if outcome.ok:
            # Shown once on this response only: never stored in plain text or put in a message.
            return _settings_page(request, me, new_device=device, new_token=token)
    return _settings_page(request, me, device_form=form)


@login_required
@require_POST
def device_revoke(request, device_id: int):
    me = _personnel(request)
    device = selectors.device_get_for(request.user, device_id)
    services.device_revoke(actor=me, device=device)
    messages.success(request, f"已停用刷卡機「{device.name}」，其憑證即時失效。")
    return redirect("attendance:settings")


@login_required
@require_POST
def network_new(request):
    me = _personnel(request)
    form = NetworkForm(request.POST)
    if form.is_valid():
        with attempt(request, form, field="cidr") as outcome:
            row = services.network_add(actor=me, cidr=form.cleaned_data["cidr"], label=form.cleaned_data["label"])
        if outcome.ok:
            messages.success(request, f"已允許自 {row.cidr} 網頁簽到退。")
            return redirect("attendance:settings")
    return _settings_page(request, me, network_form=form)


@login_required
@require_POST
def network_remove(request, network_id: int):
    me = _personnel(request)
    network = selectors.network_get_for(request.user, network_id)
    cidr = network.cidr
    services.network_remove(actor=me, network=network)
    messages.success(request, f"已移除網段 {cidr}。")
    return redirect("attendance:settings")


@login_required
@require_POST
def core_hours(request):
    me = _personnel(request)
    form = CoreHoursForm(request.POST)
    if form.is_valid():
        with attempt(request, form) as outcome:
            services.core_hours_set(actor=me, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, "已更新教師核心上班時段。")
            return redirect("attendance:settings")
    return _settings_page(request, me, core_form=form)


@login_required
@require_POST
def profile(request):
    me = _personnel(request)
    form = ProfileForm(request.POST)
    if form.is_valid():
        person = Person.objects.filter(agency=me.agency, employee_no=form.cleaned_data["employee_no"].strip()).first()
        if person is None:
            form.add_error("employee_no", "本機關查無此考勤代號的人員。")
        else:
            services.attendance_profile_set(actor=me, person=person, division=form.cleaned_data["division"],
                                            shift_work=form.cleaned_data["shift_work"])
            messages.success(request, f"已更新{person.name}的出勤設定。")
            return redirect("attendance:settings")
    return _settings_page(request, me, profile_form=form)


@login_required
def device_format(request, device_id: int):
    """人事室：一台刷卡機匯出檔案的格式（本系統 CSV、定長文字、分隔字元檔與欄位對應）。"""
    me = _personnel(request)
    device = selectors.device_get_for(request.user, device_id)
    form = DeviceFormatForm(request.POST) if request.method == "POST" else DeviceFormatForm.for_device(device)
    if request.method == "POST" and form.is_valid():
        with attempt(request, form) as outcome:
            services.device_set_format(actor=me, device=device, file_format=form.cleaned_data["file_format"],
                                       key_field=form.cleaned_data["key_field"], layout=form.layout())
        if outcome.ok:
            messages.success(request, f"已設定「{device.name}」的刷卡檔格式：{device.get_file_format_display()}。")
            return redirect("attendance:settings")
    return render_page(request, "attendance/device_format.html", "attendance", device=device, form=form,
                 fixed_example=reader_formats.DEFAULT_FIXED, delimited_example=reader_formats.DEFAULT_DELIMITED)


@login_required
@require_POST
def card_no(request):
    me = _personnel(request)
    form = CardNoForm(request.POST, prefix="card")
    if form.is_valid():
        person = Person.objects.filter(agency=me.agency, employee_no=form.cleaned_data["employee_no"].strip()).first()
        if person is None:
            form.add_error("employee_no", "本機關查無此考勤代號的人員。")
        else:
            with attempt(request, form, field="card_no") as outcome:
                set_card_no(actor=me, person=person, card_no=form.cleaned_data["card_no"])
            if outcome.ok:
                messages.success(request, f"已{'設定' if person.card_no else '清除'}{person.name}的卡號。")
                return redirect("attendance:settings")
    return _settings_page(request, me, card_form=form)
