from django.urls import path

from . import views

app_name = "attendance"
urlpatterns = [
    path("", views.home, name="home"),
    path("punch/", views.punch, name="punch"),
    path("missed-punch/new/", views.missed_punch_new, name="missed_punch_new"),
    path("missed-punch/<int:form_id>/", views.missed_punch_detail, name="missed_punch"),
    path("missed-punch/<int:form_id>/edit/", views.missed_punch_edit, name="missed_punch_edit"),
    path("missed-punch/<int:form_id>/print.pdf", views.missed_punch_print, name="missed_punch_print"),
    path("missed-punch/<int:form_id>/evidence/", views.missed_punch_evidence, name="missed_punch_evidence"),
    path("import/", views.punch_import, name="import"),
    path("flagged/", views.flagged, name="flagged"),
    path("settings/", views.settings_home, name="settings"),
    path("settings/devices/new/", views.device_new, name="device_new"),
    path("settings/devices/<int:device_id>/revoke/", views.device_revoke, name="device_revoke"),
    path("settings/devices/<int:device_id>/format/", views.device_format, name="device_format"),
    path("settings/card-no/", views.card_no, name="card_no"),
    path("settings/networks/new/", views.network_new, name="network_new"),
    path("settings/networks/<int:network_id>/remove/", views.network_remove, name="network_remove"),
    path("settings/core-hours/", views.core_hours, name="core_hours"),
    path("settings/profile/", views.profile, name="profile"),
]
