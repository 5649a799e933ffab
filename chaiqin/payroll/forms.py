from django import forms

from chaiqin.web.uploads import UploadField

from .models import WageRecord


class WageForm(forms.Form):
    valid_from = forms.DateField(label="生效日", widget=forms.DateInput(attrs={"type": "date"}))
    basis = forms.ChoiceField(label="計薪方式", choices=WageRecord.Basis.choices)
    salary = forms.DecimalField(label="月支薪俸（本俸／年功俸）", required=False, min_value=0, decimal_places=2)
    professional = forms.DecimalField(label="專業加給", required=False, min_value=0, decimal_places=2)
    supervisory = forms.DecimalField(label="主管職務加給", required=False, min_value=0, decimal_places=2)
    single_pay = forms.DecimalField(label="月支單一薪酬", required=False, min_value=0, decimal_places=2)
    monthly_wage = forms.DecimalField(label="月薪", required=False, min_value=0, decimal_places=2)
    hourly_wage = forms.DecimalField(label="時薪", required=False, min_value=0, decimal_places=2)
    note = forms.CharField(label="說明", required=False, max_length=200)


class WageImportForm(forms.Form):
    file = UploadField(label="薪資檔（XLSX 或 CSV）")
    dry_run = forms.BooleanField(label="僅檢查，不儲存", required=False, initial=True)


class SettingForm(forms.Form):
    rule_name = forms.CharField(label="管制要點名稱", required=False, max_length=100)
    month_hours = forms.DecimalField(label="每月加班費支給時數上限（小時）", required=False, min_value=0)
    workday_hours = forms.DecimalField(label="工作日每日支給時數上限（小時）", required=False, min_value=0)
    day_off_hours = forms.DecimalField(label="假日每日支給時數上限（小時）", required=False, min_value=0)
    unused_leave_budget = forms.DecimalField(label="未休假加班費年度預算（元）", required=False, min_value=0)


class UnusedLeaveForm(forms.Form):
    employee_no = forms.CharField(label="考勤代號", max_length=20)
    kind = forms.ChoiceField(label="類別", choices=[("civil_annual", "未休假加班費（公務人員）"),
                                                  ("labor_annual", "特別休假未休工資（勞工）"),
                                                  ("labor_comp_time", "補休期限屆滿未休工資（勞工）")])
    period_end = forms.DateField(label="年度或期限終止日", widget=forms.DateInput(attrs={"type": "date"}))
    hours = forms.IntegerField(label="未休時數（小時）", min_value=1, max_value=30 * 8)
    earned_on = forms.DateField(label="補休的加班日（僅補休）", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    day_kind = forms.ChoiceField(label="加班日別（僅補休）", required=False,
                                 choices=[("workday", "平日"), ("rest_day", "休息日"), ("holiday", "國定假日")])
