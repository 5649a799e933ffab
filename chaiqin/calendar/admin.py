"""The calendar in the admin site, for system administrators: DGPA rows and manual days
(CalendarDay), and typhoon and other closures (Closure). The personnel office (人事室) keeps its
own agency's days and closures in the console (console/views_office.py). Dates are typed and
shown in ROC form (115-03-09)."""

from django import forms
from django.contrib import admin
from django.db import models

from chaiqin.dates import format_roc, weekday_zh
from chaiqin.web.fields import ROCDateField, ROCDateInput

from .models import CalendarDay, Closure

_ROC_DATES = {models.DateField: {"form_class": ROCDateField, "widget": ROCDateInput}}


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    formfield_overrides = _ROC_DATES
    list_display = ("roc_date", "weekday", "is_day_off", "kind", "name", "agency", "source")
    list_filter = ("year", "kind", "is_day_off", "source", ("agency", admin.EmptyFieldListFilter))
    search_fields = ("name",)
    list_select_related = ("agency",)
    fields = ("date", "agency", "kind", "is_day_off", "name", "source")
    list_per_page = 100

    @admin.display(description="日期", ordering="date")
    def roc_date(self, obj):
        return format_roc(obj.date)

    @admin.display(description="星期")
    def weekday(self, obj):
        return weekday_zh(obj.date)


class ClosureForm(forms.ModelForm):
    class Meta:
        model = Closure
        fields = ("agency", "date", "part", "reason", "declared_by")
        field_classes = {"date": ROCDateField}


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    form = ClosureForm
    list_display = ("roc_date", "weekday", "agency", "part", "reason", "declared_by", "created_by", "created_at")
    list_filter = ("part", "reason", "agency")
    search_fields = ("agency__name", "declared_by", "reason")
    list_select_related = ("agency", "created_by")
    date_hierarchy = "date"

    @admin.display(description="日期", ordering="date")
    def roc_date(self, obj):
        return format_roc(obj.date)

    @admin.display(description="星期")
    def weekday(self, obj):
        return weekday_zh(obj.date)

    def save_model(self, request, obj, form, change):
        # Who entered it: the logged-in user's Person, when the user is one.
        if obj.created_by_id is None:
            obj.created_by = getattr(request.user, "person", None)
        super().save_model(request, obj, form, change)
