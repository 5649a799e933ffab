from django.urls import path

from . import on_behalf_views

app_name = "on_behalf"

urlpatterns = [
    path("", on_behalf_views.choose, name="choose"),
    path("<int:person_id>/leave/", on_behalf_views.leave, name="leave"),
    path("<int:person_id>/missed-punch/", on_behalf_views.missed_punch, name="missed_punch"),
    path("<int:person_id>/overtime/", on_behalf_views.overtime, name="overtime"),
]
