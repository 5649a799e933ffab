from django.contrib import admin
from django.db import models

from chaiqin.web.fields import ROCDateField, ROCDateInput

from .models import Agency, LoginFailure, Person, RoleAssignment, Unit

# Dates in the admin are typed and shown as people write them (民國 115-03-09 or 2026-03-09).
ROC_DATES = {models.DateField: {"form_class": ROCDateField, "widget": ROCDateInput}}


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "parent", "kind", "labor_leave_basis", "comp_time_months"]
    search_fields = ["code", "name"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "head"]
    list_filter = ["agency"]
    autocomplete_fields = ["head"]
    search_fields = ["name"]


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["employee_no", "name", "agency", "unit", "regime", "post", "title", "status", "supervisor"]
    list_filter = ["agency", "regime", "post", "status"]
    search_fields = ["name", "employee_no"]
    autocomplete_fields = ["supervisor", "user"]
    inlines = [RoleInline]
    formfield_overrides = ROC_DATES


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    list_display = ["username", "ip", "at"]
    search_fields = ["username", "ip"]
    readonly_fields = ["username", "ip", "at"]
