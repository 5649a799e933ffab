"""Pages of work from home: thin — parse, check permission with selectors' helpers, call a service."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from chaiqin import clock, printing, rules
from chaiqin.dates import DateInputError, format_roc, parse_date
from chaiqin.org import access
from chaiqin.org.models import Person
from chaiqin.org.wording import self_name
from chaiqin.web.next_url import next_url
from chaiqin.web.pages import render_page
from chaiqin.web.refusals import attempt
from chaiqin.workflow import selectors as workflow_selectors
from chaiqin.workflow.models import Step

from . import exports, forms, selectors, services
from .models import WfhApplication, WfhDay, WfhLog, WfhOvertime


def _week_param(raw: str | None) -> date:
    if not raw:
        return selectors.monday_of(clock.today())
    try:
        return selectors.monday_of(parse_date(raw))
    except DateInputError:
        raise Http404("週別日期無法辨識。") from None


@login_required
def home(request):
    me = access.person_of(request.user)
    today = clock.today()
    monday = selectors.monday_of(today)
    current = selectors.active_application(me, today) or selectors.active_application(me, monday + timedelta(days=7))
    weeks = []
    if current is not None:
        for offset in (0, 7):
            week = selectors.person_week(me, monday + timedelta(days=offset))
            week.monday = monday + timedelta(days=offset)
            weeks.append(week)
    roles = access.roles_of(me)
    return render_page(
        request, "wfh/home.html", "wfh", me=me, today=today, applications=selectors.applications_of(me)[:20],
        current=current, weeks=weeks, to_review=selectors.logs_to_review(me),
        missing=selectors.missing_days_for(me, now=clock.now()), own=self_name(me.agency),
        is_unit_head="unit_head" in roles, is_officer=selectors.is_agency_officer(me),
        overtimes=WfhOvertime.objects.filter(person=me).select_related("assigner")[:20],
    )


@login_required
def apply(request):
    me = access.person_of(request.user)
    form = forms.ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with attempt(request, form, message=True) as outcome:
            application = services.wfh_application_submit(
                actor=me, relation=data["relation"], due_date=data["due_date"], gestation_weeks=data["gestation_weeks"],
                start=data["start"], end=data["end"], workplace=data["workplace"], own_device=data["own_device"],
                contact=data["contact"], note=data["note"])
        if outcome.ok:
            messages.success(request, "已送出居家辦公申請，待主管簽核。")
            return redirect("wfh:application", application.pk)
    return render_page(request, "wfh/apply.html", "wfh", form=form)


def _with_answer_lines(decisions) -> list:
    """Each decision with `answer_lines`: (the checklist item's own words, ticked) — never its key."""
    words = {item.key: item.text for item in rules.wfh_approval_checklist()}
    decisions = list(decisions)
    for d in decisions:
        d.answer_lines = [(words.get(key, "其他審核事項"), value) for key, value in (d.answers or {}).items()]
    return decisions


def _application_context(request, application: WfhApplication, **extra):
    me = access.person_of(request.user)
    case = application.case
    current = case.steps.filter(status=Step.Status.CURRENT).select_related("decider").first() if case else None
    may_decide = bool(current and case.status == "pending" and current.decider_id == me.pk)
    officer = selectors.is_agency_officer(me) and me.pk != application.person_id
    try:
        caps = selectors.week_caps(application)
    except Exception:  # noqa: BLE001 - a period that no longer fits the rules is shown without caps
        caps = []
    days = application.days.select_related("changed_by").order_by("date", "pk")
    return dict(
        me=me, application=application, caps=caps, days=days, may_decide=may_decide,
        decide_form=extra.pop("decide_form", None) or forms.DecideForm(own_device=application.own_device, agency=application.person.agency),
        decisions=_with_answer_lines(application.decisions.select_related("decider")), officer=officer,
        is_self=me.pk == application.person_id, may_manage=selectors.may_manage(me, application.person),
        flexible_form=forms.FlexibleForm(initial={"days": application.flexible_days,
                                                  "reason": application.flexible_reason}),
        stop_form=forms.StopForm(), rest_form=forms.RestForm(), delivered_form=forms.DeliveredForm(),
        recall_form=forms.RecallForm(), move_form=forms.MoveForm(), leave_url=services.leave_form_url(),
        plan_week=selectors.monday_of(max(clock.today() + timedelta(days=1), application.start)),
        may_correct=workflow_selectors.correctable_by(case, application.person_id, me),
        returned_note=workflow_selectors.return_reason(case) if workflow_selectors.correctable_by(
            case, application.person_id, me) else "", **extra,
    )


@login_required
def application_edit(request, pk: int):
    """A returned WFH application: the applicant corrects it and sends it again into the same case."""
    me = access.person_of(request.user)
    application = selectors.application_get_for(request.user, pk)
    if not workflow_selectors.correctable_by(application.case, application.person_id, me):
        messages.error(request, "只有申請人可以修正被退回的居家辦公申請。")
        return redirect("wfh:application", application.pk)
    initial = {name: getattr(application, name) for name in (
        "relation", "due_date", "start", "end", "workplace", "own_device", "contact", "note")}
    form = forms.ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with attempt(request, form, message=True) as outcome:
            services.wfh_application_resubmit(
                actor=me, application=application, relation=data["relation"], due_date=data["due_date"],
                gestation_weeks=data["gestation_weeks"], start=data["start"], end=data["end"],
                workplace=data["workplace"], own_device=data["own_device"], contact=data["contact"], note=data["note"])
        if outcome.ok:
            messages.success(request, "已修正並重新送出居家辦公申請。")
            return redirect("wfh:application", application.pk)
    return render_page(request, "wfh/apply.html", "wfh", form=form, editing=application,
                 returned_note=workflow_selectors.return_reason(application.case))


@login_required
def application_detail(request, pk: int):
    application = selectors.application_get_for(request.user, pk)
    return render_page(request, "wfh/application.html", "wfh", **_application_context(request, application))


@login_required
@require_POST
def application_decide(request, pk: int):
    me = access.person_of(request.user)
    application = selectors.application_get_for(request.user, pk)
    form = forms.DecideForm(request.POST, own_device=application.own_device, agency=application.person.agency)
    if not form.is_valid():
        messages.error(request, "請選擇同意、退回修正或不同意。")
    else:
        with attempt(request) as outcome:
            services.wfh_application_decide(actor=me, application=application, decision=form.cleaned_data["decision"],
                                            answers=form.answers(), comment=form.cleaned_data["comment"])
        if not outcome.ok:
            ctx = _application_context(request, application, decide_form=form)
            return render_page(request, "wfh/application.html", "wfh", **ctx)
        messages.success(request, "已完成簽核，審核項目已記錄。")
    return redirect("wfh:application", pk)


def _simple_post(request, pk: int, form_class, call, success: str):
    me = access.person_of(request.user)
    application = selectors.application_get_for(request.user, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    else:
        with attempt(request) as outcome:
            call(me, application, form.cleaned_data)
        if outcome.ok:
            messages.success(request, success)
    return redirect("wfh:application", pk)


@login_required
@require_POST
def application_flexible(request, pk: int):
    return _simple_post(request, pk, forms.FlexibleForm, lambda me, a, d: services.wfh_application_set_flexible(
        actor=me, application=a, days=d["days"], reason=d["reason"]), "已更新機關彈性排定日數。")


@login_required
@require_POST
def application_stop(request, pk: int):
    return _simple_post(request, pk, forms.StopForm, lambda me, a, d: services.wfh_application_stop(
        actor=me, application=a, reason=d["reason"], on=d["on"]), "已停止此同仁居家辦公。")


@login_required
@require_POST
def application_rest(request, pk: int):
    return _simple_post(request, pk, forms.RestForm, lambda me, a, d: services.wfh_application_rest_order(
        actor=me, application=a, on=d["on"], note=d["note"]),
        "已登記安胎休養，居家辦公自該日起結束；休養期間請依請假規定申請。")


@login_required
@require_POST
def application_delivered(request, pk: int):
    return _simple_post(request, pk, forms.DeliveredForm, lambda me, a, d: services.wfh_application_delivered(
        actor=me, application=a, delivered_on=d["delivered_on"]), "已登記分娩日，居家辦公已結束。")


@login_required
def week_plan(request, pk: int, week: str):
    me = access.person_of(request.user)
    application = selectors.application_get_for(request.user, pk)
    monday = _week_param(week)
    infos = selectors.week_workdays(application.person, monday)
    choices = [(i.date.isoformat(), f"{format_roc(i.date)}（{'一二三四五六日'[i.date.weekday()]}）")
               for i in infos if i.is_workday]
    planned = [d.isoformat() for d in selectors.wfh_days(application.person, monday, monday + timedelta(days=6))]
    form = forms.WeekPlanForm(request.POST or None, choices=choices, initial={"days": planned})
    if request.method == "POST" and form.is_valid():
        with attempt(request) as outcome:
            services.wfh_week_plan(actor=me, application=application, week_start=monday,
                                   days=[date.fromisoformat(d) for d in form.cleaned_data["days"]])
        if outcome.ok:
            messages.success(request, f"已排定 {format_roc(monday)} 起一週的居家辦公日。")
            return redirect("wfh:plan", pk, monday.isoformat())
    try:
        cap = selectors.week_cap(application, max(monday, application.start))
    except Exception:  # noqa: BLE001
        cap = None
    return render_page(request, "wfh/week_plan.html", "wfh", application=application, monday=monday, form=form, cap=cap,
                 infos=infos, prev_week=(monday - timedelta(days=7)).isoformat(),
                 next_week=(monday + timedelta(days=7)).isoformat())


def _day_post(request, pk: int, form_class, call, success: str):
    me = access.person_of(request.user)
    day = selectors.day_get_for(request.user, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    else:
        with attempt(request) as outcome:
            call(me, day, form.cleaned_data)
        if outcome.ok:
            messages.success(request, success)
    return redirect(next_url(request, f"/wfh/applications/{day.application_id}/"))


@login_required
@require_POST
def day_recall(request, pk: int):
    return _day_post(request, pk, forms.RecallForm, lambda me, d, data: services.wfh_day_recall(
        actor=me, day=d, reason=data["reason"]), "已通知同仁當日返回辦公場所。")


@login_required
@require_POST
def day_move(request, pk: int):
    return _day_post(request, pk, forms.MoveForm, lambda me, d, data: services.wfh_day_move(
        actor=me, day=d, to=data["to"], reason=data["reason"]), "已調整居家辦公日期並通知同仁。")


@login_required
def log_write(request, day: str):
    me = access.person_of(request.user)
    try:
        the_day = parse_date(day)
    except DateInputError:
        raise Http404("日期無法辨識。") from None
    existing = WfhLog.objects.filter(person=me, date=the_day, day__status=WfhDay.Status.PLANNED).first()
    initial = {"work_start": me.agency.office_start, "work_end": me.agency.office_end}
    if existing is not None:
        initial = {"work_start": existing.work_start, "work_end": existing.work_end}
        for i, item in enumerate(existing.items.all(), start=1):
            initial.update({f"item_{i}": item.item, f"done_{i}": item.done, f"progress_{i}": item.progress})
    form = forms.LogForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with attempt(request, form, message=True) as outcome:
            log = services.wfh_log_submit(actor=me, day=the_day, items=form.items(),
                                          work_start=form.cleaned_data["work_start"],
                                          work_end=form.cleaned_data["work_end"])
        if outcome.ok:
            messages.success(request, "已送出工作日誌，待直屬主管審核。")
            return redirect("wfh:log", log.pk)
    return render_page(request, "wfh/log_write.html", "wfh", me=me, day=the_day, form=form, existing=existing)


@login_required
def log_detail(request, pk: int):
    me = access.person_of(request.user)
    log = selectors.log_get_for(request.user, pk)
    reviewer = selectors.reviewer_of(log.person)
    return render_page(request, "wfh/log.html", "wfh", log=log, items=log.items.all(),
                 may_review=reviewer is not None and reviewer.pk == me.pk and log.status == WfhLog.Status.SUBMITTED,
                 review_form=forms.ReviewForm(), monday=selectors.monday_of(log.date).isoformat(),
                 is_self=me.pk == log.person_id)


@login_required
@require_POST
def log_review(request, pk: int):
    me = access.person_of(request.user)
    log = selectors.log_get_for(request.user, pk)
    form = forms.ReviewForm(request.POST)
    if form.is_valid():
        with attempt(request) as outcome:
            services.wfh_log_review(actor=me, log=log, decision=form.cleaned_data["decision"],
                                    comment=form.cleaned_data["comment"])
        if outcome.ok:
            messages.success(request, "已審核工作日誌。")
    else:
        messages.error(request, "請選擇審核通過或退回補正。")
    return redirect("wfh:log", pk)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    return printing.pdf_response(content, name=filename)


@login_required
def log_pdf(request, pk: int):
    log = selectors.log_get_for(request.user, pk)
    return _pdf(exports.log_pdf([log]), f"居家辦公工作日誌 {format_roc(log.date)}")


def _week_target(request, person_id: int, week: str) -> tuple[Person, date]:
    return access.person_get_for(request.user, person_id), _week_param(week)


@login_required
def week(request, person_id: int, week: str):
    me = access.person_of(request.user)
    person, monday = _week_target(request, person_id, week)
    data = selectors.person_week(person, monday)
    reviewer = selectors.reviewer_of(person)
    return render_page(request, "wfh/week.html", "wfh", person=person, monday=monday, week=data,
                 sunday=monday + timedelta(days=6), may_report=reviewer is not None and reviewer.pk == me.pk
                 and data.report is None and bool(data.logs),
                 prev_week=(monday - timedelta(days=7)).isoformat(), next_week=(monday + timedelta(days=7)).isoformat())


@login_required
def week_pdf(request, person_id: int, week: str):
    person, monday = _week_target(request, person_id, week)
    logs = selectors.person_week(person, monday).logs
    return _pdf(exports.log_pdf(logs), f"居家辦公工作日誌 {person.name} {format_roc(monday)}")


@login_required
def week_xlsx(request, person_id: int, week: str):
    person, monday = _week_target(request, person_id, week)
    logs = selectors.person_week(person, monday).logs
    response = HttpResponse(exports.logs_xlsx(logs),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="wfh-logs-{person.employee_no}-{monday.isoformat()}.xlsx"'
    return response


@login_required
@require_POST
def week_report(request, person_id: int, week: str):
    me = access.person_of(request.user)
    person, monday = _week_target(request, person_id, week)
    with attempt(request) as outcome:
        services.wfh_week_report(actor=me, person=person, week_start=monday, note=request.POST.get("note", ""))
    if outcome.ok:
        messages.success(request, "已陳報單位主管。")
    return redirect("wfh:week", person.pk, monday.isoformat())


@login_required
def unit_week(request):
    me = access.person_of(request.user)
    monday = _week_param(request.GET.get("week"))
    return render_page(request, "wfh/unit_week.html", "wfh", monday=monday, sunday=monday + timedelta(days=6),
                 rows=selectors.unit_week(me, monday), prev_week=(monday - timedelta(days=7)).isoformat(),
                 next_week=(monday + timedelta(days=7)).isoformat())


@login_required
def overview(request):
    me = access.person_of(request.user)
    if not selectors.is_agency_officer(me):
        raise Http404("居家辦公總覽限人事單位檢視。")
    monday = _week_param(request.GET.get("week"))
    return render_page(request, "wfh/overview.html", "wfh", monday=monday, sunday=monday + timedelta(days=6),
                 rows=selectors.overview(me, monday), prev_week=(monday - timedelta(days=7)).isoformat(),
                 next_week=(monday + timedelta(days=7)).isoformat(),
                 weekdays=[monday + timedelta(days=i) for i in range(5)])


def _assigners(me: Person):
    ids = set()
    boss = me.supervisor
    while boss is not None and boss.pk not in ids:
        ids.add(boss.pk)
        boss = boss.supervisor
    if me.unit.head_id and me.unit.head_id != me.pk:
        ids.add(me.unit.head_id)
    return Person.objects.filter(pk__in=ids).order_by("name")


@login_required
def overtime_new(request):
    me = access.person_of(request.user)
    form = forms.OvertimeForm(request.POST or None, assigners=_assigners(me))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with attempt(request, form, message=True) as outcome:
            overtime = services.wfh_overtime_file(actor=me, assigner=data["assigner"], start=data["start"],
                                                  end=data["end"], work_done=data["work_done"],
                                                  evidence=data["evidence"])
        if outcome.ok:
            messages.success(request, "已送出居家辦公加班，待指派工作之長官確認。")
            return redirect("wfh:overtime", overtime.pk)
    return render_page(request, "wfh/overtime_new.html", "wfh", form=form)


@login_required
def overtime_detail(request, pk: int):
    overtime = selectors.overtime_get_for(request.user, pk)
    return render_page(request, "wfh/overtime.html", "wfh", overtime=overtime)
