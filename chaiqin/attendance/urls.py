from django.urls import path

from . import views

app_name = "attendance"
urlpatterns = [
    path("", views.home, name="home"),
    path("punch/", views.punch, name="punch"),
    path("missed-punch/new/", views.missed_punch_new, name="missed_punch_new"),
    path("missed-punch/<int:form_id>/", views.missed_punch_detail, name="missed_punch"),
    path("import/", views.punch_import, name="import"),
    path("flagged/", views.flagged, name="flagged"),
]
