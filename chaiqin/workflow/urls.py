from django.urls import path

from . import delegation_views, views

app_name = "workflow"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/decide/", views.inbox_decide, name="inbox_decide"),
    path("find/", views.case_find, name="find"),
    path("cases/<int:case_id>/", views.case_detail, name="case"),
    path("cases/<int:case_id>/decide/", views.case_decide, name="decide"),
    path("cases/<int:case_id>/withdraw/", views.case_withdraw, name="withdraw"),
    path("notifications/", views.notifications, name="notifications"),
    path("delegations/", delegation_views.delegations, name="delegations"),
    path("delegations/new/", delegation_views.delegation_new, name="delegation_new"),
    path("delegations/<int:delegation_id>/end/", delegation_views.delegation_end, name="delegation_end"),
]
