"""Forms of work from home: they only parse; services decide."""

from __future__ import annotations

from django import forms

from chaiqin import rules
from chaiqin.org.wording import in_own_words
from chaiqin.web.fields import ROCDateField, ROCDateTimeField

from .models import WfhApplication, WfhLogItem

LOG_ROWS = 5


class ApplicationForm(forms.Form):
    relation = forms.ChoiceField(label="事由", choices=WfhApplication.Relation.choices, widget=forms.RadioSelect)
    due_date = ROCDateField(label="預產期", required=False, help_text="或填下方的目前懷孕週數")
    gestation_weeks = forms.IntegerField(label="目前懷孕週數（已滿週數）", required=False, min_value=0, max_value=45)
    start = ROCDateField(label="居家辦公起日")
    end = ROCDateField(label="居家辦公迄日", help_text="至遲至分娩前；分娩後自動結束")
    workplace = forms.CharField(label="約定居家辦公地點", max_length=200)
    own_device = forms.BooleanField(label="使用自有資通訊設備（須通過機關資通安全檢測）", required=False)
    contact = forms.CharField(label="上班時間聯繫方式", max_length=100, required=False)
    note = forms.CharField(label="說明", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("due_date") is None and data.get("gestation_weeks") is None and not self.errors:
            self.add_error("due_date", "請填寫預產期，或目前懷孕週數。")
        return data


class DecideForm(forms.Form):
    """The 第4點 checklist as the decider answers it, then the decision."""

    decision = forms.ChoiceField(label="簽核", choices=[("approve", "同意"), ("return", "退回修正"), ("reject", "不同意")])
    comment = forms.CharField(label="意見", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, own_device: bool = False, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = []
        for item in rules.wfh_approval_checklist():
            if item.kind == "note" or (item.applies_when == "own_device" and not own_device):
                continue
            label = ("【須符合】" if item.kind == "required" else "【審酌】") + item.text
            self.fields[f"check_{item.key}"] = forms.BooleanField(label=label, required=False,
                                                                   help_text=in_own_words(item.citation, agency) if agency else item.citation)
            self.items.append(item)
        self.order_fields([f"check_{i.key}" for i in self.items] + ["decision", "comment"])

    def answers(self) -> dict[str, bool]:
        return {item.key: bool(self.cleaned_data.get(f"check_{item.key}")) for item in self.items}


class WeekPlanForm(forms.Form):
    days = forms.MultipleChoiceField(label="居家辦公日", required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].choices = choices


class LogForm(forms.Form):
    work_start = forms.TimeField(label="上班時間（起）")
    work_end = forms.TimeField(label="上班時間（迄）")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, LOG_ROWS + 1):
            self.fields[f"item_{i}"] = forms.CharField(label=f"工作項目{i}", required=False, max_length=200)
            self.fields[f"done_{i}"] = forms.CharField(label=f"執行情形{i}", required=False,
                                                       widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"progress_{i}"] = forms.ChoiceField(label=f"工作進度說明{i}", required=False,
                                                             choices=WfhLogItem.Progress.choices,
                                                             widget=forms.RadioSelect)

    def rows(self):
        return [(self[f"item_{i}"], self[f"done_{i}"], self[f"progress_{i}"]) for i in range(1, LOG_ROWS + 1)]

    def items(self) -> list[dict]:
        return [{"item": self.cleaned_data.get(f"item_{i}", ""), "done": self.cleaned_data.get(f"done_{i}", ""),
                 "progress": self.cleaned_data.get(f"progress_{i}", "")} for i in range(1, LOG_ROWS + 1)]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label="審核", choices=[("approve", "審核通過"), ("return", "退回補正")],
                                 widget=forms.RadioSelect, initial="approve")
    comment = forms.CharField(label="意見", required=False, max_length=500)


class RecallForm(forms.Form):
    reason = forms.CharField(label="召回理由", max_length=300)


class MoveForm(forms.Form):
    to = ROCDateField(label="調整至")
    reason = forms.CharField(label="調整理由", max_length=300)


class FlexibleForm(forms.Form):
    days = forms.IntegerField(label="每週居家辦公日數", required=False, min_value=0, max_value=7,
                              help_text="留空則回復第3點第1項的日數")
    reason = forms.CharField(label="理由（非依辦公日曆表出勤或業務性質特殊）", required=False, max_length=300)


class StopForm(forms.Form):
    reason = forms.CharField(label="違反之規定或情節", max_length=500)
    on = ROCDateField(label="停止日", required=False)


class RestForm(forms.Form):
    on = ROCDateField(label="安胎休養起日")
    note = forms.CharField(label="說明", required=False, max_length=200)


class DeliveredForm(forms.Form):
    delivered_on = ROCDateField(label="分娩日")


class OvertimeForm(forms.Form):
    assigner = forms.ModelChoiceField(label="指派工作之長官", queryset=None)
    start = ROCDateTimeField(label="加班起")
    end = ROCDateTimeField(label="加班迄")
    work_done = forms.CharField(label="指派工作內容", max_length=500)
    evidence = forms.CharField(label="佐證資料（通話紀錄、訊息對話或完成文件交付紀錄）",
                               widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, assigners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigner"].queryset = assigners
