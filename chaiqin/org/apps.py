from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "chaiqin.org"
    verbose_name = "組織與人員"
