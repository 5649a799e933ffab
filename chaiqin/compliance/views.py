"""Pages of the personnel office's duties. Thin: parse, permission helper, service, render."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from chaiqin import clock, rules
from chaiqin.dates import DateInputError, parse_date
from chaiqin.org import access
from chaiqin.org.models import Person
from chaiqin.web.pages import render_page
from chaiqin.web.refusals import attempt
from chaiqin.workflow import selectors as wf_selectors
from chaiqin.workflow import services as workflow

from . import exports, forms, selectors, services
from .models import Committee, ProtectionStatus, UnpaidLeave


def _me(request) -> Person:
    return access.person_of(request.user)


def _personnel_agency(me: Person):
    agency = selectors.personnel_agency(me)
    if agency is None:
        raise PermissionDenied("此頁僅限人事人員。")
    return agency


def _in_range(year: int | None) -> int | None:
    """A year typed into a URL, ROC (1–188) or Gregorian (1912–2099); anything else is 404."""
    if year and not (1 <= year <= 188 or 1912 <= year <= 2099):
        raise Http404("年度超出範圍，請以民國（如 115）或西元（如 2026）年表示。")
    return year


def _year(year: int | None) -> int:
    return selectors.roc_year(_in_range(year) or clock.today().year)


@login_required
def home(request):
    me = _me(request)
    agency = selectors.personnel_agency(me)
    year = clock.today().year
    context = dict(
        me=me, protections=me.protections.all()[:20],
        lactations=me.lactation_requests.select_related("case")[:20],
        childcares=me.childcare_requests.select_related("case")[:20],
        card=selectors.travel_card(me, year), year=year, roc=year - 1911,
    )
    if agency is not None:
        try:
            days = max(1, min(60, int(request.GET.get("days", 3))))
        except ValueError:
            days = 3
        context.update(dashboard=selectors.dashboard(agency, older_than_days=days), agency=agency)
    return render_page(request, "compliance/home.html", "compliance", **context)


# --- protections ---------------------------------------------------------------------------

@login_required
def protections(request):
    me = _me(request)
    agency = selectors.personnel_agency(me)
    form = forms.ProtectionForm(request.POST or None)
    roster = forms.RosterForm(request.POST if "roster" in request.POST else None) if agency else None
    scope = Person.objects.filter(agency=agency).exclude(status=Person.Status.LEFT) if agency else Person.objects.none()
    form.fields["person"].queryset = scope
    if roster is not None:
        roster.fields["person"].queryset = scope
    if request.method == "POST" and "roster" in request.POST and roster is not None:
        if roster.is_valid():
            with attempt(request, roster) as outcome:
                _, warnings = services.roster_assign(person=roster.cleaned_data["person"], start=roster.cleaned_data["start"],
                                                     end=roster.cleaned_data["end"], actor=me, note=roster.cleaned_data["note"])
            if outcome.ok:
                for w in warnings:
                    messages.error(request, f"注意：{w} 各機關不宜指派妊娠或哺乳期間之女性於午後10時至翌晨6時工作。")
                messages.success(request, "已登錄排班。")
                return redirect("compliance:protections")
    elif request.method == "POST" and form.is_valid():
        target = form.cleaned_data["person"] or me
        with attempt(request, form) as outcome:
            services.protection_mark(person=target, kind=form.cleaned_data["kind"], start=form.cleaned_data["start"],
                                     end=form.cleaned_data["end"], child_birth_date=form.cleaned_data["child_birth_date"],
                                     known_on=form.cleaned_data["known_on"], note=form.cleaned_data["note"], actor=me)
        if outcome.ok:
            messages.success(request, f"已登錄{target.name}的母性保護註記。")
            return redirect("compliance:protections")
    rows = (ProtectionStatus.objects.filter(person__in=scope) if agency else me.protections.all()).select_related("person")
    return render_page(request, "compliance/protections.html", "compliance", form=form, roster=roster, rows=rows[:200],
                 agency=agency)


def _submit(request, form_class, submit, template, detail_name):
    me = _me(request)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with attempt(request, form) as outcome:
            obj = submit(me, form.cleaned_data)
        if outcome.ok:
            messages.success(request, "已送出申請。")
            return redirect(detail_name, form_id=obj.pk)
    return render_page(request, template, "compliance", form=form)


@login_required
def lactation_new(request):
    return _submit(request, forms.LactationForm,
                   lambda me, d: services.lactation_request_submit(person=me, **d),
                   "compliance/lactation_new.html", "compliance:lactation")


@login_required
def childcare_new(request):
    return _submit(request, forms.ChildcareForm,
                   lambda me, d: services.childcare_request_submit(person=me, **d),
                   "compliance/childcare_new.html", "compliance:childcare")


def _detail(request, form_obj, template):
    me = _me(request)
    case = form_obj.case
    current = case.current_step
    may_decide = current is not None and current in wf_selectors.inbox(me)
    may_resubmit = case.status == case.Status.RETURNED and form_obj.person_id == me.pk
    return render_page(request, template, "compliance", form_obj=form_obj, case=case, may_decide=may_decide,
                 decision=forms.ProtectionDecisionForm(), may_resubmit=may_resubmit,
                 resubmit=forms.ResubmitForm(initial={"start": form_obj.start, "end": form_obj.end}),
                 steps=case.steps.select_related("decider"), trail=wf_selectors.trail(case))


@login_required
def lactation_detail(request, form_id: int):
    return _detail(request, selectors.lactation_request_get_for(request.user, form_id), "compliance/protection_detail.html")


@login_required
def childcare_detail(request, form_id: int):
    return _detail(request, selectors.childcare_request_get_for(request.user, form_id), "compliance/protection_detail.html")


def _get_form(request, kind: str, form_id: int):
    if kind == "lactation":
        return selectors.lactation_request_get_for(request.user, form_id)
    if kind == "childcare":
        return selectors.childcare_request_get_for(request.user, form_id)
    raise Http404()


@login_required
@require_POST
def protection_decide(request, kind: str, form_id: int):
    me = _me(request)
    obj = _get_form(request, kind, form_id)
    form = forms.ProtectionDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "請選擇同意或退回修正（依性別平等工作法第21條，機關不得拒絕）。")
    else:
        with attempt(request) as outcome:
            workflow.case_decide(case=obj.case, actor=me, decision=form.cleaned_data["decision"],
                                 comment=form.cleaned_data["comment"])
        if outcome.ok:
            messages.success(request, "已完成簽核。")
    return redirect(f"compliance:{kind}", form_id=obj.pk)


@login_required
@require_POST
def protection_resubmit(request, kind: str, form_id: int):
    me = _me(request)
    obj = _get_form(request, kind, form_id)
    form = forms.ResubmitForm(request.POST)
    if form.is_valid():
        with attempt(request) as outcome:
            services.protection_request_resubmit(form=obj, actor=me, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, "已修正後重送。")
    else:
        messages.error(request, "請填寫正確的起迄日。")
    return redirect(f"compliance:{kind}", form_id=obj.pk)


# --- the survey ----------------------------------------------------------------------------

@login_required
def survey(request, year: int | None = None):
    me = _me(request)
    agency = _personnel_agency(me)
    year = _year(year)
    try:
        view = selectors.survey_view(agency, year)
    except rules.RuleInputError as exc:
        raise Http404(str(exc)) from None
    if request.method == "POST":
        if "confirm" in request.POST:
            with attempt(request) as outcome:
                n = services.survey_confirm_derived(agency=agency, year=year, actor=me)
            if outcome.ok:
                messages.success(request, f"已確認 {n} 項系統依紀錄判斷之答案。")
            return redirect("compliance:survey_year", year=year)
        form = forms.SurveyAnswerForm(request.POST)
        try:
            number = int(request.POST.get("number", ""))
        except ValueError:
            number = 0
        if form.is_valid():
            with attempt(request, prefix=f"第 {number} 項：") as outcome:
                services.survey_answer_set(agency=agency, year=year, number=number, actor=me, **form.cleaned_data)
            if outcome.ok:
                messages.success(request, f"已儲存第 {number} 項。")
        else:
            messages.error(request, "請選擇填報內容。")
        return redirect("compliance:survey_year", year=year)
    return render_page(request, "compliance/survey.html", "compliance", view=view, agency=agency,
                 survey=rules.survey_info(year))


@login_required
def survey_export(request, year: int, fmt: str):
    agency = _personnel_agency(_me(request))
    view = selectors.survey_view(agency, _year(year))
    return _file(exports.survey_export(view, fmt), fmt, f"{view.year}_法定性別友善事項_{agency.code}")


@login_required
def rollup(request, year: int | None = None):
    agency = _personnel_agency(_me(request))
    result = selectors.rollup(agency, _year(year))
    return render_page(request, "compliance/rollup.html", "compliance", rollup=result, agency=agency)


@login_required
def rollup_export(request, year: int, fmt: str):
    agency = _personnel_agency(_me(request))
    result = selectors.rollup(agency, _year(year))
    own = result.rows[0][1]
    return _file(exports.survey_export(own, fmt, rollup=result), fmt, f"{result.year}_法定性別友善事項達成率_{agency.code}")


def _file(data: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.{fmt}"
    return response


@login_required
def committees(request, year: int | None = None):
    me = _me(request)
    agency = _personnel_agency(me)
    year = _year(year)
    form = forms.CommitteeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with attempt(request, form) as outcome:
            services.committee_set_members(agency=agency, year=year, kind=form.cleaned_data["kind"],
                                           members=form.cleaned_data["members"], actor=me)
        if outcome.ok:
            messages.success(request, "已儲存委員名單。")
            return redirect("compliance:committees_year", year=year)
    rows = Committee.objects.filter(agency=agency, year=year).prefetch_related("members")
    view = selectors.survey_view(agency, year)
    checks = {6: view.items[5], 7: view.items[6]}
    return render_page(request, "compliance/committees.html", "compliance", form=form, rows=rows, year=year, checks=checks)


@login_required
def unpaid_leave(request):
    me = _me(request)
    agency = _personnel_agency(me)
    form = forms.UnpaidLeaveForm(request.POST if "record" in request.POST else None)
    form.fields["person"].queryset = Person.objects.filter(agency=agency).exclude(status=Person.Status.LEFT)
    if request.method == "POST" and "record" in request.POST and form.is_valid():
        with attempt(request, form) as outcome:
            services.unpaid_leave_record(actor=me, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, "已登錄留職停薪。")
            return redirect("compliance:unpaid_leave")
    if request.method == "POST" and "return" in request.POST:
        leave = UnpaidLeave.objects.filter(pk=request.POST.get("leave"), person__agency=agency).first()
        if leave is None:
            raise Http404()
        try:
            returned_on = parse_date(request.POST.get("returned_on", ""))
        except DateInputError as exc:  # a date that cannot be read: the form's parsing, not a refusal
            messages.error(request, str(exc))
            return redirect("compliance:unpaid_leave")
        with attempt(request) as outcome:
            services.unpaid_leave_return(leave=leave, returned_on=returned_on,
                                         returned_title=request.POST.get("returned_title", ""),
                                         to_original=request.POST.get("to_original") == "on",
                                         note=request.POST.get("note", ""), actor=me)
        if outcome.ok:
            messages.success(request, "已登錄回職復薪。")
        return redirect("compliance:unpaid_leave")
    rows = UnpaidLeave.objects.filter(person__agency=agency).select_related("person")[:200]
    return render_page(request, "compliance/unpaid_leave.html", "compliance", form=form, rows=rows)


# --- travel card ---------------------------------------------------------------------------

@login_required
def travel_card(request, year: int | None = None):
    me = _me(request)
    year = selectors.gregorian_year(_in_range(year) or clock.today().year)
    agency = selectors.personnel_agency(me)
    form = None
    cards = []
    if agency is not None:
        form = forms.SelfUseForm(request.POST or None)
        form.fields["person"].queryset = Person.objects.filter(agency=agency).exclude(status=Person.Status.LEFT)
        if request.method == "POST" and form.is_valid():
            with attempt(request, form) as outcome:
                services.travel_card_self_use_accept(year=year, actor=me, **form.cleaned_data)
            if outcome.ok:
                messages.success(request, "已登錄全數自行運用認定。")
                return redirect("compliance:travel_card_year", year=year)
        people = Person.objects.filter(agency=agency, status=Person.Status.ACTIVE).select_related("agency", "unit")[:300]
        cards = [selectors.travel_card(p, year) for p in people]
    return render_page(request, "compliance/travel_card.html", "compliance", card=selectors.travel_card(me, year),
                 cards=cards, form=form, year=year, roc=year - 1911)
