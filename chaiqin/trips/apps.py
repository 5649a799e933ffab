from django.apps import AppConfig


class TripsConfig(AppConfig):
    name = "chaiqin.trips"
    verbose_name = "差旅與出國"

    def ready(self):
        from chaiqin.workflow import occupancy, registry

        from . import selectors, services
        from .models import Overseas, Trip

        registry.register("trip", label="出差單", model=Trip, on_approved=services.on_trip_approved,
                          on_closed=services.on_closed, url=lambda form: f"/trips/{form.pk}/",
                          edit_url=lambda form: f"/trips/{form.pk}/edit/")
        registry.register("outing", label="公出單", model=Trip, on_approved=services.on_trip_approved,
                          on_closed=services.on_closed, url=lambda form: f"/trips/{form.pk}/",
                          edit_url=lambda form: f"/trips/{form.pk}/edit/")
        registry.register("break_report", label="寒暑假出國報備單", model=Overseas,
                          on_approved=services.on_overseas_approved, on_closed=services.on_closed,
                          url=lambda form: f"/trips/overseas/{form.pk}/",
                          edit_url=lambda form: f"/trips/overseas/{form.pk}/edit/")
        registry.register("overseas", label="出國申請單", model=Overseas,
                          on_approved=services.on_overseas_approved, on_closed=services.on_closed,
                          url=lambda form: f"/trips/overseas/{form.pk}/",
                          edit_url=lambda form: f"/trips/overseas/{form.pk}/edit/")
        occupancy.register_provider("trip", selectors.busy_periods, many=selectors.busy_periods_of)
