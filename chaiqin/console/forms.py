"""Forms of the personnel console: they only parse (ROC dates, choices limited to the agency)."""

from __future__ import annotations

from django import forms

from chaiqin.calendar.models import CalendarDay, Closure
from chaiqin.org.models import Agency, Person, RoleAssignment, StatusPeriod, Unit
from chaiqin.web.fields import ROCDateField


def _person_label(p: Person) -> str:
    return f"{p.name}（{p.unit.name} {p.title or p.get_post_display()}）"


def _people(agency_id: int):
    return Person.objects.filter(agency_id=agency_id).exclude(status=Person.Status.LEFT).select_related("unit") \
        .order_by("unit__sort_order", "unit__name", "employee_no")


class PersonForm(forms.Form):
    employee_no = forms.CharField(label="員工編號", max_length=20)
    name = forms.CharField(label="姓名", max_length=40)
    gender = forms.ChoiceField(label="性別", choices=Person.Gender.choices)
    post = forms.ChoiceField(label="職務類型", choices=Person.Post.choices)
    title = forms.CharField(label="職稱", max_length=40, required=False)
    hire_date = ROCDateField(label="到職日期")
    supervisor = forms.ModelChoiceField(label="直屬主管", queryset=Person.objects.none(), required=False,
                                        empty_label="（無）")
    email = forms.EmailField(label="電子郵件", required=False)
    card_no = forms.CharField(label="卡號", max_length=32, required=False,
                              help_text="刷卡機讀到的卡號（含開頭的 0）；同一機關內一卡一人，留空為無卡")

    def __init__(self, *args, agency_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = _people(agency_id)
        self.fields["supervisor"].label_from_instance = _person_label


class PersonCreateForm(PersonForm):
    unit = forms.ModelChoiceField(label="單位", queryset=Unit.objects.none())
    username = forms.CharField(label="登入帳號（可留空）", max_length=150, required=False)
    password = forms.CharField(label="初始密碼", widget=forms.PasswordInput(render_value=False), required=False)
    field_order = ["employee_no", "name", "gender", "unit", "post", "title", "hire_date", "supervisor", "email",
                   "card_no", "username", "password"]

    def __init__(self, *args, agency_id: int, **kwargs):
        super().__init__(*args, agency_id=agency_id, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(agency_id=agency_id)
        self.fields["unit"].label_from_instance = lambda u: u.name


class MoveForm(forms.Form):
    unit = forms.ModelChoiceField(label="調至單位", queryset=Unit.objects.none())

    def __init__(self, *args, agency_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(agency_id=agency_id)
        self.fields["unit"].label_from_instance = lambda u: u.name


class UnpaidLeaveForm(forms.Form):
    kind = forms.ChoiceField(label="留職停薪類別", choices=StatusPeriod.Kind.choices)
    start = ROCDateField(label="起日")
    end = ROCDateField(label="迄日（未定可留空）", required=False)
    note = forms.CharField(label="說明", max_length=200, required=False)


class DayForm(forms.Form):
    on = ROCDateField(label="日期")


class LoginForm(forms.Form):
    username = forms.CharField(label="帳號", max_length=150)
    password = forms.CharField(label="密碼", widget=forms.PasswordInput(render_value=False))


class PasswordForm(forms.Form):
    password = forms.CharField(label="新密碼", widget=forms.PasswordInput(render_value=False))


class UnitForm(forms.Form):
    name = forms.CharField(label="單位名稱", max_length=60)
    sort_order = forms.IntegerField(label="排序", min_value=0, max_value=999, initial=0, required=False)


class HeadForm(forms.Form):
    head = forms.ModelChoiceField(label="單位主管", queryset=Person.objects.none(), required=False, empty_label="（無）")

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["head"].queryset = _people(unit.agency_id).filter(unit=unit)
        self.fields["head"].label_from_instance = _person_label


GRANTABLE = [(r.value, r.label) for r in RoleAssignment.Role if r != RoleAssignment.Role.SYSADMIN]


class RoleForm(forms.Form):
    person = forms.ModelChoiceField(label="人員", queryset=Person.objects.none())
    role = forms.ChoiceField(label="角色", choices=GRANTABLE)

    def __init__(self, *args, agency_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _people(agency_id)
        self.fields["person"].label_from_instance = _person_label


class ClosureForm(forms.Form):
    day = ROCDateField(label="日期")
    part = forms.ChoiceField(label="停止上班時段", choices=[])
    reason = forms.CharField(label="原因", max_length=40, initial="颱風")
    declared_by = forms.CharField(label="宣布者", max_length=60, help_text="如「花蓮縣政府宣布」")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].choices = Closure.Part.choices


class CalendarDayForm(forms.Form):
    day = ROCDateField(label="日期")
    kind = forms.ChoiceField(label="類別", choices=[])
    name = forms.CharField(label="備註", max_length=60, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = CalendarDay.Kind.choices


class AgencySettingsForm(forms.Form):
    short_name = forms.CharField(label="簡稱", max_length=30, required=False)
    office_start = forms.TimeField(label="上班時間", widget=forms.TimeInput(format="%H:%M"))
    lunch_start = forms.TimeField(label="午休開始", widget=forms.TimeInput(format="%H:%M"))
    lunch_end = forms.TimeField(label="午休結束", widget=forms.TimeInput(format="%H:%M"))
    office_end = forms.TimeField(label="下班時間", widget=forms.TimeInput(format="%H:%M"))
    flex_minutes = forms.IntegerField(label="彈性上班（分鐘）", min_value=0, max_value=120)
    comp_time_months = forms.IntegerField(label="補休期限（月）", min_value=1, max_value=24,
                                          help_text="本機關規定補休應於幾個月內請畢")
    labor_leave_basis = forms.ChoiceField(label="勞工特別休假年度", choices=Agency.LeaveBasis.choices,
                                          help_text="勞動基準法施行細則第24條：周年制或經約定之曆年制")
