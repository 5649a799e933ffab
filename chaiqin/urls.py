from django.contrib import admin
from django.urls import include, path

from chaiqin.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("workflow/", include("chaiqin.workflow.urls")),
    path("leave/", include("chaiqin.leave.urls")),
    path("attendance/", include("chaiqin.attendance.urls")),
    path("overtime/", include("chaiqin.overtime.urls")),
    path("wfh/", include("chaiqin.wfh.urls")),
    path("trips/", include("chaiqin.trips.urls")),
    path("compliance/", include("chaiqin.compliance.urls")),
    path("payroll/", include("chaiqin.payroll.urls")),
    path("", include("chaiqin.web.urls")),
]
