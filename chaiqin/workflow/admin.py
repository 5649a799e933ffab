from django.contrib import admin

from .models import AuditEvent, Case, Delegation, RouteRule, Step


class StepInline(admin.TabularInline):
    model = Step
    extra = 0
    can_delete = False
    readonly_fields = ["order", "role", "decider", "status", "acted_by", "decided_at", "comment"]

    def has_add_permission(self, request, obj=None):
        return False


class EventInline(admin.TabularInline):
    model = AuditEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "on_behalf_of", "action", "note", "step"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):  # shown, never editable, not even by a superuser
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read-only: cases change only through the workflow services; the trail never changes."""

    list_display = ["title", "kind", "applicant", "status", "created_at"]
    list_filter = ["kind", "status", "agency"]
    inlines = [StepInline, EventInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Case._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RouteRule)
class RouteRuleAdmin(admin.ModelAdmin):
    list_display = ["agency", "kind", "roles", "agency_head_from_minutes"]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["person", "delegate", "start", "end", "reason"]
    autocomplete_fields = ["person", "delegate"]
