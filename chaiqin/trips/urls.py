from django.urls import path

from . import views

app_name = "trips"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.trip_new, name="trip_new"),
    path("<int:trip_id>/", views.trip_detail, name="trip"),
    path("<int:trip_id>/edit/", views.trip_edit, name="trip_edit"),
    path("<int:trip_id>/trip.pdf", views.trip_pdf, name="trip_pdf"),
    path("<int:trip_id>/claim.pdf", views.claim_pdf, name="claim_pdf"),
    path("<int:trip_id>/expenses/", views.trip_expenses, name="expenses"),
    path("<int:trip_id>/attachments/<int:trip_attachment_id>/", views.trip_attachment, name="trip_attachment"),
    path("overseas/<int:overseas_id>/attachments/<int:overseas_attachment_id>/", views.overseas_attachment,
         name="overseas_attachment"),
    path("overseas/new/<str:form_kind>/", views.overseas_new, name="overseas_new"),
    path("overseas/<int:overseas_id>/", views.overseas_detail, name="overseas"),
    path("overseas/<int:overseas_id>/edit/", views.overseas_edit, name="overseas_edit"),
    path("overseas/<int:overseas_id>/delete/", views.overseas_delete, name="overseas_delete"),
    path("overseas/<int:overseas_id>/submit/", views.overseas_submit, name="overseas_submit"),
    path("overseas/<int:overseas_id>/attach/", views.overseas_attach, name="overseas_attach"),
    path("overseas/<int:overseas_id>/mainland/", views.mainland_edit, name="mainland"),
    path("overseas/<int:overseas_id>/return/", views.return_report, name="return_report"),
    path("overseas/<int:overseas_id>/overseas.pdf", views.overseas_pdf, name="overseas_pdf"),
    path("overseas/<int:overseas_id>/mainland.pdf", views.mainland_pdf, name="mainland_pdf"),
    path("overseas/<int:overseas_id>/return.pdf", views.return_pdf, name="return_pdf"),
    path("overseas/<int:overseas_id>/principal-notice.pdf", views.principal_notice_pdf, name="principal_notice_pdf"),
    path("breaks/", views.breaks, name="breaks"),
]
