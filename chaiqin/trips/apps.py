from django.apps import AppConfig


class TripsConfig(AppConfig):
    name = "chaiqin.trips"
    verbose_name = "差旅與出國"
