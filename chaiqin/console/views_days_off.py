"""Console page of workers' days off: the agency's four-week flexible-schedule agreements
(勞動基準法第30條之1) and each worker's 例假 and 休息日 per period (第36條). Thin: parse, call
overtime.days_off_services, render."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required

from chaiqin import clock
from chaiqin.web.refusals import attempt
from chaiqin.overtime import days_off, days_off_services

from .common import back, console_of, render_console
from .days_off_forms import AgreementForm, RosterForm


@login_required
def days_off_page(request):
    console = console_of(request)
    agency = console.agency
    posted = request.POST if request.method == "POST" else None
    agreement_form = AgreementForm(posted if posted and "agreement" in posted else None, prefix="agreement")
    roster_form = RosterForm(posted if posted and "roster" in posted else None, prefix="roster", agency=agency)
    if posted and "agreement" in posted and agreement_form.is_valid():
        with attempt(request, agreement_form) as outcome:
            days_off_services.flexible_agreement_record(agency=agency, actor=console.viewer, **agreement_form.cleaned_data)
        if outcome.ok:
            messages.success(request, "已登錄四週變形工時同意紀錄。")
            return back("console:days_off", agency=agency)
    if posted and "roster" in posted and roster_form.is_valid():
        data = roster_form.cleaned_data
        with attempt(request, roster_form) as outcome:
            days_off_services.days_off_roster_set(person=data["person"], actor=console.viewer, schedule=data["schedule"],
                                                  period_start=data["period_start"],
                                                  regular_days_off=data["regular_days_off"],
                                                  rest_days=data["rest_days"])
        if outcome.ok:
            messages.success(request, f"已排定{data['person'].name}的例假與休息日。")
            return back("console:days_off", agency=agency)
    since = clock.today() - timedelta(days=days_off.LONGEST_PERIOD)
    return render_console(request, console, "console/days_off.html", "days_off",
                          agreements=days_off.agreements_of(agency),
                          rosters=days_off.rosters_of_agency(agency, since=since),
                          agreement_form=agreement_form, roster_form=roster_form)
