from django.apps import AppConfig


class PayrollConfig(AppConfig):
    name = "chaiqin.payroll"
    verbose_name = "薪資與統計"
