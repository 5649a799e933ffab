from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "chaiqin.web"
    verbose_name = "網站"
