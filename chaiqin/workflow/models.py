"""One approval engine for every form: a Case with ordered Steps, an append-only audit trail,
delegation while a decider is away, and in-page notifications.

A form (leave request, overtime request, trip…) owns a Case through a OneToOneField named
`case`; the Case knows its form through `kind` and `form_id`, resolved by the registry in
workflow/registry.py. State changes only through workflow/services.py.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from chaiqin.appendonly import AppendOnlyModel
from chaiqin.org.models import Agency, Person


class Case(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "簽核中"
        RETURNED = "returned", "退回修正"
        APPROVED = "approved", "核准"
        REJECTED = "rejected", "不核准"
        WITHDRAWN = "withdrawn", "已撤回"
        CANCELLED = "cancelled", "已銷假／取消"

    OPEN = (Status.PENDING, Status.RETURNED)

    agency = models.ForeignKey(Agency, verbose_name="機關", on_delete=models.PROTECT, related_name="cases")
    applicant = models.ForeignKey(Person, verbose_name="申請人", on_delete=models.PROTECT, related_name="cases")
    kind = models.CharField("表單類別", max_length=30)
    form_id = models.PositiveBigIntegerField("表單序號")
    # 假單編號 (workflow/numbering.py): given at submission, unique in the agency, never changed.
    number = models.CharField("表單編號", max_length=20, blank=True, default="")
    title = models.CharField("主旨", max_length=200)
    status = models.CharField("狀態", max_length=12, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField("建立時間", default=timezone.now)
    decided_at = models.DateTimeField("結案時間", null=True, blank=True)

    class Meta:
        verbose_name = "簽核案件"
        verbose_name_plural = "簽核案件"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "form_id"], name="one_case_per_form"),
            models.UniqueConstraint(fields=["agency", "number"], condition=~models.Q(number=""),
                                    name="one_number_per_agency"),
        ]
        indexes = [models.Index(fields=["applicant", "status"]), models.Index(fields=["agency", "status"]),
                   models.Index(fields=["number"])]

    def __str__(self) -> str:
        return self.title

    @property
    def current_step(self) -> "Step | None":
        return self.steps.filter(status=Step.Status.CURRENT).first()


class FormCounter(models.Model):
    """The last form number given per agency, kind and ROC year (workflow/numbering.py)."""

    agency = models.ForeignKey(Agency, verbose_name="機關", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("表單類別", max_length=30)
    year = models.PositiveSmallIntegerField("民國年")
    last = models.PositiveIntegerField("已用序號")

    class Meta:
        verbose_name = "表單編號序號"
        verbose_name_plural = "表單編號序號"
        constraints = [models.UniqueConstraint(fields=["agency", "kind", "year"], name="one_counter_per_kind_year")]


class Step(models.Model):
    class Role(models.TextChoices):
        AGENT = "agent", "職務代理人"
        SUPERVISOR = "supervisor", "直屬主管"
        UNIT_HEAD = "unit_head", "單位主管"
        ETHICS = "ethics", "政風單位"
        PERSONNEL = "personnel", "人事單位"
        AGENCY_HEAD = "agency_head", "機關首長"
        ASSIGNER = "assigner", "指派長官"

    class Status(models.TextChoices):
        WAITING = "waiting", "待前關完成"
        CURRENT = "current", "待簽核"
        APPROVED = "approved", "同意"
        RETURNED = "returned", "退回"
        REJECTED = "rejected", "不同意"
        CLOSED = "closed", "未簽（案件已結束）"

    # No index of their own on case or decider: the unique (case, order) and the (decider, status)
    # index serve those lookups, and every leave request writes steps.
    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="steps", db_index=False)
    order = models.PositiveSmallIntegerField("順序")
    role = models.CharField("關卡", max_length=15, choices=Role.choices)
    decider = models.ForeignKey(Person, verbose_name="簽核人", on_delete=models.PROTECT, related_name="steps",
                                db_index=False)
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.WAITING)
    acted_by = models.ForeignKey(
        Person, verbose_name="實際簽核人", null=True, blank=True, on_delete=models.PROTECT, related_name="acted_steps",
        help_text="由代理簽核人簽核時，記錄代理者",
    )
    decided_at = models.DateTimeField("簽核時間", null=True, blank=True)
    comment = models.CharField("意見", max_length=500, blank=True)

    class Meta:
        verbose_name = "簽核關卡"
        verbose_name_plural = "簽核關卡"
        ordering = ["case", "order"]
        constraints = [models.UniqueConstraint(fields=["case", "order"], name="step_order_unique")]
        indexes = [models.Index(fields=["decider", "status"])]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.decider}"


class AuditEvent(AppendOnlyModel):
    """What happened to a case, by whom, when: written once, never changed or deleted."""

    class Action(models.TextChoices):
        SUBMIT = "submit", "送出申請"
        RESUBMIT = "resubmit", "修正後重送"
        APPROVE = "approve", "同意"
        RETURN = "return", "退回"
        REJECT = "reject", "不同意"
        WITHDRAW = "withdraw", "撤回"
        CANCEL = "cancel", "銷假／取消"
        CHANGE = "change", "變更"
        NOTE = "note", "附註"

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="events")
    step = models.ForeignKey(Step, verbose_name="關卡", null=True, blank=True, on_delete=models.PROTECT)
    at = models.DateTimeField("時間", default=timezone.now)
    actor = models.ForeignKey(Person, verbose_name="執行者", on_delete=models.PROTECT, related_name="+")
    on_behalf_of = models.ForeignKey(
        Person, verbose_name="代理對象", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField("動作", max_length=10, choices=Action.choices)
    note = models.CharField("說明", max_length=500, blank=True)

    REFUSE_CHANGE = "簽核紀錄不可修改。"
    REFUSE_DELETE = "簽核紀錄不可刪除。"

    class Meta:
        verbose_name = "簽核紀錄"
        verbose_name_plural = "簽核紀錄"
        ordering = ["case", "at", "pk"]


class Delegation(models.Model):
    """While `person` is away, `delegate` decides their steps (代理簽核)."""

    person = models.ForeignKey(Person, verbose_name="被代理人", on_delete=models.CASCADE, related_name="delegations")
    delegate = models.ForeignKey(Person, verbose_name="代理簽核人", on_delete=models.PROTECT, related_name="delegated_to_me")
    start = models.DateTimeField("起")
    end = models.DateTimeField("迄")
    reason = models.CharField("事由", max_length=200, blank=True)

    class Meta:
        verbose_name = "代理簽核"
        verbose_name_plural = "代理簽核"
        indexes = [models.Index(fields=["delegate", "start", "end"])]

    def __str__(self) -> str:
        return f"{self.delegate} 代理 {self.person}"


class Notification(models.Model):
    person = models.ForeignKey(Person, verbose_name="收件人", on_delete=models.CASCADE, related_name="notifications")
    case = models.ForeignKey(Case, verbose_name="案件", null=True, blank=True, on_delete=models.CASCADE)
    message = models.CharField("內容", max_length=300)
    url = models.CharField("連結", max_length=300, blank=True)
    created_at = models.DateTimeField("時間", default=timezone.now)
    read_at = models.DateTimeField("已讀時間", null=True, blank=True)

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["person", "read_at"])]


class RouteRule(models.Model):
    """An agency's chain for a kind of form; without one, workflow/routing.py's default applies.

    `roles` is a comma-separated list of Step roles, e.g. "agent,supervisor,unit_head,personnel".
    `agency_head_from_minutes`: forms longer than this also go to the agency head (長假).
    """

    agency = models.ForeignKey(Agency, verbose_name="機關", on_delete=models.CASCADE, related_name="route_rules")
    kind = models.CharField("表單類別", max_length=30)
    roles = models.CharField("簽核關卡", max_length=200)
    agency_head_from_minutes = models.PositiveIntegerField("超過幾分鐘需機關首長核定", null=True, blank=True)

    class Meta:
        verbose_name = "簽核流程設定"
        verbose_name_plural = "簽核流程設定"
        constraints = [models.UniqueConstraint(fields=["agency", "kind"], name="route_rule_unique")]

    def role_list(self) -> list[str]:
        return [r.strip() for r in self.roles.split(",") if r.strip()]
