"""Pages of the payroll app: my wage data; the wage office's people, a person's wage history
and entry, the 薪資 import; the monthly 加班費印領清冊 (page, XLSX, PDF, CSV); the unused-leave
sheet; 差勤統計 with its drill-down and XLSX; the agency's overtime-pay settings. Thin views:
parse, check permission (404 outside scope, 403 for a missing role), call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect

from chaiqin import clock, rules
from chaiqin.dates import DateInputError, parse_date
from chaiqin.errors import ChaiqinError
from chaiqin.org import access as org_access
from chaiqin.org.models import Unit
from chaiqin.web.pages import month_param, render_page
from chaiqin.web.refusals import attempt

from . import access, charts, exports, imports, selectors, services, sheets, statistics
from .api import _unit_people, statistics_people
from .forms import SettingForm, UnusedLeaveForm, WageForm, WageImportForm

NAV = "payroll"


def _file(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _wage_office(request, *, keep: bool = False):
    me = org_access.person_of(request.user)
    if not access.is_wage_office(me, keep=keep):
        raise PermissionDenied("此頁限人事人員" + ("" if keep else "及主計人員") + "使用。")
    return me


@login_required
def home(request):
    me = org_access.person_of(request.user)
    rows = [services.describe(r) for r in selectors.wage_rows_of(me)]
    return render_page(request, "payroll/home.html", NAV, me=me, rows=rows, office=access.is_wage_office(me),
                 keeper=access.is_wage_office(me, keep=True),
                 sees_statistics=org_access.roles_of(me) != {"employee"}, month=clock.today().replace(day=1))


@login_required
def people(request):
    me = _wage_office(request)
    scope = access.wage_people(me).select_related("unit", "agency").order_by("agency_id", "unit__sort_order",
                                                                                "employee_no")
    unit_id = request.GET.get("unit")
    if unit_id and unit_id.isdigit():
        scope = scope.filter(unit_id=int(unit_id))
    listed = list(scope[:300])
    book = selectors.WageBook([p.pk for p in listed], clock.today(), clock.today())
    lines = [(p, book.on(p.pk, clock.today())) for p in listed]
    return render_page(request, "payroll/people.html", NAV, lines=lines, more=scope.count() > len(listed),
                 keeper=access.is_wage_office(me, keep=True), describe=services.describe)


@login_required
def person(request, person_id: int):
    me = org_access.person_of(request.user)
    target = access.wage_person_get_for(request.user, person_id)
    keeper = access.wage_people(me, keep=True).filter(pk=target.pk).exists()
    form = WageForm(request.POST or None)
    if request.method == "POST":
        if not keeper:
            raise PermissionDenied("只有人事人員可以登錄薪資資料。")
        if form.is_valid():
            data = form.cleaned_data
            with attempt(request, form) as outcome:
                row = services.wage_record_set(by=me, person=target, valid_from=data["valid_from"], basis=data["basis"],
                                               note=data["note"], **{f: data[f] for f in services.MONEY_FIELDS})
            if outcome.ok:
                messages.success(request, f"已登錄 {target.name} 的薪資資料：{services.describe(row)}。")
                return redirect("payroll:person", person_id=target.pk)
    rows = list(selectors.wage_rows_of(target))
    return render_page(request, "payroll/person.html", NAV, target=target, rows=rows, form=form, keeper=keeper,
                 describe=services.describe)


@login_required
def wage_import(request):
    me = _wage_office(request, keep=True)
    if request.GET.get("template"):
        return _file(imports.template_xlsx(), exports.XLSX, "wage-template.xlsx")
    form = WageImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with attempt(request, form, field="file") as outcome:
            result = imports.wage_import(by=me, name=upload.name, data=upload.read(),
                                         dry_run=form.cleaned_data["dry_run"])
        if outcome.ok:
            if result.errors:
                messages.error(request, f"有 {len(result.errors)} 列有誤，全部未儲存。")
            elif result.saved:
                messages.success(request, f"已匯入 {result.saved} 筆薪資資料。")
            else:
                messages.info(request, f"檢查完成：{len(result.rows)} 列皆正確（僅檢查，未儲存）。")
    return render_page(request, "payroll/import.html", NAV, form=form, result=result, columns=imports.COLUMNS)


def _unit_filter(request, people):
    unit_id = request.GET.get("unit", "")
    if unit_id.isdigit():
        return _unit_people(people, int(unit_id)), int(unit_id)
    return people, None


def _units(people):
    return Unit.objects.filter(pk__in=people.values("unit_id")).select_related("agency").order_by("agency_id",
                                                                                                  "sort_order")


@login_required
def pay_sheet(request):
    me = _wage_office(request)
    first = month_param(request, clock.today())
    scope = access.wage_people(me)
    people, unit_id = _unit_filter(request, scope)
    sheet = sheets.overtime_pay_sheet(people, first.year, first.month)
    title = f"{me.agency.name} 民國{first.year - 1911}年{first.month}月加班費印領清冊"
    fmt = request.GET.get("format")
    stem = f"overtime-pay-{first:%Y-%m}"
    if fmt == "xlsx":
        return _file(exports.pay_sheet_xlsx(sheet, title=title), exports.XLSX, f"{stem}.xlsx")
    if fmt == "pdf":
        return _file(exports.pay_sheet_pdf(sheet, title=title, agency_name=me.agency.name, printed_on=clock.today()),
                     "application/pdf", f"{stem}.pdf")
    if fmt == "csv":
        data = exports.pay_csv([(line.person, line.amount) for line in sheet.lines],
                               agency_code_of=lambda p: p.agency.code, period=f"{first:%Y%m}", item="加班費")
        return _file(data, "text/csv; charset=utf-8", f"{stem}.csv")
    return render_page(request, "payroll/pay_sheet.html", NAV, sheet=sheet, title=title, month=first, unit_id=unit_id,
                 units=_units(scope), kinds=[(k, sheets.KIND_LABELS[k]) for k in sheets.KINDS])


@login_required
def unused_leave(request):
    me = _wage_office(request)
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and 1950 <= int(raw) <= 2100 else clock.today().year
    rows = sheets.unused_leave_sheet(access.wage_people(me), year)
    title = f"{me.agency.name} 民國{year - 1911}年未休假工資印領清冊"
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        return _file(exports.unused_leave_xlsx(rows, title=title), exports.XLSX, f"unused-leave-{year}.xlsx")
    if fmt == "pdf":
        return _file(exports.unused_leave_pdf(rows, title=title, printed_on=clock.today()), "application/pdf",
                     f"unused-leave-{year}.pdf")
    if fmt == "csv":
        totals: dict = {}
        for r in rows:
            totals[r.person] = totals.get(r.person, 0) + r.amount
        data = exports.pay_csv(list(totals.items()), agency_code_of=lambda p: p.agency.code, period=f"{year}",
                               item="未休假工資")
        return _file(data, "text/csv; charset=utf-8", f"unused-leave-{year}.csv")
    form = None
    if access.is_wage_office(me, keep=True):
        form = UnusedLeaveForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            target = access.wage_people(me, keep=True).filter(employee_no=data["employee_no"]).first()
            with attempt(request, form) as outcome:
                if target is None:
                    raise ChaiqinError(f"查無考勤代號「{data['employee_no']}」的人員，或不在您的人事管轄範圍。")
                paid = services.unused_leave_pay_post(by=me, person=target, kind=data["kind"],
                                                      period_end=data["period_end"], minutes=data["hours"] * 60,
                                                      earned_on=data["earned_on"], day_kind=data["day_kind"] or "workday")
            if outcome.ok:
                messages.success(request, f"已登錄 {target.name} {paid.get_kind_display()} {paid.amount:,.2f} 元（{paid.citation}）。")
                return redirect(f"{request.path}?year={paid.period_end.year}")
    elif request.method == "POST":
        raise PermissionDenied("只有人事人員可以登錄未休假工資。")
    return render_page(request, "payroll/unused_leave.html", NAV, rows=rows, title=title, year=year, form=form,
                 roc_year=year - 1911, total=sum((r.amount for r in rows), 0))


def _period(request) -> statistics.Period:
    """The period of the statistics page: ?month=YYYY-MM, ?year=YYYY, ?school_year=YYYY (its
    August), ?from=…&to=… (any accepted date form); the current month by default."""
    g = request.GET
    try:
        if g.get("from") and g.get("to"):
            first, last = parse_date(g["from"]), parse_date(g["to"])
            if last < first or (last - first).days > 400:
                raise ChaiqinError("期間的迄日須在起日之後，且不超過一年多。")
            return statistics.range_period(first, last)
        for key, make in (("year", statistics.year_period), ("school_year", statistics.school_year_period)):
            raw = g.get(key, "")
            if raw.isdigit() and 1950 <= int(raw) <= 2100:
                return make(int(raw))
    except DateInputError as exc:
        raise ChaiqinError(str(exc)) from None
    first = month_param(request, clock.today())
    return statistics.month_period(first.year, first.month)


@login_required
def statistics_page(request):
    me = org_access.person_of(request.user)
    if org_access.roles_of(me) == {"employee"}:
        raise PermissionDenied("差勤統計限主管、人事人員及主計人員檢視。")
    scope = statistics_people(me)
    people, unit_id = _unit_filter(request, scope)
    with attempt(request) as outcome:
        period = _period(request)
    if not outcome.ok:
        period = statistics.month_period(clock.today().year, clock.today().month)
    rows = statistics.attendance_summary(people, period)
    codes = statistics.leave_codes(rows)
    units, total = statistics.by_unit(rows)
    if request.GET.get("format") == "xlsx":
        title = f"{me.agency.name} 差勤統計（{period.label}）"
        return _file(exports.statistics_xlsx(rows, codes, title=title), exports.XLSX,
                     f"attendance-{period.first:%Y%m%d}-{period.last:%Y%m%d}.xlsx")
    query = request.GET.copy()
    query.pop("format", None)
    return render_page(request, "payroll/statistics.html", NAV, rows=rows, codes=codes, units=units, total=total,
                 period=period, unit_id=unit_id, unit_choices=_units(scope), query=query.urlencode(),
                 leave_chart=charts.bar_chart([(name, total.leave_minutes.get(code, 0) / 60) for code, name in codes],
                                              unit="時", title="各假別請假時數"),
                 late_chart=charts.bar_chart([(u.name, u.sums["late_count"]) for u in units], unit="次",
                                             title="各單位遲到次數"),
                 overtime_chart=charts.bar_chart([(u.name, u.sums["overtime_minutes"] / 60) for u in units], unit="時",
                                                 title="各單位加班時數"),
                 month=period.first)


@login_required
def statistics_person(request, person_id: int):
    me = org_access.person_of(request.user)
    target = statistics_people(me).select_related("unit", "agency").filter(pk=person_id).first()
    if target is None:
        raise Http404("查無此人員，或您沒有檢視權限。")
    with attempt(request) as outcome:
        period = _period(request)
    if not outcome.ok:
        period = statistics.month_period(clock.today().year, clock.today().month)
    figures = statistics.attendance_summary(target.__class__.objects.filter(pk=target.pk), period)[0]
    appraisal = statistics.appraisal_period(target.regime, period.last.year)
    return render_page(request, "payroll/statistics_person.html", NAV, target=target, period=period, f=figures,
                 records=statistics.person_records(target, period), appraisal=appraisal,
                 codes=statistics.leave_codes([figures]))


@login_required
def settings_page(request):
    me = _wage_office(request, keep=True)
    current = selectors.setting_of(me.agency)
    initial = {} if current is None else {f: getattr(current, f) for f in SettingForm.base_fields}
    form = SettingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with attempt(request, form) as outcome:
            services.payroll_setting_set(by=me, agency=me.agency, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, "已儲存加班費支給設定。")
            return redirect("payroll:settings")
    return render_page(request, "payroll/settings.html", NAV, form=form, law=rules.civil_pay_caps(clock.today()))
