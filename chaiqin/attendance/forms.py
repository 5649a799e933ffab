from django import forms

from chaiqin.web.fields import ROCDateTimeField

from .models import MissedPunch


class MissedPunchForm(forms.Form):
    at = ROCDateTimeField(label="補登時間")
    direction = forms.ChoiceField(label="上／下班", choices=MissedPunch.Direction.choices)
    reason = forms.CharField(label="事由", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(label="佐證文件（主管同意證明、LINE報備截圖等）", required=False)


class PunchImportForm(forms.Form):
    file = forms.FileField(label="刷卡機檔案（CSV：考勤代號,日期時間）")
