from django.apps import AppConfig


class TokensConfig(AppConfig):
    name = "chaiqin.tokens"
    verbose_name = "API 權杖"
