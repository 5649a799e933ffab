"""Forms of the console's days-off page (例假、休息日 and the four-week agreement): parse only."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

from chaiqin import rules
from chaiqin.dates import DateInputError, parse_date
from chaiqin.org.models import Person
from chaiqin.overtime.models import DaysOffRoster, FlexibleScheduleAgreement
from chaiqin.web.fields import ROCDateField


class DateListField(forms.CharField):
    """Dates separated by 、 , ， ; or spaces, each ROC or Gregorian (「115-03-04、115-03-11」)."""

    def to_python(self, value):
        text = super().to_python(value) or ""
        out = []
        for part in re.split(r"[、,，;；\s]+", text.strip()):
            if not part:
                continue
            try:
                out.append(parse_date(part))
            except DateInputError as error:
                raise ValidationError(str(error), code="invalid") from None
        return out


class AgreementForm(forms.Form):
    body = forms.ChoiceField(label="同意方式", choices=FlexibleScheduleAgreement.Body.choices,
                             initial=FlexibleScheduleAgreement.Body.MEETING)
    agreed_on = ROCDateField(label="同意日期")
    reference = forms.CharField(label="會議紀錄", max_length=200,
                                help_text="如：115年第1次勞資會議紀錄（115-02-10）第三案")
    in_force_from = ROCDateField(label="實施日")
    in_force_to = ROCDateField(label="終止日（可空白）", required=False)


class RosterForm(forms.Form):
    person = forms.ModelChoiceField(label="人員（勞動基準法適用人員）", queryset=Person.objects.none())
    schedule = forms.ChoiceField(label="排班制度", choices=DaysOffRoster.Schedule.choices)
    period_start = ROCDateField(label="本期起日", help_text="每七日一期，或四週變形工時二十八日一期")
    regular_days_off = DateListField(label="例假", help_text="以頓號分隔，如：115-03-04、115-03-11")
    rest_days = DateListField(label="休息日", required=False, help_text="以頓號分隔")

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (Person.objects.filter(agency=agency, regime=rules.LABOR)
                                          .exclude(status=Person.Status.LEFT).select_related("unit")
                                          .order_by("unit__sort_order", "employee_no"))
        self.fields["person"].label_from_instance = lambda p: f"{p.name}（{p.unit.name} {p.title or p.get_post_display()}）"
