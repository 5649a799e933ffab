"""Work from home during one's own or one's spouse's pregnancy (seed 000, 居家辦公作業規範).

- WfhApplication: who, why (self or spouse pregnant), the due date, the period, the agreed
  place and devices; decided through the workflow engine (kind "wfh"), every decision
  storing the deciders' answers to the 第4點 checklist (WfhDecision). An agency's flexible
  weekly number (第3點第2項) lives on the application with its reason.
- WfhDay: one planned day of WFH (第5點第4款第1目). A recalled or moved day keeps its row
  with the reason; a planned day is unique per person and date.
- WfhLog / WfhLogItem: the daily work log (居家辦公工作日誌, the seed's form), reviewed by
  the direct supervisor; WfhWeekReport: the supervisor's weekly report to the unit head.
- WfhOvertime: overtime assigned while working from home (第5點第4款第3目), workflow kind
  "wfh_overtime", confirmed by the assigning supervisor.

State changes only through wfh/services.py.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils import timezone

from chaiqin.org.models import Person


class WfhApplication(models.Model):
    class Relation(models.TextChoices):
        SELF = "self", "本人懷孕"
        SPOUSE = "spouse", "配偶懷孕"

    class Status(models.TextChoices):
        PENDING = "pending", "簽核中"
        APPROVED = "approved", "核准實施"
        REJECTED = "rejected", "不核准"
        WITHDRAWN = "withdrawn", "已撤回"
        ENDED = "ended", "已結束"

    class EndKind(models.TextChoices):
        DELIVERY = "delivery", "已分娩"
        BREACH = "breach", "違反規範停止居家辦公"
        REST = "rest", "經醫師診斷需安胎休養（改依請假規定）"

    ACTIVE = (Status.PENDING, Status.APPROVED)

    person = models.ForeignKey(Person, verbose_name="申請人", on_delete=models.PROTECT, related_name="wfh_applications")
    relation = models.CharField("事由", max_length=10, choices=Relation.choices)
    due_date = models.DateField("預產期")
    stated_weeks = models.PositiveSmallIntegerField(
        "申請時所填懷孕週數", null=True, blank=True, help_text="以懷孕週數申請時，預產期由週數推算",
    )
    start = models.DateField("居家辦公起日")
    end = models.DateField("居家辦公迄日")
    workplace = models.CharField("約定居家辦公地點", max_length=200)
    own_device = models.BooleanField("使用自有資通訊設備", default=False)
    contact = models.CharField("聯繫方式", max_length=100, blank=True)
    note = models.CharField("說明", max_length=500, blank=True)
    flexible_days = models.PositiveSmallIntegerField("機關彈性排定每週日數", null=True, blank=True)
    flexible_reason = models.CharField("彈性排定理由", max_length=300, blank=True)
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.PENDING)
    ended_on = models.DateField("結束日", null=True, blank=True, help_text="自此日起不再居家辦公")
    end_kind = models.CharField("結束原因", max_length=10, choices=EndKind.choices, blank=True)
    end_reason = models.CharField("結束說明", max_length=500, blank=True)
    delivered_on = models.DateField("分娩日", null=True, blank=True)
    case = models.OneToOneField("workflow.Case", verbose_name="簽核案件", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="wfh_application")
    created_at = models.DateTimeField("申請時間", default=timezone.now)

    class Meta:
        verbose_name = "居家辦公申請"
        verbose_name_plural = "居家辦公申請"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["person", "status"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="wfh_period_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.person} 居家辦公 {self.start}～{self.end}"

    @property
    def last_day(self):
        """The last day WFH may be planned: the period's end, cut by an ending or delivery."""
        last = self.end
        if self.ended_on is not None:
            last = min(last, self.ended_on - timedelta(days=1))
        if self.delivered_on is not None:
            last = min(last, self.delivered_on - timedelta(days=1))
        return last


class WfhDecision(models.Model):
    """One decider's decision on an application with their answers to the 第4點 checklist."""

    application = models.ForeignKey(WfhApplication, verbose_name="申請", on_delete=models.PROTECT, related_name="decisions")
    step = models.ForeignKey("workflow.Step", verbose_name="簽核關卡", null=True, blank=True, on_delete=models.PROTECT)
    decider = models.ForeignKey(Person, verbose_name="簽核人", on_delete=models.PROTECT, related_name="+")
    decision = models.CharField("決定", max_length=10)
    answers = models.JSONField("審核項目", default=dict, help_text="項目代碼 → 是否符合")
    comment = models.CharField("意見", max_length=500, blank=True)
    at = models.DateTimeField("時間", default=timezone.now)

    class Meta:
        verbose_name = "居家辦公審核紀錄"
        verbose_name_plural = "居家辦公審核紀錄"
        ordering = ["application", "at", "pk"]


class WfhDay(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "排定居家辦公"
        RECALLED = "recalled", "召回辦公場所"
        MOVED = "moved", "已調整日期"
        CANCELLED = "cancelled", "已取消"

    application = models.ForeignKey(WfhApplication, verbose_name="申請", on_delete=models.PROTECT, related_name="days")
    person = models.ForeignKey(Person, verbose_name="人員", on_delete=models.PROTECT, related_name="wfh_days")
    date = models.DateField("日期")
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.PLANNED)
    moved_from = models.DateField("原排定日期", null=True, blank=True)
    reason = models.CharField("召回或調整理由", max_length=300, blank=True)
    changed_by = models.ForeignKey(Person, verbose_name="變更人", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    changed_at = models.DateTimeField("變更時間", null=True, blank=True)
    planned_by = models.ForeignKey(Person, verbose_name="排定人", on_delete=models.PROTECT, related_name="+")
    planned_at = models.DateTimeField("排定時間", default=timezone.now)

    class Meta:
        verbose_name = "居家辦公日"
        verbose_name_plural = "居家辦公日"
        ordering = ["date"]
        indexes = [models.Index(fields=["person", "date"])]
        constraints = [
            models.UniqueConstraint(fields=["person", "date"], condition=models.Q(status="planned"),
                                    name="wfh_one_planned_day_per_date"),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.date} {self.get_status_display()}"


class WfhLog(models.Model):
    """居家辦公工作日誌: one per WFH day, sent to the direct supervisor who reviews it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "待直屬主管審核"
        REVIEWED = "reviewed", "直屬主管已審核"
        RETURNED = "returned", "退回補正"

    day = models.OneToOneField(WfhDay, verbose_name="居家辦公日", on_delete=models.PROTECT, related_name="log")
    person = models.ForeignKey(Person, verbose_name="人員", on_delete=models.PROTECT, related_name="wfh_logs")
    date = models.DateField("上班日期")
    work_start = models.TimeField("上班時間（起）")
    work_end = models.TimeField("上班時間（迄）")
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField("送出時間", default=timezone.now)
    reviewer = models.ForeignKey(Person, verbose_name="審核主管", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    reviewed_at = models.DateTimeField("審核時間", null=True, blank=True)
    review_comment = models.CharField("審核意見", max_length=500, blank=True)

    class Meta:
        verbose_name = "居家辦公工作日誌"
        verbose_name_plural = "居家辦公工作日誌"
        ordering = ["date"]
        indexes = [models.Index(fields=["person", "date"])]

    def __str__(self) -> str:
        return f"{self.person} {self.date} 工作日誌"


class WfhLogItem(models.Model):
    class Progress(models.TextChoices):
        AHEAD = "ahead", "超前進度"
        ON_TRACK = "on_track", "符合進度"
        BEHIND = "behind", "進度落後"

    log = models.ForeignKey(WfhLog, verbose_name="日誌", on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField("順序")
    item = models.CharField("工作項目", max_length=200)
    done = models.TextField("執行情形")
    progress = models.CharField("工作進度說明", max_length=10, choices=Progress.choices)

    class Meta:
        verbose_name = "工作日誌項目"
        verbose_name_plural = "工作日誌項目"
        ordering = ["log", "order"]


class WfhWeekReport(models.Model):
    """The direct supervisor's weekly report of a person's logs to the unit head (每週陳報單位主管)."""

    person = models.ForeignKey(Person, verbose_name="人員", on_delete=models.PROTECT, related_name="+")
    week_start = models.DateField("週一")
    reported_by = models.ForeignKey(Person, verbose_name="陳報人", on_delete=models.PROTECT, related_name="+")
    unit_head = models.ForeignKey(Person, verbose_name="單位主管", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    reported_at = models.DateTimeField("陳報時間", default=timezone.now)
    note = models.CharField("附註", max_length=300, blank=True)

    class Meta:
        verbose_name = "居家辦公週報"
        verbose_name_plural = "居家辦公週報"
        constraints = [models.UniqueConstraint(fields=["person", "week_start"], name="wfh_one_report_per_week")]


class WfhOvertime(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "待確認"
        APPROVED = "approved", "已確認"
        REJECTED = "rejected", "不予確認"
        WITHDRAWN = "withdrawn", "已撤回"

    application = models.ForeignKey(WfhApplication, verbose_name="居家辦公申請", on_delete=models.PROTECT,
                                    related_name="overtimes")
    person = models.ForeignKey(Person, verbose_name="申請人", on_delete=models.PROTECT, related_name="wfh_overtimes")
    assigner = models.ForeignKey(Person, verbose_name="指派工作之長官", on_delete=models.PROTECT, related_name="+")
    start = models.DateTimeField("加班起")
    end = models.DateTimeField("加班迄")
    minutes = models.PositiveIntegerField("加班分鐘數")
    work_done = models.CharField("指派工作內容", max_length=500)
    evidence = models.TextField("佐證資料（通話紀錄、訊息對話或完成文件交付紀錄）")
    due = models.DateField("送核期限")
    filed_at = models.DateTimeField("送核時間", default=timezone.now)
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.PENDING)
    case = models.OneToOneField("workflow.Case", verbose_name="簽核案件", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="wfh_overtime")

    class Meta:
        verbose_name = "居家辦公加班"
        verbose_name_plural = "居家辦公加班"
        ordering = ["-start"]
        constraints = [models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="wfh_ot_ordered")]
