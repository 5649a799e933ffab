from django.urls import path

from . import import_views

app_name = "people_import"

urlpatterns = [
    path("", import_views.people_import, name="form"),
    path("template.csv", import_views.template_csv, name="template_csv"),
    path("template.xlsx", import_views.template_xlsx, name="template_xlsx"),
]
