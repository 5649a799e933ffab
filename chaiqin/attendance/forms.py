from django import forms

from chaiqin.web.fields import ROCDateTimeField

from .models import AttendanceProfile, MissedPunch


class MissedPunchForm(forms.Form):
    at = ROCDateTimeField(label="補登時間")
    direction = forms.ChoiceField(label="上／下班", choices=MissedPunch.Direction.choices)
    reason = forms.CharField(label="事由", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(label="佐證文件（主管同意證明、LINE報備截圖等）", required=False)


class PunchImportForm(forms.Form):
    file = forms.FileField(label="刷卡機檔案（CSV：考勤代號,日期時間）")


class DeviceForm(forms.Form):
    name = forms.CharField(label="刷卡機名稱", max_length=60)


class NetworkForm(forms.Form):
    cidr = forms.CharField(label="網段（CIDR）", max_length=50, help_text="如 10.20.0.0/16 或 2001:db8::/32")
    label = forms.CharField(label="說明", max_length=60, required=False)


class CoreHoursForm(forms.Form):
    division = forms.ChoiceField(label="學制", choices=AttendanceProfile.Division.choices)
    start = forms.TimeField(label="核心時段起")
    end = forms.TimeField(label="核心時段迄")


class ProfileForm(forms.Form):
    employee_no = forms.CharField(label="考勤代號", max_length=20)
    division = forms.ChoiceField(label="學制（專任教師）", choices=AttendanceProfile.Division.choices)
    shift_work = forms.BooleanField(label="輪班人員（休息不足11小時之加班不予受理）", required=False)
