"""Pages of leave: the form with its preview (試算), a request, cancellation, balances, the
personnel office's table and exports, the unit's calendar, what an agent covers, iCalendar."""

from __future__ import annotations

import calendar as pycalendar
from datetime import date, datetime, timedelta

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from chaiqin import attachments, clock, printing, rules
from chaiqin.calendar import selectors as office_calendar
from chaiqin.dates import DateInputError, parse_date
from chaiqin.org import access
from chaiqin.org.models import Person
from chaiqin.web import shown_once
from chaiqin.web.pages import render_page
from chaiqin.web.refusals import attempt

from . import attachments as files
from . import durations as leave_durations
from . import exports, ledger, pdf, selectors, services
from .durations import halves
from .forms import CancelForm, LeaveRequestForm, parse_time
from .models import LeaveAttachment

TABLE_ROLES = {"personnel", "agency_head", "sysadmin"}


@login_required
def home(request):
    me = access.person_of(request.user)
    return render_page(request, "leave/home.html", "leave", me=me, requests=selectors.requests_of(me)[:50],
                 lines=selectors.balance_lines(me), covering=selectors.covering(me)[:20],
                 may_see_table=bool(access.roles_of(me) & TABLE_ROLES))


@login_required
def request_new(request):
    me = access.person_of(request.user)
    today = clock.today()
    offered = services.leave_types_for(me, today)
    preview = error = None
    if request.method == "POST":
        form = LeaveRequestForm(request.POST, request.FILES, person=me, offered=offered)
        if form.is_valid():
            data = form.cleaned_data
            # The form's own summary box shows the refusal (`error`), beside the preview.
            with attempt(request, show=False) as done:
                if "preview" in request.POST:
                    preview = services.leave_request_preview(
                        person=me, leave_code=data["leave_code"], start=data.get("start"), end=data.get("end"),
                        agent=data.get("agent"), event_date=data.get("event_date"),
                        attachments=files.from_django(data.get("attachments") or []))
                else:
                    req = services.leave_request_submit(
                        person=me, leave_code=data["leave_code"], start=data.get("start"), end=data.get("end"),
                        agent=data.get("agent"), reason=data.get("reason", ""), event_date=data.get("event_date"),
                        attachments=files.from_django(data.get("attachments") or []),
                        more_agents=data.get("more_agents", ()))
                    messages.success(request, f"已送出{req.leave_name}申請，等待職務代理人{req.agent.name}同意。")
                    return redirect("leave:detail", request_id=req.pk)
            error = done.error
    else:
        form = LeaveRequestForm(person=me, offered=offered)
    (m0, m1), (a0, a1) = _halves(me)
    return render_page(request, "leave/request_form.html", "leave", form=form, preview=preview, error=error,
                 offered=offered, morning=(m0, m1), afternoon=(a0, a1), schedule=selectors.own_schedule(me))


def _initial(req) -> dict:
    start, end = timezone.localtime(req.start), timezone.localtime(req.end)
    return {"leave_code": req.leave_code, "start_date": start.date(), "start_time": start.strftime("%H:%M"),
            "end_date": end.date(), "end_time": end.strftime("%H:%M"), "event_date": req.event_date,
            "agent": req.agent_id, "reason": req.reason}


@login_required
def request_edit(request, request_id: int):
    """A returned request: correct it (preview first if wished) and send it again, or withdraw it."""
    me = access.person_of(request.user)
    req = selectors.leave_request_get_for(request.user, request_id)
    if req.person_id != me.pk or req.status != "returned":
        messages.error(request, "只有申請人可以修正被退回的請假單。")
        return redirect("leave:detail", request_id=req.pk)
    today = clock.today()
    offered = services.leave_types_for(me, today)
    if req.leave_code not in {t.code for t in offered}:
        offered = [*offered, services.OfferedType(req.leave_code, req.leave_name, True, 60, False, "", False)]
    preview = error = None
    if request.method == "POST":
        form = LeaveRequestForm(request.POST, request.FILES, person=me, offered=offered)
        if form.is_valid():
            data = form.cleaned_data
            with attempt(request, show=False) as done:  # shown in the form's summary box, as above
                if "preview" in request.POST:
                    preview = services.leave_request_preview(
                        person=me, leave_code=data["leave_code"], start=data.get("start"), end=data.get("end"),
                        agent=data.get("agent"), event_date=data.get("event_date"), correcting=req,
                        attachments=files.from_django(data.get("attachments") or []))
                else:
                    services.leave_request_resubmit(
                        request=req, actor=me, leave_code=data["leave_code"], start=data.get("start"),
                        end=data.get("end"), agent=data.get("agent"), reason=data.get("reason", ""),
                        event_date=data.get("event_date"), attachments=files.from_django(data.get("attachments") or []),
                        remove_attachments=[int(x) for x in request.POST.getlist("remove_attachment") if x.isdigit()])
                    messages.success(request, "已修正並重新送出請假申請，原保留額度已依修正內容重新計算。")
                    return redirect("leave:detail", request_id=req.pk)
            error = done.error
    else:
        form = LeaveRequestForm(person=me, offered=offered, initial=_initial(req))
    (m0, m1), (a0, a1) = _halves(me)
    return render_page(request, "leave/request_form.html", "leave", form=form, preview=preview, error=error,
                 offered=offered, morning=(m0, m1), afternoon=(a0, a1), editing=req, schedule=selectors.own_schedule(me),
                 attachments=req.attachments.defer("data"), returned_note=selectors.return_reason(req))


@login_required
def live_duration(request):
    """The leave form's 「計算天數 共計 N日N時」, fetched by htmx as the dates and times are typed."""
    me = access.person_of(request.user)
    q = request.GET
    try:
        start = timezone.make_aware(datetime.combine(parse_date(q.get("start_date", "")),
                                                     parse_time(q.get("start_time", ""))))
        end = timezone.make_aware(datetime.combine(parse_date(q.get("end_date", "")), parse_time(q.get("end_time", ""))))
    except (DateInputError, django_forms.ValidationError, ValueError):
        return HttpResponse("計算天數：請填寫起迄日期與時間。")
    if end <= start:
        return HttpResponse("計算天數：迄時必須晚於起時。")
    if (end - start).days > 366:
        return HttpResponse("計算天數：期間超過一年，請分次申請。")
    minutes = selectors.duration_of(me, q.get("leave_code", ""), start, end)
    return HttpResponse(format_html("計算天數 共計 <strong>{}</strong>", ledger.format_minutes(minutes) or "0時"))


def _halves(me: Person):
    return halves(me.agency, clock.today())


@login_required
def request_detail(request, request_id: int):
    me = access.person_of(request.user)
    req = selectors.leave_request_get_for(request.user, request_id)
    mine = req.person_id == me.pk
    status = req.case.status if req.case_id else ""
    return render_page(request, "leave/request_detail.html", "leave", req=req, mine=mine,
                 may_cancel=mine and status == "approved" and req.cancelled_minutes < req.minutes,
                 may_withdraw=mine and status in ("pending", "returned"), may_edit=mine and status == "returned",
                 returned_note=selectors.return_reason(req) if status == "returned" else "", cancel_form=CancelForm(),
                 cancellations=req.cancellations.all(), attachments=req.attachments.defer("data"),
                 cancel_requests=req.cancel_requests.select_related("case"),
                 fmt=ledger.format_minutes)


@login_required
@require_POST
def request_cancel(request, request_id: int):
    """Withdraw a request still waiting; for an approved one, show the days a 銷假單 would give back
    (leave_cancel_plan) and file it once confirmed."""
    me = access.person_of(request.user)
    req = selectors.leave_request_get_for(request.user, request_id)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, "銷假期間格式有誤：" + " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("leave:detail", request_id=req.pk)
    data = form.cleaned_data
    asked = {"start": data["start"], "end": data["end"], "whole": data["whole"]}
    with attempt(request) as outcome:
        if req.status == "approved" and "confirm" not in request.POST:
            pieces = services.leave_cancel_plan(request=req, actor=me, **asked)
            return render_page(request, "leave/cancel_confirm.html", "leave", req=req, pieces=pieces, form=form,
                         total=sum(p.minutes for p in pieces))
        done = services.leave_request_cancel(request=req, actor=me, reason=data.get("reason", ""), **asked)
    if outcome.ok:
        if done is None:
            messages.success(request, "已撤回請假申請，保留的額度已釋出。")
        else:
            messages.success(request, f"已送出銷假單（{ledger.format_minutes(done.minutes)}），"
                                      "核准後額度即回復，並通知職務代理人、簽核人員及人事單位。")
    return redirect("leave:detail", request_id=req.pk)


@login_required
def attachment(request, request_id: int, attachment_id: int):
    req = selectors.leave_request_get_for(request.user, request_id)
    attachments.check_may_open(request.user, owner=req.person, case=req.case)
    try:
        item = req.attachments.get(pk=attachment_id)
    except LeaveAttachment.DoesNotExist:
        raise Http404(attachments.NOT_FOUND) from None
    return attachments.file_response(bytes(item.data), name=item.name, content_type=item.content_type)


@login_required
def request_print(request, request_id: int):
    req = selectors.leave_request_get_for(request.user, request_id)
    return printing.pdf_response(pdf.leave_request_pdf(req), name=f"{req.leave_name}請假單",
                                 number=req.case.number if req.case_id else "")


@login_required
def cancellation_print(request, request_id: int, cancellation_id: int):
    req = selectors.leave_request_get_for(request.user, request_id)
    cancellation = req.cancellations.filter(pk=cancellation_id).first()
    if cancellation is None:
        raise Http404("查無此銷假紀錄。")
    cancellation.request = req
    return printing.pdf_response(pdf.cancellation_pdf(cancellation), name=f"{req.leave_name}銷假單",
                                 number=req.case.number if req.case_id else "")


def _balance_page(request, target: Person, *, new_token: str = ""):
    on = clock.today()
    own = target.user_id == request.user.pk
    return render_page(request, "leave/balances.html", "leave", target=target, on=on, lines=selectors.balance_lines(target, on),
                 closing=selectors.closing_rows(target),
                 fmt=ledger.format_minutes, own=own,
                 feed_token=selectors.calendar_feed_token_of(target) if own else None,
                 ical_url=request.build_absolute_uri(reverse("leave:ical", args=[new_token])) if new_token else "")


@login_required
@require_POST
def ical_issue(request):
    """A new subscription link for the logged-in person, shown once on the balance page (the old one stops)."""
    me = access.person_of(request.user)
    shown_once.keep(request, "calendar_feed", services.calendar_token_issue(person=me))
    messages.success(request, "已產生新的行事曆訂閱網址；先前的網址已失效。")
    # post/redirect/get: a reload of the balance page issues no further link
    return redirect(reverse("leave:balances") + "#ical")


@login_required
@require_POST
def ical_revoke(request):
    me = access.person_of(request.user)
    if services.calendar_token_revoke(person=me):
        messages.success(request, "已停用行事曆訂閱網址，行事曆程式將無法再讀取您的請假。")
    return redirect("leave:balances")


@login_required
def balances(request):
    return _balance_page(request, access.person_of(request.user), new_token=shown_once.take(request, "calendar_feed") or "")


@login_required
def person_balances(request, person_id: int):
    return _balance_page(request, access.person_get_for(request.user, person_id))


def _table_viewer(request) -> Person:
    me = access.person_of(request.user)
    if not access.roles_of(me) & TABLE_ROLES:
        raise PermissionDenied("只有人事單位、機關首長及系統管理者可檢視全員假別餘額。")
    return me


@login_required
def balance_table(request):
    """The personnel office's table: 50 people a page, searchable; a fixed number of queries per page."""
    me = _table_viewer(request)
    on = clock.today()
    query = request.GET.get("q", "").strip()[:50]
    page = Paginator(selectors.balance_people(me, query), selectors.TABLE_PAGE_SIZE).get_page(request.GET.get("page"))
    people = list(page.object_list)
    found = selectors.balances_for(people, on)
    rows = [(p, [found[p.pk].get(code) for code, _ in exports.COLUMNS]) for p in people]
    return render_page(request, "leave/balance_table.html", "leave", rows=rows, on=on, page=page, query=query,
                 columns=exports.COLUMNS, fmt=ledger.format_minutes)


@login_required
def balance_export(request, fmt: str):
    me = _table_viewer(request)
    if fmt not in ("xlsx", "ods"):
        raise Http404("只提供 xlsx 與 ods 格式。")
    on = clock.today()
    query = request.GET.get("q", "").strip()[:50]
    handle, content_type = exports.balance_table_file(selectors.balance_table(me, on, query), on, fmt)
    return FileResponse(handle, as_attachment=True, filename=f"leave-balances-{on.isoformat()}.{fmt}",
                        content_type=content_type)


def _month(request, today: date) -> date:
    raw = request.GET.get("month", "")
    try:
        year, month = (int(x) for x in raw.split("-"))
        return date(year, month, 1)
    except (ValueError, TypeError):
        return today.replace(day=1)


def _team_cell(mark: str) -> str:
    # The pill goes inside the cell: `.tag` is inline-block, and on a <td> it took the cell out of the
    # table's layout (two days of leave in a row stacked in one column).
    return format_html('<td><span class="tag" title="{}">{}</span></td>', mark, mark[:2]) if mark else "<td></td>"


def _counts_calendar_days(regime: str, code: str, on: date) -> bool:
    try:
        return rules.leave_type(regime, code, on).calendar_days
    except rules.RuleInputError:  # 補休 and types no longer in force count working time
        return False


@login_required
def team_calendar(request):
    me = access.person_of(request.user)
    first = _month(request, clock.today())
    last = date(first.year, first.month, pycalendar.monthrange(first.year, first.month)[1])
    people = list(Person.objects.filter(unit_id=me.unit_id).exclude(status=Person.Status.LEFT).order_by("employee_no"))
    days = office_calendar.days_between(me.agency, first, last)
    start = timezone.make_aware(datetime.combine(first, datetime.min.time()))
    end = timezone.make_aware(datetime.combine(last + timedelta(days=1), datetime.min.time()))
    cells: dict[tuple[int, date], str] = {}
    regimes = {x.pk: x.regime for x in people}
    for p in selectors.leave_periods_for([x.pk for x in people], start, end):
        mark = p.name + ("" if p.status == "approved" else "（簽核中）")
        whole_days = _counts_calendar_days(regimes[p.person_id], p.code, timezone.localtime(p.start).date())
        for d in leave_durations.days_present(me.agency, p.start, p.end, days, calendar_days=whole_days):
            cells[(p.person_id, d)] = mark
    # A unit's month is a thousand cells or more: each row is built here, escaped by format_html,
    # rather than by a template loop (three times faster for a unit of forty).
    grid = [(p, mark_safe("".join(_team_cell(cells.get((p.pk, info.date), "")) for info in days))) for p in people]
    prev_month = (first - timedelta(days=1)).replace(day=1)
    return render_page(request, "leave/team.html", "leave", unit=me.unit, days=days, grid=grid, first=first,
                 prev_month=prev_month, next_month=last + timedelta(days=1))


@login_required
def covering(request):
    me = access.person_of(request.user)
    return render_page(request, "leave/covering.html", "leave", items=selectors.covering(me))


def ical_feed(request, token: str):
    """The person's leave as iCalendar: a live subscription token (for calendar apps, see
    feed_tokens) or the logged-in person ("me")."""
    if token == "me" and request.user.is_authenticated:
        person = access.person_of(request.user)
    else:
        person = selectors.calendar_feed_person(token)
        if person is None:
            raise Http404("此行事曆連結無效或已停用。")
    return HttpResponse(exports.ical_for(person), content_type="text/calendar; charset=utf-8")
