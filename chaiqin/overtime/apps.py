from django.apps import AppConfig


class OvertimeConfig(AppConfig):
    name = "chaiqin.overtime"
    verbose_name = "加班"

    def ready(self):
        from chaiqin.workflow import registry

        from . import services
        from .models import OvertimeRequest

        registry.register(
            services.KIND, label="加班申請單", model=OvertimeRequest,
            on_approved=services.overtime_on_approved, on_closed=services.overtime_on_closed,
            url=services.overtime_url,
        )
