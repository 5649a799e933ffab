from django.urls import path

from . import views

app_name = "phrases"
urlpatterns = [
    path("phrases/", views.own_book, name="own"),
    path("phrases/add/", views.own_add, name="own_add"),
    path("phrases/<int:phrase_id>/delete/", views.own_delete, name="own_delete"),
    path("phrases/pick/", views.pick, name="pick"),
    path("console/phrases/", views.common_book, name="common"),
    path("console/phrases/add/", views.common_add, name="common_add"),
    path("console/phrases/<int:phrase_id>/delete/", views.common_delete, name="common_delete"),
]
