from django.urls import path

from . import views

app_name = "payroll"

urlpatterns = [
    path("", views.home, name="home"),
    path("people/", views.people, name="people"),
    path("people/<int:person_id>/", views.person, name="person"),
    path("import/", views.wage_import, name="import"),
    path("overtime-pay/", views.pay_sheet, name="pay_sheet"),
    path("unused-leave/", views.unused_leave, name="unused_leave"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("statistics/people/<int:person_id>/", views.statistics_person, name="statistics_person"),
    path("settings/", views.settings_page, name="settings"),
]
