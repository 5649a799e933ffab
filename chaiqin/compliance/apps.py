from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "chaiqin.compliance"
    verbose_name = "人事業務"

    def ready(self):
        from chaiqin.attendance.allowances import register_provider

        from .allowances import work_time_allowances
        from .services import register_forms

        register_forms()
        register_provider("compliance", work_time_allowances)
