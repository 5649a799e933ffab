from django.apps import AppConfig
from django.urls import reverse


class AttendanceConfig(AppConfig):
    name = "chaiqin.attendance"
    verbose_name = "出勤"

    def ready(self):
        from chaiqin.workflow import registry

        from . import services
        from .models import MissedPunch

        registry.register(
            services.MISSED_PUNCH_KIND, label="上下班未刷卡補登單", model=MissedPunch,
            on_approved=services.missed_punch_on_approved, on_closed=services.missed_punch_on_closed,
            url=services.missed_punch_url,
            edit_url=lambda form: reverse("attendance:missed_punch_edit", args=[form.pk]),
        )
