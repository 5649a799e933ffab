from django.apps import AppConfig
from django.urls import reverse


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
            url=services.overtime_url, summary=_summary,
            edit_url=lambda form: reverse("overtime:request_edit", args=[form.pk]),
        )


def _summary(request) -> list[tuple[str, str]]:
    """An overtime request as its deciders read it: its own fields, then each slot's hours."""
    from chaiqin.dates import format_roc, weekday_zh
    from chaiqin.durations import format_hours
    from django.utils import timezone

    from chaiqin.workflow.registry import form_summary_fields

    slots = [f"{s.person.name} {format_roc(s.day)}（{weekday_zh(s.day)}）{timezone.localtime(s.start):%H:%M}–{timezone.localtime(s.end):%H:%M}"
             f"（{format_hours(int((s.end - s.start).total_seconds() // 60))}）"
             for s in request.slots.select_related("person").order_by("start")]
    return form_summary_fields(request) + [("加班時段", "\n".join(slots))]
