"""Reason fields with a 詞庫 picker beside them: the widgets carry `data-phrases`, which
phrases.js (loaded on every page) turns into a searchable, keyboard-usable picker that inserts
a phrase of the person's own or the agency's common book. Without the script the field is a
plain input."""

from django import forms

ATTRS = {"data-phrases": "on"}


class PhraseInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__({**ATTRS, **(attrs or {})})


class PhraseTextarea(forms.Textarea):
    def __init__(self, attrs=None):
        super().__init__({**ATTRS, **(attrs or {})})
