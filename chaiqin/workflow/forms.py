from django import forms


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label="簽核", choices=[("approve", "同意"), ("return", "退回修正"), ("reject", "不同意")])
    comment = forms.CharField(label="意見", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, choices: list[tuple[str, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if choices is not None:
            self.fields["decision"].choices = choices
