from django.apps import AppConfig


class WfhConfig(AppConfig):
    name = "chaiqin.wfh"
    verbose_name = "居家辦公"
