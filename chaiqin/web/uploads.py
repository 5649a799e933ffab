"""The one file-upload widget of every form: a button 「選擇檔案」 and beside it 「未選擇檔案」 or
the names chosen, instead of Chromium's own 「Choose Files / No file chosen」, which follows the
browser's language, not the page's (chaiqin/web/static/web/upload.js writes the names)."""

from __future__ import annotations

from django import forms


class UploadInput(forms.FileInput):
    """`<input type="file">` inside a label styled as a button, with the chosen names beside it."""

    template_name = "web/widgets/upload.html"


class MultipleUploadInput(UploadInput):
    allow_multiple_selected = True


class UploadField(forms.FileField):
    """A FileField drawn with UploadInput (the widget of every upload of the system)."""

    widget = UploadInput
