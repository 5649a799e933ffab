from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "chaiqin.attendance"
    verbose_name = "出勤"
