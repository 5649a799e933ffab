from django import forms

from chaiqin.phrases.widgets import PhraseTextarea
from chaiqin.web.fields import ROCDateTimeField
from chaiqin.web.uploads import UploadField

from . import reader_formats
from .models import AttendanceProfile, Device, MissedPunch


class MissedPunchForm(forms.Form):
    at = ROCDateTimeField(label="補登時間")
    direction = forms.ChoiceField(label="上／下班", choices=MissedPunch.Direction.choices)
    reason = forms.CharField(label="事由", max_length=300, widget=PhraseTextarea(attrs={"rows": 2}))
    evidence = UploadField(label="佐證文件（主管同意證明、LINE報備截圖等）", required=False)


class ReaderChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.get_file_format_display()}，以{obj.get_key_field_display()}對應人員）"


class PunchImportForm(forms.Form):
    reader = ReaderChoice(label="檔案格式（刷卡機）", queryset=Device.objects.none(), required=False,
                          empty_label="本系統 CSV（考勤代號,日期時間）")
    file = UploadField(label="刷卡機檔案")

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reader"].queryset = Device.objects.filter(agency=agency).order_by("name")


class DeviceFormatForm(forms.Form):
    """A reader's file format; positions are `start-end` characters (fixed-width) or column numbers (delimited)."""

    file_format = forms.ChoiceField(label="刷卡檔格式", choices=list(reader_formats.FORMATS.items()))
    key_field = forms.ChoiceField(label="以哪一欄對應人員", choices=list(reader_formats.KEYS.items()))
    skip_lines = forms.IntegerField(label="略過開頭的標題列數", min_value=0, max_value=20, initial=0, required=False)
    delimiter = forms.ChoiceField(label="分隔字元（分隔字元檔）", choices=list(reader_formats.DELIMITERS.items()),
                                  required=False)
    key = forms.CharField(label="卡號／考勤代號的位置", max_length=10, required=False,
                          help_text="定長：起-迄字元位置，如 1-10；分隔字元檔：欄位序號，如 2")
    date = forms.CharField(label="日期的位置", max_length=10, required=False)
    time = forms.CharField(label="時間的位置", max_length=10, required=False,
                           help_text="分隔字元檔的日期欄已含時間時留空")
    reader = forms.CharField(label="機號的位置（可留空）", max_length=10, required=False)

    LAYOUT = ("skip_lines", "delimiter", "key", "date", "time", "reader")

    @classmethod
    def for_device(cls, device):
        layout = device.layout or (reader_formats.DEFAULT_DELIMITED if device.file_format == reader_formats.DELIMITED
                                   else reader_formats.DEFAULT_FIXED)
        return cls(initial={"file_format": device.file_format, "key_field": device.key_field, **layout})

    def layout(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.LAYOUT if self.cleaned_data.get(name) not in (None, "")}


class CardNoForm(forms.Form):
    employee_no = forms.CharField(label="考勤代號", max_length=20)
    card_no = forms.CharField(label="卡號（留空為清除）", max_length=32, required=False)


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
