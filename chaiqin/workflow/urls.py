from django.urls import path

from . import views

app_name = "workflow"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("find/", views.case_find, name="find"),
    path("cases/<int:case_id>/", views.case_detail, name="case"),
    path("cases/<int:case_id>/decide/", views.case_decide, name="decide"),
    path("cases/<int:case_id>/withdraw/", views.case_withdraw, name="withdraw"),
    path("notifications/", views.notifications, name="notifications"),
]
