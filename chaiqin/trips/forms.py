"""Parsing of the trips pages (dates in 民國 or 西元). No business rules here: services decide."""

from __future__ import annotations

from django import forms

from chaiqin import rules
from chaiqin.org.models import Person
from chaiqin.phrases.widgets import PhraseInput
from chaiqin.web.fields import AgentField, ROCDateField, ROCDateInput, ROCDateTimeField
from chaiqin.web.uploads import UploadField

from .models import Attachment, BreakPeriod, MainlandForm, Overseas, Trip
from .services import LeaveLine

RADIO = forms.RadioSelect


class _Form(forms.Form):
    """Labels without the trailing colon, as on the seed's forms."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class TripForm(_Form):
    nature = forms.ChoiceField(label="公差性質", choices=Trip.Nature.choices, widget=RADIO, initial="official")
    place = forms.CharField(label="公差地點", max_length=100)
    reason = forms.CharField(label="公差事由", max_length=300, widget=PhraseInput())
    start = ROCDateTimeField(label="公差期間起")
    end = ROCDateTimeField(label="公差期間訖")
    sign_mode = forms.ChoiceField(label="簽到退方式", choices=Trip.SignMode.choices, widget=RADIO, initial="system")
    overtime_hours = forms.DecimalField(label="自行填寫加班時數（假日出差時填寫，小時）", required=False, min_value=0,
                                        max_digits=5, decimal_places=1)
    agent = AgentField(label="代理人", required=False)
    attachment_note = forms.CharField(label="附件說明", max_length=200, required=False)
    attachment = UploadField(label="上傳檔案（核定簽呈等，PDF/JPEG/PNG）", required=False)

    def __init__(self, *args, person: Person, fixed_nature: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agent"].offer_to(person)
        if fixed_nature:
            # a correction keeps the kind: it decides the form, its chain and what it pays
            self.fields["nature"].disabled = True
            self.initial["nature"] = fixed_nature


class OverseasForm(_Form):
    category = forms.ChoiceField(label="出國類別", choices=Overseas.Category.choices, widget=RADIO, initial="tourism")
    destination = forms.ChoiceField(label="預定前往國家", choices=Overseas.Destination.choices, widget=RADIO,
                                    initial="other")
    country = forms.CharField(label="國家或地區", max_length=60, required=False)
    start = ROCDateTimeField(label="預定出國期間起（請填寫全部出國日期，含假日）")
    end = ROCDateTimeField(label="預定出國期間訖")
    reason = forms.CharField(label="事由", max_length=300, widget=PhraseInput())
    attachment_note = forms.CharField(label="附件說明", max_length=200, required=False)
    attachment_purpose = forms.ChoiceField(label="附件用途", choices=Attachment.Purpose.choices, initial="other",
                                           required=False)
    attachment = UploadField(label="上傳檔案（PDF/JPEG/PNG）", required=False)


class ApplicationForm(OverseasForm):
    has_classes = forms.TypedChoiceField(label="請假期間有無課務", choices=[("0", "否"), ("1", "是")], widget=RADIO,
                                         coerce=lambda v: v == "1", initial="0")
    agent = AgentField(label="職務代理人", required=False)
    agent_start = ROCDateTimeField(label="代理時間起", required=False)
    agent_end = ROCDateTimeField(label="代理時間訖", required=False)
    agent_phone = forms.CharField(label="代理人電話", max_length=60, required=False)

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agent"].offer_to(person)
        choices = [("", "—")] + [(t.code, t.name) for t in rules.leave_types(person.regime)]
        for i in range(1, 6):
            self.fields[f"leave{i}_code"] = forms.ChoiceField(label=f"請假類別{i}", choices=choices, required=False)
            self.fields[f"leave{i}_start"] = ROCDateTimeField(label=f"請假類別{i} 起", required=False)
            self.fields[f"leave{i}_end"] = ROCDateTimeField(label=f"請假類別{i} 訖", required=False)

    def leave_rows(self):
        return [(self[f"leave{i}_code"], self[f"leave{i}_start"], self[f"leave{i}_end"]) for i in range(1, 6)]

    def leave_lines(self):
        lines = []
        for i in range(1, 6):
            code = self.cleaned_data.get(f"leave{i}_code")
            if code:
                lines.append(LeaveLine(code, self.cleaned_data.get(f"leave{i}_start"), self.cleaned_data.get(f"leave{i}_end")))
        return lines


class MainlandFormForm(_Form):
    places = forms.CharField(label="赴大陸地區之地點", max_length=200)
    previous_start = ROCDateField(label="前次赴大陸地區日期起（未曾前往免填）", required=False)
    previous_end = ROCDateField(label="前次赴大陸地區日期止", required=False)
    count_this_year = forms.IntegerField(label="本年曾赴大陸地區次數", min_value=0, initial=0)
    q_article_9 = forms.BooleanField(label=MainlandForm._meta.get_field("q_article_9").verbose_name, required=False)
    q_state_secrets = forms.BooleanField(label=MainlandForm._meta.get_field("q_state_secrets").verbose_name, required=False)
    q_intelligence = forms.BooleanField(label=MainlandForm._meta.get_field("q_intelligence").verbose_name, required=False)
    q_special_check = forms.BooleanField(label=MainlandForm._meta.get_field("q_special_check").verbose_name, required=False)
    purpose = forms.ChoiceField(
        label="事由（檢附文件）", widget=RADIO,
        choices=[(v, f"{label}（{MainlandForm.REQUIRED_DOCUMENT[v]}）") for v, label in MainlandForm.Purpose.choices])
    phone_in_mainland = forms.CharField(label="在大陸聯絡電話", max_length=60, required=False)
    note = forms.CharField(label="備考", max_length=200, required=False)
    document = UploadField(label="檢附文件（PDF/JPEG/PNG）", required=False)


class ReturnReportForm(_Form):
    returned_on = ROCDateField(label="返臺日期")
    questioned = forms.BooleanField(label="在大陸期間是否遭大陸有關單位詢問、盤查或要求提供資料", required=False)
    contacted = forms.BooleanField(label="是否與大陸人士有涉及職務之接觸或往來", required=False)
    other_events = forms.BooleanField(label="是否有其他異常狀況", required=False)
    details = forms.CharField(label="說明（勾選任一項時必填）", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}))


class AttachmentForm(_Form):
    purpose = forms.ChoiceField(label="附件用途", choices=Attachment.Purpose.choices)
    # Empty files reach the one upload check (chaiqin.uploads), which says so in Chinese.
    attachment = UploadField(label="上傳檔案（PDF/JPEG/PNG）", allow_empty_file=True)


class BreakPeriodForm(_Form):
    school_year = forms.IntegerField(label="學年度", min_value=1)
    kind = forms.ChoiceField(label="寒暑假", choices=BreakPeriod.Kind.choices)
    start = ROCDateField(label="起")
    end = ROCDateField(label="迄")


_AMOUNT = forms.NumberInput(attrs={"style": "width:6.5em", "inputmode": "numeric"})


class ExpenseLineForm(_Form):
    """One line of the travel-expense sheet; amounts in whole NTD (blank is 0)."""

    day = ROCDateField(label="日期", widget=ROCDateInput(attrs={"style": "width:7.5em"}))
    route = forms.CharField(label="起訖地點", max_length=100, widget=forms.TextInput(attrs={"style": "width:10em"}))
    work = forms.CharField(label="工作記要", max_length=200, required=False,
                           widget=forms.TextInput(attrs={"style": "width:14em"}))
    plane_hsr = forms.IntegerField(label="飛機、高鐵", min_value=0, required=False, widget=_AMOUNT)
    bus_mrt = forms.IntegerField(label="汽車及捷運", min_value=0, required=False, widget=_AMOUNT)
    train = forms.IntegerField(label="火車", min_value=0, required=False, widget=_AMOUNT)
    ship = forms.IntegerField(label="船舶", min_value=0, required=False, widget=_AMOUNT)
    lodging = forms.IntegerField(label="住宿費", min_value=0, required=False, widget=_AMOUNT)
    miscellaneous = forms.IntegerField(label="雜費", min_value=0, required=False, widget=_AMOUNT)
    receipts = forms.CharField(label="單據號數", max_length=60, required=False,
                               widget=forms.TextInput(attrs={"style": "width:8em"}))

    AMOUNTS = ("plane_hsr", "bus_mrt", "train", "ship", "lodging", "miscellaneous")

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("DELETE", None)
        for name in self.AMOUNTS:
            data[name] = data.get(name) or 0
        return data


ExpenseLineFormSet = forms.formset_factory(ExpenseLineForm, extra=1, can_delete=True)
