from django.contrib import admin

from .models import Agency, Person, RoleAssignment, Unit


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
