"""Attendance pages: my month (clock in/out, daily status), the missed-punch form, the card
file import (personnel), and the supervisor's list of off-schedule punches. Thin views."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from chaiqin import clock
from chaiqin.errors import ChaiqinError
from chaiqin.org import access
from chaiqin.web.views import _month_param, _page

from . import selectors, services
from .forms import MissedPunchForm, PunchImportForm
from .models import PunchImport


def client_ip(request) -> str | None:
    # Behind the agency's reverse proxy the first X-Forwarded-For hop is the client.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.split(",")[0].strip() if forwarded else request.META.get("REMOTE_ADDR")


@login_required
def home(request):
    me = access.person_of(request.user)
    today = clock.today()
    first = _month_param(request, today)
    days = selectors.person_month(me, first.year, first.month)
    roles = access.roles_of(me)
    return _page(
        request, "attendance/home.html", "attendance", me=me, days=days, today=today,
        month_label=f"民國{first.year - 1911}年{first.month}月",
        prev_month=(first - timedelta(days=1)).replace(day=1),
        next_month=date(first.year + (first.month == 12), first.month % 12 + 1, 1),
        punches=selectors.punches_of(me, today, today), punching=services.punches_required(me),
        may_import="personnel" in roles or "sysadmin" in roles,
        is_supervisor=bool(roles & {"supervisor", "unit_head", "personnel"}),
        missed_form=MissedPunchForm(),
    )


@login_required
@require_POST
def punch(request):
    me = access.person_of(request.user)
    try:
        made = services.punch_web(person=me, ip=client_ip(request))
    except ChaiqinError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已簽到退：{made.at.astimezone(clock.now().tzinfo):%H:%M:%S}")
    return redirect("attendance:home")


@login_required
def missed_punch_new(request):
    me = access.person_of(request.user)
    form = MissedPunchForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.missed_punch_submit(person=me, **form.cleaned_data)
        except ChaiqinError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, "未刷卡補登單已送出，待主管簽核。")
            return redirect("attendance:missed_punch", form_id=made.pk)
    return _page(request, "attendance/missed_punch_new.html", "attendance", form=form)


@login_required
def missed_punch_detail(request, form_id: int):
    form = selectors.missed_punch_get_for(request.user, form_id)
    return _page(request, "attendance/missed_punch.html", "attendance", item=form)


@login_required
def punch_import(request):
    me = access.person_of(request.user)
    if not access.roles_of(me) & {"personnel", "sysadmin"}:
        raise PermissionDenied("只有人事人員或系統管理者可以匯入刷卡檔。")
    form = PunchImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = services.punches_import(agency=me.agency, stream=upload.file, filename=upload.name,
                                         imported_by=me)
        messages.success(request, f"匯入完成：{result.rows} 列，新增 {result.added} 筆，錯誤 {len(result.errors)} 列。")
    recent = PunchImport.objects.filter(agency=me.agency)[:10]
    return _page(request, "attendance/import.html", "attendance", form=form, result=result, recent=recent)


@login_required
def flagged(request):
    me = access.person_of(request.user)
    end = clock.today()
    start = end - timedelta(days=31)
    return _page(request, "attendance/flagged.html", "attendance", rows=selectors.flagged_for(me, start, end),
                 start=start, end=end)
