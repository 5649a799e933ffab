"""Forms only parse; services decide."""

from django import forms

from chaiqin.org.models import Person
from chaiqin.web.fields import ROCDateField, ROCDateTimeField

from .models import ChildcareHoursRequest, Committee, ProtectionStatus, TravelCardSelfUse, UnpaidLeave


class ProtectionForm(forms.Form):
    kind = forms.ChoiceField(label="類別", choices=ProtectionStatus.Kind.choices)
    start = ROCDateField(label="起日")
    end = ROCDateField(label="迄日（可空白）", required=False)
    child_birth_date = ROCDateField(label="子女出生日（哺乳期間必填）", required=False)
    known_on = ROCDateField(label="機關知悉日（空白則同起日）", required=False,
                            help_text="本人告知或提出相關申請之日；夜間工作之保護自此日起適用")
    note = forms.CharField(label="備註", required=False, max_length=200)
    person = forms.ModelChoiceField(label="人員（人事人員代為登錄）", queryset=Person.objects.none(), required=False)


class LactationForm(forms.Form):
    child_birth_date = ROCDateField(label="子女出生日")
    start = ROCDateField(label="起日")
    end = ROCDateField(label="迄日")
    times = forms.CharField(label="哺（集）乳時段", required=False, max_length=100,
                            help_text="例：10:00–10:30、15:00–15:30")


class ChildcareForm(forms.Form):
    child_birth_date = ROCDateField(label="子女出生日")
    mode = forms.ChoiceField(label="請求事項", choices=ChildcareHoursRequest.Mode.choices, widget=forms.RadioSelect)
    reduce_at = forms.ChoiceField(label="減少的一小時", choices=ChildcareHoursRequest.ReduceAt.choices,
                                  initial=ChildcareHoursRequest.ReduceAt.END, required=False,
                                  help_text="每天減少工作時間一小時者選擇")
    start = ROCDateField(label="起日")
    end = ROCDateField(label="迄日")
    work_start = forms.TimeField(label="調整後上班時間", required=False)
    work_end = forms.TimeField(label="調整後下班時間", required=False)
    reason = forms.CharField(label="說明", required=False, max_length=300)

    def clean_reduce_at(self):
        return self.cleaned_data.get("reduce_at") or ChildcareHoursRequest.ReduceAt.END


class ProtectionDecisionForm(forms.Form):
    """§21: only approve or return for correction — there is no reject."""

    decision = forms.ChoiceField(label="簽核", choices=[("approve", "同意"), ("return", "退回修正")],
                                 widget=forms.RadioSelect)
    comment = forms.CharField(label="意見", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ResubmitForm(forms.Form):
    start = ROCDateField(label="起日")
    end = ROCDateField(label="迄日")
    note = forms.CharField(label="修正說明", required=False, max_length=300)


class SurveyAnswerForm(forms.Form):
    answer = forms.ChoiceField(label="填報內容", choices=[("是", "是"), ("否", "否"), ("依法無須辦理", "依法無須辦理")])
    evidence = forms.CharField(label="佐證說明", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(label="更正理由", required=False, max_length=300)


class CommitteeForm(forms.Form):
    kind = forms.ChoiceField(label="委員會", choices=Committee.Kind.choices)
    members = forms.CharField(label="委員（每行一位：姓名,男 或 姓名,女）", widget=forms.Textarea(attrs={"rows": 8}))

    def clean_members(self):
        out = []
        for n, line in enumerate(self.cleaned_data["members"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            parts = [p.strip() for p in line.replace("，", ",").split(",")]
            gender = {"男": "M", "女": "F", "M": "M", "F": "F"}.get(parts[-1] if len(parts) == 2 else "")
            if len(parts) != 2 or gender is None:
                raise forms.ValidationError(f"第 {n} 行「{line}」格式應為「姓名,男」或「姓名,女」。")
            out.append((parts[0], gender))
        if not out:
            raise forms.ValidationError("請至少登錄一位委員。")
        return out


class RosterForm(forms.Form):
    person = forms.ModelChoiceField(label="人員", queryset=Person.objects.none())
    start = ROCDateTimeField(label="起（日期 時間）")
    end = ROCDateTimeField(label="迄（日期 時間）")
    note = forms.CharField(label="事由", required=False, max_length=200)


class SelfUseForm(forms.Form):
    person = forms.ModelChoiceField(label="人員", queryset=Person.objects.none())
    reason = forms.ChoiceField(label="認定事由", choices=TravelCardSelfUse.Reason.choices)
    note = forms.CharField(label="說明", required=False, max_length=200)


class UnpaidLeaveForm(forms.Form):
    person = forms.ModelChoiceField(label="人員", queryset=Person.objects.none())
    reason = forms.ChoiceField(label="事由", choices=UnpaidLeave.Reason.choices)
    start = ROCDateField(label="起日")
    end = ROCDateField(label="預定迄日")
    was_supervisor = forms.BooleanField(label="原為主管職務", required=False)
