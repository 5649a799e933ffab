"""Parsing of the 詞庫 pages (the services check and clean the text)."""

from django import forms

from .models import MAX_LENGTH


class PhraseForm(forms.Form):
    text = forms.CharField(label="詞句", max_length=MAX_LENGTH,
                           widget=forms.TextInput(attrs={"maxlength": MAX_LENGTH, "autocomplete": "off"}))
