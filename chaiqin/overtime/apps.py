from django.apps import AppConfig


class OvertimeConfig(AppConfig):
    name = "chaiqin.overtime"
    verbose_name = "加班"
