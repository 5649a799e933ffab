from django.apps import AppConfig


class LeaveConfig(AppConfig):
    name = "chaiqin.leave"
    verbose_name = "請假"
