from django.contrib import admin
from django.urls import include, path

from chaiqin.api import api
from chaiqin.health import healthz

# Django's admin knows nothing of agencies: it is for system administrators (superusers) only. An
# agency's personnel office works in the console (/console/), scoped to its own agency; staff
# status alone, or any permission given to a staff account, never opens the admin.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("workflow/", include("chaiqin.workflow.urls")),
    path("leave/", include("chaiqin.leave.urls")),
    path("attendance/", include("chaiqin.attendance.urls")),
    path("overtime/", include("chaiqin.overtime.urls")),
    path("wfh/", include("chaiqin.wfh.urls")),
    path("trips/", include("chaiqin.trips.urls")),
    path("compliance/", include("chaiqin.compliance.urls")),
    path("", include("chaiqin.phrases.urls")),  # /phrases/ and the console's /console/phrases/
    path("console/", include("chaiqin.console.urls")),
    path("console/import/", include("chaiqin.org.import_urls")),
    path("console/on-behalf/", include("chaiqin.org.on_behalf_urls")),
    path("tokens/", include("chaiqin.tokens.urls")),
    path("payroll/", include("chaiqin.payroll.urls")),
    path("", include("chaiqin.web.urls")),
]
