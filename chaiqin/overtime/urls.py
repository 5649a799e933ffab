from django.urls import path

from . import views

app_name = "overtime"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.request_new, name="new"),
    path("requests/<int:request_id>/", views.request_detail, name="request"),
    path("requests/<int:request_id>/edit/", views.request_edit, name="request_edit"),
    path("requests/<int:request_id>/print.pdf", views.request_print, name="print"),
    path("requests/<int:request_id>/slots/<int:slot_id>/sheet/", views.slot_sheet, name="slot_sheet"),
    path("slots/<int:slot_id>/sign/<str:direction>/", views.slot_sign, name="sign"),
    path("slots/<int:slot_id>/claim/", views.slot_claim, name="claim"),
    path("trips/<int:trip_id>/claim/", views.trip_claim, name="trip_claim"),
    path("sheet/", views.sheet, name="sheet"),
    path("exceptional/", views.exceptional, name="exceptional"),
]
