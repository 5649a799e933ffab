from django.apps import AppConfig


class LeaveConfig(AppConfig):
    name = "chaiqin.leave"
    verbose_name = "請假"

    def ready(self):
        from django.urls import reverse

        from chaiqin.workflow import away, occupancy, registry

        from . import selectors, services
        from .models import LeaveCancelRequest, LeaveRequest

        registry.register(
            "leave", label="請假", model=LeaveRequest,
            on_approved=services.leave_request_approved,
            on_closed=services.leave_request_closed,
            url=lambda form: reverse("leave:detail", args=[form.pk]), summary=selectors.leave_summary,
            edit_url=lambda form: reverse("leave:edit", args=[form.pk]),
        )
        registry.register(
            "leave_cancel", label="銷假", model=LeaveCancelRequest,
            on_approved=services.leave_cancel_approved,
            on_closed=services.leave_cancel_closed,
            url=lambda form: reverse("leave:detail", args=[form.request_id]), summary=selectors.cancel_summary,
        )

        def provider(person, start, end):
            return [occupancy.Busy("leave", p.request_id, p.name, p.start, p.end, p.status)
                    for p in selectors.leave_periods(person, start, end)]

        def many(people, start, end):
            return [(p.person_id, occupancy.Busy("leave", p.request_id, p.name, p.start, p.end, p.status))
                    for p in selectors.leave_periods_for([person.pk for person in people], start, end)]

        occupancy.register_provider("leave", provider, many=many)
        # While someone is on approved leave, their agent decides the steps waiting for them.
        away.register_away_provider(selectors.away_covered_by)
