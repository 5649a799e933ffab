"""Form fields for dates as people in Taiwan type them (民國 or 西元), using chaiqin.dates.

Plain text inputs rather than `<input type="date">`: the browser's date picker shows and
submits Gregorian dates only, and people here write 115-03-09. The initial value is shown
in ROC form; what was typed is re-shown unchanged when it does not validate.
"""

from __future__ import annotations

from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from chaiqin.dates import DateInputError, format_roc, format_roc_datetime, parse_date, parse_datetime
from chaiqin.org.models import Person
from chaiqin.org.selectors import agent_queryset


class ROCDateInput(forms.TextInput):
    """A text input that shows a date value as `115-03-09`."""

    def __init__(self, attrs=None):
        defaults = {"placeholder": "115-03-09", "autocomplete": "off", "size": "10"}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, date):
            return format_roc(value)
        return super().format_value(value)


class ROCDateTimeInput(forms.TextInput):
    """A text input that shows a datetime value as `115-03-09 08:00` (Asia/Taipei)."""

    def __init__(self, attrs=None):
        defaults = {"placeholder": "115-03-09 08:00", "autocomplete": "off", "size": "16"}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime):
            return format_roc_datetime(value)
        return super().format_value(value)


class ROCDateField(forms.DateField):
    """A date typed as 民國 (`115-03-09`, `115/3/9`, `民國115年3月9日`, `1150309`) or 西元.

    Cleans to a `date`; an unreadable or impossible date becomes a ValidationError with
    chaiqin.dates' Chinese message (code "invalid").
    """

    widget = ROCDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return parse_date(str(value))
        except DateInputError as error:
            raise ValidationError(str(error), code="invalid") from None

    def prepare_value(self, value):
        if isinstance(value, date):
            return format_roc(value)
        return value


class ROCDateTimeField(forms.DateTimeField):
    """A date and time typed as `115-03-09 08:00` or `民國115年3月9日8時00分` (or 西元).

    Cleans to an aware datetime in Asia/Taipei.
    """

    widget = ROCDateTimeInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value if timezone.is_aware(value) else timezone.make_aware(value)
        try:
            return parse_datetime(str(value))
        except DateInputError as error:
            raise ValidationError(str(error), code="invalid") from None

    def prepare_value(self, value):
        if isinstance(value, datetime):
            return format_roc_datetime(value)
        return value


class AgentField(forms.ModelChoiceField):
    """The agent picker (職務代理人): any serving colleague of the agency, the standing agents first.

    Call `offer_to(person)` in the form's __init__. The select carries `data-picker`, which
    web/picker.js turns into a searchable list (type part of a name, an employee number or a unit).
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Person.objects.none())
        kwargs.setdefault("widget", forms.Select(attrs={"data-picker": "1"}))
        super().__init__(**kwargs)

    def offer_to(self, person) -> None:
        self.queryset = agent_queryset(person)

    def label_from_instance(self, obj):
        standing = "★ " if getattr(obj, "standing_order", 1000) < 1000 else ""
        return f"{standing}{obj.name}（{obj.unit.name} {obj.title or obj.get_post_display()}）"
