from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .login import LoginView

urlpatterns = [
    path("", views.home, name="home"),
    path("people/", views.people, name="people"),
    path("people/<int:person_id>/", views.person_detail, name="person"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]
