from django.apps import AppConfig


class WfhConfig(AppConfig):
    name = "chaiqin.wfh"
    verbose_name = "居家辦公"

    def ready(self):
        from django.urls import reverse

        from chaiqin.workflow import occupancy, registry

        from . import selectors, services
        from .models import WfhApplication, WfhOvertime

        registry.register(
            "wfh", label="居家辦公申請", model=WfhApplication,
            on_approved=services.on_application_approved, on_closed=services.on_application_closed,
            url=lambda form: reverse("wfh:application", args=[form.pk]),
            edit_url=lambda form: reverse("wfh:application_edit", args=[form.pk]),
        )
        registry.register(
            "wfh_overtime", label="居家辦公加班", model=WfhOvertime,
            on_approved=services.on_overtime_approved, on_closed=services.on_overtime_closed,
            url=lambda form: reverse("wfh:overtime", args=[form.pk]),
        )
        occupancy.register_provider("wfh", selectors.busy, many=selectors.busy_of)
