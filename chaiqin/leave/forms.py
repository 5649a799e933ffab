"""Forms of leave: they only parse (dates in ROC or Gregorian, times, the agent, files)."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone

from chaiqin.org.models import Person
from chaiqin.phrases.widgets import PhraseInput, PhraseTextarea
from chaiqin.web.fields import AgentField, ROCDateField, ROCDateTimeField
from chaiqin.web.uploads import MultipleUploadInput

from .agents import AgentPeriod

_TIME = re.compile(r"^(\d{1,2})[:：時](\d{2})分?$")


def parse_time(text: str) -> time:
    match = _TIME.match((text or "").strip())
    if not match:
        raise forms.ValidationError("時間請以 08:00 或 13:30 輸入。", code="invalid")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        raise forms.ValidationError("時間不合理，請以 00:00 至 24:00 輸入。", code="invalid")
    return time(0, minute) if hour == 24 else time(hour, minute)


class TimeText(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"size": "5", "placeholder": "08:00"}))
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        return parse_time(text) if text else None


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleUploadInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def _combine(day, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


class LeaveRequestForm(forms.Form):
    leave_code = forms.ChoiceField(label="假別")
    start_date = ROCDateField(label="起日")
    start_time = TimeText(label="起時")
    end_date = ROCDateField(label="迄日")
    end_time = TimeText(label="迄時")
    event_date = ROCDateField(label="事實發生日", required=False,
                              help_text="婚假填結婚登記日，喪假填死亡日，陪產檢及陪產假填分娩日")
    agent = AgentField(label="職務代理人", required=False, empty_label="（請選擇）",
                       help_text="★ 為預設職務代理人；可輸入姓名或單位搜尋本機關在職同仁")
    reason = forms.CharField(label="事由", max_length=300, required=False, widget=PhraseTextarea(attrs={"rows": 2}))
    # Further agents, each for part of the period (代理時間; seed 002 出國申請單 「新增區間」).
    span_2 = AgentField(label="分段代理人（二）", required=False, empty_label="（不需要）")
    span_2_start = ROCDateTimeField(label="代理時間起（二）", required=False)
    span_2_end = ROCDateTimeField(label="代理時間訖（二）", required=False)
    span_3 = AgentField(label="分段代理人（三）", required=False, empty_label="（不需要）")
    span_3_start = ROCDateTimeField(label="代理時間起（三）", required=False)
    span_3_end = ROCDateTimeField(label="代理時間訖（三）", required=False)
    attachments = MultipleFileField(label="附件（PDF、JPEG、PNG，每個 5 MB 以內）", required=False)

    def __init__(self, *args, person: Person, offered, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leave_code"].choices = [(t.code, t.name) for t in offered]
        self.fields["agent"].offer_to(person)
        for n in SPANS:
            self.fields[f"span_{n}"].offer_to(person)
            self.fields[f"span_{n}"].help_text = "其他同仁代理請假期間的一部分時，填寫代理人及代理時間" if n == 2 else ""
        agency = person.agency
        self.fields["start_time"].initial = agency.office_start.strftime("%H:%M")
        self.fields["end_time"].initial = agency.office_end.strftime("%H:%M")

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("start_time") is not None:  # both typed
            data["start"] = _combine(data["start_date"], data["start_time"])
        if data.get("end_date") and data.get("end_time") is not None:
            data["end"] = _combine(data["end_date"], data["end_time"])
        data["more_agents"] = []
        for n in SPANS:
            agent, start, end = data.get(f"span_{n}"), data.get(f"span_{n}_start"), data.get(f"span_{n}_end")
            if agent is None and not start and not end:
                continue
            if agent is None or not start or not end:
                self.add_error(f"span_{n}", "分段代理請填寫代理人及代理時間起訖。")
                continue
            data["more_agents"].append(AgentPeriod(agent, start, end))
        return data


SPANS = (2, 3)


class CancelForm(forms.Form):
    whole = forms.BooleanField(label="全部銷假（尚未銷假之全部期間）", required=False)
    start_date = ROCDateField(label="銷假起日", required=False)
    start_time = TimeText(label="起時", required=False)
    end_date = ROCDateField(label="銷假迄日", required=False)
    end_time = TimeText(label="迄時", required=False)
    reason = forms.CharField(label="事由", max_length=300, required=False, widget=PhraseInput())

    def clean(self):
        data = super().clean()
        data["start"] = data["end"] = None
        if data.get("start_date"):
            data["start"] = _combine(data["start_date"], data.get("start_time") or time(0, 0))
        if data.get("end_date"):
            end_time = data.get("end_time")
            if end_time is None:
                data["end"] = _combine(data["end_date"], time(23, 59)) + timedelta(minutes=1)
            else:
                data["end"] = _combine(data["end_date"], end_time)
        return data
