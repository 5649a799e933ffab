from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "chaiqin.compliance"
    verbose_name = "人事業務"

    def ready(self):
        from .services import register_forms

        register_forms()
