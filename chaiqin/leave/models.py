"""Leave requests, their attachments and cancellations, and the balance ledger.

Balances are append-only ledgers (DESIGN.md): a BalanceEntry is written once by
leave/ledger.py and never changed or deleted; a balance is a sum of rows.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from chaiqin.appendonly import AppendOnlyModel
from chaiqin.org.models import Person


class BalanceEntry(AppendOnlyModel):
    """One row of a person's leave ledger, signed minutes in one account for one leave year.

    `account` is a quota key of chaiqin.rules (a leave code such as "annual", "personal",
    "sick", or a pool) or "comp_time". `period_start`/`period_end` bound the leave year
    (or month, school year, event) the row belongs to; comp time rows carry the grant's
    `earned_on`/`expires_on` and `source`, the grant a use draws from (oldest first).
    """

    class Kind(models.TextChoices):
        GRANT = "grant", "核給"
        USE = "use", "使用"
        HOLD = "hold", "申請中保留"
        RELEASE = "release", "解除保留"
        REVERSAL = "reversal", "銷假回沖"
        EXPIRY = "expiry", "逾期失效"
        CARRY_OVER = "carry_over", "保留轉入"
        DEFERRAL = "deferral", "遞延"
        PAYOUT = "payout", "未休折發工資"

    # person and case are indexed by Meta.indexes below, not once more by the foreign keys.
    person = models.ForeignKey(Person, verbose_name="人員", on_delete=models.PROTECT, related_name="balance_entries",
                               db_index=False)
    account = models.CharField("假別帳戶", max_length=30)
    period_start = models.DateField("年度起")
    period_end = models.DateField("年度迄")
    kind = models.CharField("類別", max_length=12, choices=Kind.choices)
    minutes = models.IntegerField("分鐘（正為增加）")
    earned_on = models.DateField("補休來源日", null=True, blank=True)
    expires_on = models.DateField("補休期限", null=True, blank=True)
    source = models.ForeignKey("self", verbose_name="補休來源", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="draws")
    case = models.ForeignKey("workflow.Case", verbose_name="案件", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", db_index=False)
    note = models.CharField("說明", max_length=300, blank=True)
    created_at = models.DateTimeField("建立時間", default=timezone.now)

    REFUSE_CHANGE = "假別帳目只能新增，不可修改。"
    REFUSE_DELETE = "假別帳目只能新增，不可刪除。"

    class Meta:
        verbose_name = "假別帳目"
        verbose_name_plural = "假別帳目"
        ordering = ["person_id", "account", "period_start", "created_at", "pk"]  # columns: no join to Person
        indexes = [
            models.Index(fields=["person", "account", "period_start"]),
            models.Index(fields=["case"]),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.account} {self.kind} {self.minutes}"

class LeaveRequest(models.Model):
    """A request for leave of one type over [start, end); its state is its workflow case's."""

    person = models.ForeignKey(Person, verbose_name="申請人", on_delete=models.PROTECT, related_name="leave_requests")
    leave_code = models.CharField("假別代碼", max_length=40)
    leave_name = models.CharField("假別", max_length=80)
    start = models.DateTimeField("起")
    end = models.DateTimeField("迄")
    minutes = models.PositiveIntegerField("請假時數（分鐘）")
    event_date = models.DateField("事實發生日", null=True, blank=True)
    reason = models.CharField("事由", max_length=300, blank=True)
    agent = models.ForeignKey(Person, verbose_name="職務代理人", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="leave_covered")
    charge = models.JSONField("額度計算", default=list, blank=True)
    left_out = models.JSONField("不計入之日", default=list, blank=True)
    cancelled_minutes = models.PositiveIntegerField("已銷假（分鐘）", default=0)
    case = models.OneToOneField("workflow.Case", verbose_name="簽核案件", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="leave_request")
    created_at = models.DateTimeField("申請時間", default=timezone.now)

    class Meta:
        verbose_name = "請假單"
        verbose_name_plural = "請假單"
        ordering = ["-start"]
        indexes = [models.Index(fields=["person", "start"]), models.Index(fields=["agent", "start"])]
        constraints = [models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="leave_end_after_start")]

    def __str__(self) -> str:
        return f"{self.person} {self.leave_name}"

    @property
    def status(self) -> str:
        return self.case.status if self.case_id else "draft"


class LeaveAttachment(models.Model):
    """A certificate (PDF/JPEG/PNG), kept in the database so a request and its proof are one write."""

    request = models.ForeignKey(LeaveRequest, verbose_name="請假單", on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField("檔名", max_length=200)
    content_type = models.CharField("類型", max_length=40)
    size = models.PositiveIntegerField("大小（位元組）")
    data = models.BinaryField("內容")

    class Meta:
        verbose_name = "請假附件"
        verbose_name_plural = "請假附件"


class LeaveCancellation(models.Model):
    """銷假: [start, end) of an approved request given back, and the minutes returned to the quota."""

    request = models.ForeignKey(LeaveRequest, verbose_name="請假單", on_delete=models.PROTECT, related_name="cancellations")
    start = models.DateTimeField("起")
    end = models.DateTimeField("迄")
    minutes = models.PositiveIntegerField("銷假時數（分鐘）")
    reason = models.CharField("事由", max_length=300, blank=True)
    created_at = models.DateTimeField("時間", default=timezone.now)

    class Meta:
        verbose_name = "銷假"
        verbose_name_plural = "銷假"
        ordering = ["start"]


class AnnualLeaveDeferral(AppendOnlyModel):
    """A worker's agreement (or refusal) to defer the unused 特別休假 of one leave year to the next
    (勞動基準法第38條第4項: agreed between the employer and each worker). Recorded by the personnel
    office, written once: a later row for the same person and year supersedes an earlier one, and
    both stay as the trail. The year-end close reads the latest row (leave.deferrals)."""

    person = models.ForeignKey(Person, verbose_name="勞工", on_delete=models.PROTECT, related_name="annual_deferrals")
    period_start = models.DateField("特休年度起")
    period_end = models.DateField("特休年度迄")
    agreed = models.BooleanField("同意遞延")
    recorded_by = models.ForeignKey(Person, verbose_name="登錄人", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField("登錄時間")
    note = models.CharField("說明", max_length=300, blank=True)

    REFUSE_CHANGE = "特休遞延約定紀錄不可修改；如有變更請另行登錄。"
    REFUSE_DELETE = "特休遞延約定紀錄不可刪除；如有變更請另行登錄。"

    class Meta:
        verbose_name = "特休遞延約定"
        verbose_name_plural = "特休遞延約定"
        ordering = ["person", "period_start", "recorded_at", "pk"]
        indexes = [models.Index(fields=["person", "period_start"])]


class LeaveYearClose(models.Model):
    """A leave year of one account of one person that close_leave_year has settled (once)."""

    person = models.ForeignKey(Person, verbose_name="人員", on_delete=models.PROTECT, related_name="leave_year_closes")
    account = models.CharField("假別帳戶", max_length=30)
    period_start = models.DateField("年度起")
    period_end = models.DateField("年度迄")
    closed_on = models.DateField("結算日")
    summary = models.CharField("結算說明", max_length=300, blank=True)

    class Meta:
        verbose_name = "年度結算"
        verbose_name_plural = "年度結算"
        constraints = [models.UniqueConstraint(fields=["person", "account", "period_start"], name="leave_year_close_once")]


class CalendarFeedToken(models.Model):
    """A person's iCalendar subscription link (行事曆訂閱): only the SHA-256 digest of a random
    token is kept, so neither the database nor the link names the person; revoking (or issuing
    a new link) marks the row revoked and the old link answers 404 from then on."""

    person = models.ForeignKey(Person, verbose_name="人員", on_delete=models.CASCADE, related_name="calendar_feed_tokens")
    digest = models.CharField("雜湊值", max_length=64, unique=True)
    created_at = models.DateTimeField("建立時間")
    revoked_at = models.DateTimeField("停用時間", null=True, blank=True)

    class Meta:
        verbose_name = "行事曆訂閱連結"
        verbose_name_plural = "行事曆訂閱連結"
        constraints = [models.UniqueConstraint(fields=["person"], condition=models.Q(revoked_at__isnull=True),
                                               name="leave_one_live_calendar_feed_token")]
class AgentSpan(models.Model):
    """A further agent of a leave request for part of its period (代理時間, seed 002's 出國申請單 「新增區間」).

    The request's own `agent` covers the whole leave except where a span names another agent.
    Each span's agent is asked in turn after the first, and decides for the applicant while the
    span runs (workflow.away).
    """

    request = models.ForeignKey(LeaveRequest, verbose_name="請假單", on_delete=models.CASCADE, related_name="agent_spans")
    agent = models.ForeignKey(Person, verbose_name="職務代理人", on_delete=models.PROTECT, related_name="leave_spans")
    start = models.DateTimeField("代理時間起")
    end = models.DateTimeField("代理時間訖")
    order = models.PositiveSmallIntegerField("順序", default=1)

    class Meta:
        verbose_name = "分段職務代理人"
        verbose_name_plural = "分段職務代理人"
        ordering = ["request", "order"]
        indexes = [models.Index(fields=["agent", "start"])]
        constraints = [models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="agent_span_end_after_start")]


class LeaveCancelRequest(models.Model):
    """銷假單: the applicant asks to give back part or all of an approved request. It goes through
    the workflow (kind "leave_cancel"); only its approval writes the LeaveCancellation rows and
    returns the quota. `pieces` are the [start, end) periods asked for, trimmed to working time,
    as [[start ISO, end ISO, minutes], ...]."""

    request = models.ForeignKey(LeaveRequest, verbose_name="請假單", on_delete=models.PROTECT,
                                related_name="cancel_requests")
    start = models.DateTimeField("起")
    end = models.DateTimeField("迄")
    minutes = models.PositiveIntegerField("銷假時數（分鐘）")
    pieces = models.JSONField("銷假期間", default=list)
    reason = models.CharField("事由", max_length=300, blank=True)
    case = models.OneToOneField("workflow.Case", verbose_name="簽核案件", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="leave_cancel_request")
    created_at = models.DateTimeField("申請時間", default=timezone.now)

    class Meta:
        verbose_name = "銷假單"
        verbose_name_plural = "銷假單"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.request} 銷假"

    @property
    def status(self) -> str:
        return self.case.status if self.case_id else "draft"
