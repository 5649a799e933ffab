from django.urls import path

from . import views, views_deferrals

app_name = "leave"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.request_new, name="new"),
    path("duration/", views.live_duration, name="duration"),
    path("requests/<int:request_id>/", views.request_detail, name="detail"),
    path("requests/<int:request_id>/edit/", views.request_edit, name="edit"),
    path("requests/<int:request_id>/cancel/", views.request_cancel, name="cancel"),
    path("requests/<int:request_id>/attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path("requests/<int:request_id>/print.pdf", views.request_print, name="print"),
    path("requests/<int:request_id>/cancellations/<int:cancellation_id>/print.pdf", views.cancellation_print,
         name="cancellation_print"),
    path("balances/", views.balances, name="balances"),
    path("people/<int:person_id>/balances/", views.person_balances, name="person_balances"),
    path("balances/all/", views.balance_table, name="balance_table"),
    path("balances/all.<str:fmt>", views.balance_export, name="balance_export"),
    path("deferrals/", views_deferrals.deferral_list, name="deferrals"),
    path("team/", views.team_calendar, name="team"),
    path("covering/", views.covering, name="covering"),
    path("ical/issue/", views.ical_issue, name="ical_issue"),
    path("ical/revoke/", views.ical_revoke, name="ical_revoke"),
    path("ical/<str:token>.ics", views.ical_feed, name="ical"),
]
