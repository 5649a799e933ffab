from django import forms

from chaiqin.web.fields import ROCDateField

from .models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(label="名稱（用途）", max_length=60, help_text="例如「公文系統介接」，日後辨認與撤銷用")
    scope = forms.ChoiceField(label="權限範圍", choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ)
    expires = ROCDateField(label="有效期限（含當日，最長一年）", required=False,
                           help_text="留空為 90 天；可輸入民國年，如 115-06-30")
    service_account = forms.BooleanField(label="本機關服務帳號（人事室管理）", required=False)
