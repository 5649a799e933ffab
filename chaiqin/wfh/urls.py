from django.urls import path

from . import views

app_name = "wfh"
urlpatterns = [
    path("", views.home, name="home"),
    path("apply/", views.apply, name="apply"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("applications/<int:pk>/decide/", views.application_decide, name="decide"),
    path("applications/<int:pk>/flexible/", views.application_flexible, name="flexible"),
    path("applications/<int:pk>/stop/", views.application_stop, name="stop"),
    path("applications/<int:pk>/rest/", views.application_rest, name="rest"),
    path("applications/<int:pk>/delivered/", views.application_delivered, name="delivered"),
    path("applications/<int:pk>/plan/<str:week>/", views.week_plan, name="plan"),
    path("days/<int:pk>/recall/", views.day_recall, name="recall"),
    path("days/<int:pk>/move/", views.day_move, name="move"),
    path("logs/write/<str:day>/", views.log_write, name="log_write"),
    path("logs/<int:pk>/", views.log_detail, name="log"),
    path("logs/<int:pk>/review/", views.log_review, name="log_review"),
    path("logs/<int:pk>/pdf/", views.log_pdf, name="log_pdf"),
    path("people/<int:person_id>/week/<str:week>/", views.week, name="week"),
    path("people/<int:person_id>/week/<str:week>/pdf/", views.week_pdf, name="week_pdf"),
    path("people/<int:person_id>/week/<str:week>/xlsx/", views.week_xlsx, name="week_xlsx"),
    path("people/<int:person_id>/week/<str:week>/report/", views.week_report, name="week_report"),
    path("unit-week/", views.unit_week, name="unit_week"),
    path("overview/", views.overview, name="overview"),
    path("overtime/new/", views.overtime_new, name="overtime_new"),
    path("overtime/<int:pk>/", views.overtime_detail, name="overtime"),
]
