from django import forms

from chaiqin.phrases.widgets import PhraseInput
from chaiqin.web.fields import ROCDateField
from chaiqin.web.uploads import UploadField

from .models import OvertimeRequest, OvertimeSlot


class OvertimeRequestForm(forms.Form):
    reason = forms.CharField(label="加班事由", max_length=300, widget=PhraseInput())
    work_items = forms.CharField(label="工作項目內容", widget=forms.Textarea(attrs={"rows": 2}))
    situation = forms.ChoiceField(label="情形", choices=OvertimeRequest.Situation.choices)
    project_start = ROCDateField(label="專案起始日（特殊重大專案業務，3個月240小時自該月起算）", required=False)
    date_from = ROCDateField(label="加班日期（起）")
    date_to = ROCDateField(label="加班日期（迄）", required=False)
    start_time = forms.TimeField(label="每日起", widget=forms.TimeInput(attrs={"placeholder": "18:00"}))
    end_time = forms.TimeField(label="每日迄（早於起時表示跨午夜）", widget=forms.TimeInput(attrs={"placeholder": "21:00"}))
    paper_sign = forms.BooleanField(label="紙本簽到退", required=False)


class ClaimForm(forms.Form):
    compensation = forms.ChoiceField(label="補償方式", choices=OvertimeSlot.Compensation.choices)
    minutes = forms.IntegerField(label="加班分鐘數（紙本簽到退者填寫）", required=False, min_value=1)
    # Empty files reach the one upload check (chaiqin.uploads), which says so in Chinese.
    sheet = UploadField(label="紙本簽到退單", required=False, allow_empty_file=True)

    def __init__(self, *args, paper: bool = True, compensations=None, default: str = "", **kwargs):
        """`paper`: the slot is signed on paper (the minutes and the sheet are asked only then);
        `compensations`: the choices the person's regime allows; `default`: the one proposed."""
        super().__init__(*args, **kwargs)
        if compensations is not None:
            self.fields["compensation"].choices = compensations
        if default:
            self.fields["compensation"].initial = default
        if not paper:
            del self.fields["minutes"], self.fields["sheet"]
