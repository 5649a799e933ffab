from django.apps import AppConfig


class PhrasesConfig(AppConfig):
    name = "chaiqin.phrases"
    verbose_name = "詞庫"
