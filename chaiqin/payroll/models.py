"""Wage data kept by the personnel office, each figure with the dates it is in force, and the
agency's own overtime-pay settings (加班管制要點) and unused-leave pay decided at a year's close.

Money is Decimal in NTD. A person's wage rows never overlap: a new row from a date closes the
row in force before it (services.wage_record_set).
"""

from __future__ import annotations

from django.db import models

from chaiqin.org.models import Agency, Person


class WageRecord(models.Model):
    class Basis(models.TextChoices):
        SALARY = "salary", "月支薪俸（本俸／年功俸）及加給"
        SINGLE = "single", "月支單一薪酬（聘用、約僱人員）"
        MONTHLY = "monthly", "月薪（勞動基準法）"
        HOURLY = "hourly", "時薪（勞動基準法）"

    person = models.ForeignKey(Person, verbose_name="人員", on_delete=models.PROTECT, related_name="wage_records")
    valid_from = models.DateField("生效日")
    valid_to = models.DateField("失效日（含）", null=True, blank=True)
    basis = models.CharField("計薪方式", max_length=10, choices=Basis.choices)
    salary = models.DecimalField("月支薪俸（本俸／年功俸）", max_digits=10, decimal_places=2, default=0)
    professional = models.DecimalField("專業加給", max_digits=10, decimal_places=2, default=0)
    supervisory = models.DecimalField("主管職務加給", max_digits=10, decimal_places=2, default=0)
    single_pay = models.DecimalField("月支單一薪酬", max_digits=10, decimal_places=2, default=0)
    monthly_wage = models.DecimalField("月薪", max_digits=10, decimal_places=2, default=0)
    hourly_wage = models.DecimalField("時薪", max_digits=8, decimal_places=2, default=0)
    note = models.CharField("說明", max_length=200, blank=True)
    entered_by = models.ForeignKey(Person, verbose_name="登錄者", null=True, on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField("登錄時間")

    class Meta:
        verbose_name = "薪資資料"
        verbose_name_plural = "薪資資料"
        ordering = ["person", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["person", "valid_from"], name="wage_record_one_per_day")]
        indexes = [models.Index(fields=["person", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.person} {self.valid_from}"


class PayrollSetting(models.Model):
    """An agency's own overtime-pay rule (加班管制要點), stricter than 各機關加班費支給辦法第5條
    where it sets a figure, and the budget of 未休假加班費."""

    agency = models.OneToOneField(Agency, verbose_name="機關", on_delete=models.CASCADE, related_name="payroll_setting")
    rule_name = models.CharField("管制要點名稱", max_length=100, blank=True)
    month_hours = models.DecimalField("每月加班費支給時數上限", max_digits=5, decimal_places=2, null=True, blank=True)
    workday_hours = models.DecimalField("工作日每日支給時數上限", max_digits=4, decimal_places=2, null=True, blank=True)
    day_off_hours = models.DecimalField("假日每日支給時數上限", max_digits=4, decimal_places=2, null=True, blank=True)
    unused_leave_budget = models.DecimalField("未休假加班費年度預算（元）", max_digits=12, decimal_places=0,
                                              null=True, blank=True)

    class Meta:
        verbose_name = "加班費支給設定"
        verbose_name_plural = "加班費支給設定"


class UnusedLeavePay(models.Model):
    """Leave not taken and paid: a civil servant's 未休假加班費 chosen at the leave year's close,
    an LSA worker's 特休 at the year's or contract's end (§38 IV), LSA comp time at expiry
    (§32-1 II). Posted by services.unused_leave_pay_post; the amount as computed that day."""

    class Kind(models.TextChoices):
        CIVIL_ANNUAL = "civil_annual", "未休假加班費"
        LABOR_ANNUAL = "labor_annual", "特別休假未休工資"
        LABOR_COMP_TIME = "labor_comp_time", "補休期限屆滿未休工資"

    person = models.ForeignKey(Person, verbose_name="人員", on_delete=models.PROTECT, related_name="unused_leave_pays")
    kind = models.CharField("類別", max_length=16, choices=Kind.choices)
    period_end = models.DateField("年度或期限終止日")
    minutes = models.PositiveIntegerField("未休時數（分鐘）")
    day_rate = models.DecimalField("日支標準（元）", max_digits=10, decimal_places=2)
    amount = models.DecimalField("金額（元）", max_digits=10, decimal_places=2)
    citation = models.CharField("依據", max_length=120)
    posted_at = models.DateTimeField("登錄時間")
    posted_by = models.ForeignKey(Person, verbose_name="登錄者", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "未休假工資"
        verbose_name_plural = "未休假工資"
        ordering = ["period_end", "person"]
        constraints = [models.UniqueConstraint(fields=["person", "kind", "period_end"], name="unused_leave_pay_once")]
