from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "chaiqin.workflow"
    verbose_name = "簽核流程"
