"""Forms of the workflow: a decision, a delegation (they only parse)."""

from django import forms

from chaiqin.web.fields import AgentField, ROCDateTimeField


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label="簽核", choices=[("approve", "同意"), ("return", "退回修正"), ("reject", "不同意")])
    comment = forms.CharField(label="意見", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, choices: list[tuple[str, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if choices is not None:
            self.fields["decision"].choices = choices


class DelegationForm(forms.Form):
    delegate = AgentField(label="代理簽核人", empty_label="（請選擇）")
    start = ROCDateTimeField(label="代理期間起")
    end = ROCDateTimeField(label="代理期間訖")
    reason = forms.CharField(label="事由", max_length=200, required=False)

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegate"].offer_to(person)
