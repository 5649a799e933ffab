"""Overtime: the prior-approval request (加班申請單: reason, work items, people, dates and
hours; seed 003 Q.8), one slot per person and day, its sign-in/out (system or paper, seed
002), and the claim filed within 3 days after, with the compensation chosen.

A request may also stand for an approval given elsewhere: an approved trip on days off with
self-entered overtime hours (seed 002: 自行填寫加班時數), or WFH overtime confirmed by the
assigning supervisor (seed 000 第5點第4款第3目). Its `case` is then that form's case, so
the slots count toward the caps exactly while that form stays approved.
"""

from __future__ import annotations

from datetime import date

from django.db import models

from chaiqin.org.models import Agency, Person

# The case statuses under which a slot still holds its hours (toward the caps and the rest rules):
# asked, sent back for correction, or approved; not rejected, withdrawn or cancelled.
LIVE = ("pending", "returned", "approved")


class OvertimeRequest(models.Model):
    class Situation(models.TextChoices):
        NORMAL = "normal", "一般加班"
        DISASTER = "disaster", "搶救重大災害"
        EMERGENCY = "emergency", "處理緊急或重大突發事件"
        MAJOR_PROJECT = "major_project", "辦理特殊重大專案業務"
        SEASONAL = "seasonal", "辦理季節性、週期性工作"

    class Source(models.TextChoices):
        REQUEST = "request", "事前加班申請"
        TRIP = "trip", "假日出差自行填寫加班時數"
        WFH = "wfh", "居家辦公加班"

    agency = models.ForeignKey(Agency, verbose_name="機關", on_delete=models.PROTECT, related_name="+")
    source = models.CharField("來源", max_length=10, choices=Source.choices, default=Source.REQUEST,
                              help_text="事前申請；或以核准的出差單、居家辦公加班確認為核准依據")
    trip = models.OneToOneField("trips.Trip", verbose_name="出差單", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    wfh_overtime = models.OneToOneField("wfh.WfhOvertime", verbose_name="居家辦公加班", null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    rest_warning = models.CharField("休息間隔提醒", max_length=300, blank=True,
                                    help_text="非輪班人員加班後距下一班不足11小時之提醒（輪班人員則不予受理）")
    applicant = models.ForeignKey(Person, verbose_name="申請人", on_delete=models.PROTECT, related_name="overtime_requests")
    reason = models.CharField("加班事由", max_length=300)
    work_items = models.TextField("工作項目內容")
    situation = models.CharField("情形", max_length=15, choices=Situation.choices, default=Situation.NORMAL)
    # the first month of a special major project: its 240 h run over 3 months from it (公務員服勤實施辦法第4條)
    project_start = models.DateField("專案起始月", null=True, blank=True)
    paper_sign = models.BooleanField("紙本簽到退", default=False)
    report_required = models.BooleanField("應報主管機關備查", default=False,
                                          help_text="超過一般上限，依例外規定辦理（事由發生之日起1個月內報主管機關備查）")
    report_due = models.DateField("備查期限", null=True, blank=True)
    created_at = models.DateTimeField("填表時間")
    case = models.OneToOneField("workflow.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "加班申請單"
        verbose_name_plural = "加班申請單"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reason


class OvertimeSlot(models.Model):
    """One person's overtime on one day (the day it started: 公務員服勤實施辦法第6條)."""

    class Compensation(models.TextChoices):
        PAY = "pay", "加班費"
        COMP_TIME = "comp_time", "補休"
        COMMENDATION = "commendation", "敘獎"

    request = models.ForeignKey(OvertimeRequest, verbose_name="申請單", on_delete=models.CASCADE, related_name="slots")
    person = models.ForeignKey(Person, verbose_name="加班人員", on_delete=models.PROTECT, related_name="overtime_slots")
    day = models.DateField("加班日")
    day_kind = models.CharField("日別", max_length=16, default="workday")
    start = models.DateTimeField("預定起")
    end = models.DateTimeField("預定迄")
    signed_in_at = models.DateTimeField("加班簽到", null=True, blank=True)
    signed_out_at = models.DateTimeField("加班簽退", null=True, blank=True)
    claimed_at = models.DateTimeField("申請時間", null=True, blank=True)
    minutes = models.PositiveIntegerField("核計分鐘", null=True, blank=True)
    compensation = models.CharField("補償方式", max_length=12, choices=Compensation.choices, blank=True)
    sheet = models.FileField("紙本簽到退單", upload_to="overtime/sheets/%Y/%m/", blank=True)
    pay_amount = models.DecimalField("加班費（元）", max_digits=10, decimal_places=2, null=True, blank=True)
    pay_minutes = models.PositiveIntegerField("支給加班費分鐘", null=True, blank=True,
                                              help_text="補償方式為加班費時實際支給的分鐘；超過支給上限者其餘改給補休")
    # db_default: rows written by COPY (chaiqin.datagen) without this column get '' too.
    pay_note = models.CharField("支給說明", max_length=200, blank=True, default="", db_default="")
    comp_time_posted = models.BooleanField("補休已入帳", default=False)
    reopened_until = models.DateField("人事室補開期限", null=True, blank=True)

    class Meta:
        verbose_name = "加班時段"
        verbose_name_plural = "加班時段"
        ordering = ["day", "start"]
        indexes = [models.Index(fields=["person", "day"])]

    def __str__(self) -> str:
        return f"{self.person} {self.day}"


class FlexibleScheduleAgreement(models.Model):
    """An agency's consent to the four-week flexible schedule (勞動基準法第30條之1第1項: 經工會同意，
    事業單位無工會者，經勞資會議同意), dated. A four-week roster needs one in force on its first day."""

    class Body(models.TextChoices):
        UNION = "union", "工會同意"
        MEETING = "meeting", "勞資會議同意"

    agency = models.ForeignKey(Agency, verbose_name="機關", on_delete=models.CASCADE, related_name="flexible_agreements")
    body = models.CharField("同意方式", max_length=10, choices=Body.choices, default=Body.MEETING)
    agreed_on = models.DateField("同意日期")
    reference = models.CharField("會議紀錄", max_length=200, help_text="如：115年第1次勞資會議紀錄（115-02-10）第三案")
    in_force_from = models.DateField("實施日")
    in_force_to = models.DateField("終止日", null=True, blank=True)
    entered_by = models.ForeignKey(Person, verbose_name="登錄者", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("登錄時間")

    class Meta:
        verbose_name = "四週變形工時同意"
        verbose_name_plural = "四週變形工時同意"
        ordering = ["agency", "-in_force_from"]
        constraints = [
            models.CheckConstraint(condition=models.Q(in_force_to__isnull=True) | models.Q(in_force_to__gte=models.F("in_force_from")),
                                   name="flex_agreement_ordered"),
        ]

    def __str__(self) -> str:
        return self.reference


class DaysOffRoster(models.Model):
    """The days off (例假、休息日) of one worker in one roster period, weekly (7 days) or four-week
    (28 days, 勞動基準法第30條之1), entered by the personnel office. Days of the period not listed
    are workdays; without a roster the office calendar applies (rules.default_day_kind)."""

    class Schedule(models.TextChoices):
        WEEKLY = "weekly", "每七日（一例一休）"
        FOUR_WEEK = "four_week", "四週變形工時"

    person = models.ForeignKey(Person, verbose_name="人員", on_delete=models.CASCADE, related_name="days_off_rosters")
    schedule = models.CharField("排班制度", max_length=10, choices=Schedule.choices)
    period_start = models.DateField("本期起日")
    period_end = models.DateField("本期迄日")
    regular_days_off = models.JSONField("例假", default=list, help_text="日期（YYYY-MM-DD）清單")
    rest_days = models.JSONField("休息日", default=list, help_text="日期（YYYY-MM-DD）清單")
    agreement = models.ForeignKey(FlexibleScheduleAgreement, verbose_name="依據", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="rosters")
    entered_by = models.ForeignKey(Person, verbose_name="登錄者", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("登錄時間")

    class Meta:
        verbose_name = "例假及休息日排定"
        verbose_name_plural = "例假及休息日排定"
        ordering = ["person", "period_start"]
        constraints = [models.UniqueConstraint(fields=["person", "period_start"], name="days_off_roster_unique")]
        indexes = [models.Index(fields=["person", "period_end"])]

    def __str__(self) -> str:
        return f"{self.person} {self.period_start}"

    @property
    def regular_dates(self) -> list:
        return [date.fromisoformat(d) for d in self.regular_days_off]

    @property
    def rest_dates(self) -> list:
        return [date.fromisoformat(d) for d in self.rest_days]
