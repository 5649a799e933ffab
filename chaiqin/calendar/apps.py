from django.apps import AppConfig


class OfficeCalendarConfig(AppConfig):
    name = "chaiqin.calendar"
    label = "office_calendar"
    verbose_name = "辦公日曆"
