from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "chaiqin.console"
    verbose_name = "人事管理"
