"""The personnel office's duties: parental protections, the yearly gender-friendly survey,
the committees it asks about, leave without pay, rosters, and the travel card's
all-self-use acceptances.

State changes only through compliance/services.py. Protection forms (lactation time,
reduced or adjusted hours for a child under 3) go through the workflow engine: their state
is their Case's.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from chaiqin.org.models import Agency, Person


class ProtectionStatus(models.Model):
    """A person marked pregnant or nursing from `start` to `end` (open when None).

    Entered by the person or the personnel office. Drives the night-work protection
    (survey item 15) and the eligibility for lactation time. The protection against night
    work binds the agency from the day it knew (`known_on`: she told it, filed a form that
    says so, or the office entered it), never from a later date such as the start of a
    work-from-home scheme; without `known_on` it runs from `start`.
    """

    class Kind(models.TextChoices):
        PREGNANT = "pregnant", "妊娠期間"
        NURSING = "nursing", "哺乳期間"

    person = models.ForeignKey(Person, verbose_name="人員", on_delete=models.CASCADE, related_name="protections")
    kind = models.CharField("類別", max_length=10, choices=Kind.choices)
    start = models.DateField("起")
    end = models.DateField("迄", null=True, blank=True)
    child_birth_date = models.DateField("子女出生日", null=True, blank=True)
    known_on = models.DateField("機關知悉日", null=True, blank=True,
                                help_text="機關知悉妊娠或哺乳之日；夜間工作之保護自此日起適用")
    note = models.CharField("備註", max_length=200, blank=True)
    entered_by = models.ForeignKey(Person, verbose_name="登錄者", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("登錄時間", default=timezone.now)

    class Meta:
        verbose_name = "母性保護註記"
        verbose_name_plural = "母性保護註記"
        ordering = ["person", "-start"]
        indexes = [models.Index(fields=["person", "start"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                                   name="protection_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.get_kind_display()}"

    @property
    def protected_from(self):
        """The first day the agency must not assign night work: the later of `start` and `known_on`."""
        return max(self.start, self.known_on) if self.known_on else self.start


class LactationRequest(models.Model):
    """哺（集）乳時間: a child under 2, 60 minutes a day (+30 with overtime of 1 hour or more)."""

    person = models.ForeignKey(Person, verbose_name="申請人", on_delete=models.PROTECT, related_name="lactation_requests")
    child_birth_date = models.DateField("子女出生日")
    start = models.DateField("起")
    end = models.DateField("迄")
    daily_minutes = models.PositiveSmallIntegerField("每日哺（集）乳時間（分鐘）")
    times = models.CharField("時段", max_length=100, blank=True, help_text="例：10:00–10:30、15:00–15:30")
    case = models.OneToOneField("workflow.Case", verbose_name="簽核案件", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="lactation_request")
    created_at = models.DateTimeField("申請時間", default=timezone.now)

    class Meta:
        verbose_name = "哺（集）乳時間申請"
        verbose_name_plural = "哺（集）乳時間申請"
        ordering = ["-start"]
        constraints = [models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="lactation_end_after_start")]

    def __str__(self) -> str:
        return f"{self.person} 哺（集）乳時間"

    @property
    def status(self) -> str:
        return self.case.status if self.case_id else "draft"


class ChildcareHoursRequest(models.Model):
    """A child under 3: reduce working time by 1 hour a day, or adjust working hours (§19). Not refusable (§21).

    Once approved it is the person's dated arrangement from `start` to `end`: the attendance
    schedule of those days is the office hours moved by the hour (`reduce_at`) or replaced by
    `work_start`–`work_end` (compliance/allowances.py)."""

    class Mode(models.TextChoices):
        REDUCE = "reduce", "每天減少工作時間一小時"
        ADJUST = "adjust", "調整工作時間"

    person = models.ForeignKey(Person, verbose_name="申請人", on_delete=models.PROTECT, related_name="childcare_requests")
    child_birth_date = models.DateField("子女出生日")
    mode = models.CharField("請求事項", max_length=10, choices=Mode.choices)
    start = models.DateField("起")
    end = models.DateField("迄")
    class ReduceAt(models.TextChoices):
        END = "end", "下班提前"
        START = "start", "上班延後"

    reduced_minutes = models.PositiveSmallIntegerField("每日減少（分鐘）", default=0)
    reduce_at = models.CharField("減少時段", max_length=5, choices=ReduceAt.choices, default=ReduceAt.END)
    work_start = models.TimeField("上班時間", null=True, blank=True)
    work_end = models.TimeField("下班時間", null=True, blank=True)
    reason = models.CharField("說明", max_length=300, blank=True)
    case = models.OneToOneField("workflow.Case", verbose_name="簽核案件", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="childcare_request")
    created_at = models.DateTimeField("申請時間", default=timezone.now)

    class Meta:
        verbose_name = "育兒減少或調整工作時間申請"
        verbose_name_plural = "育兒減少或調整工作時間申請"
        ordering = ["-start"]
        constraints = [models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="childcare_end_after_start")]

    def __str__(self) -> str:
        return f"{self.person} {self.get_mode_display()}"

    @property
    def status(self) -> str:
        return self.case.status if self.case_id else "draft"


class RosterShift(models.Model):
    """A shift someone was assigned to work (排班／指派), e.g. a night duty. Checked for night work."""

    person = models.ForeignKey(Person, verbose_name="人員", on_delete=models.CASCADE, related_name="roster_shifts")
    start = models.DateTimeField("起")
    end = models.DateTimeField("迄")
    assigned_by = models.ForeignKey(Person, verbose_name="指派者", null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField("事由", max_length=200, blank=True)
    created_at = models.DateTimeField("登錄時間", default=timezone.now)

    class Meta:
        verbose_name = "排班指派"
        verbose_name_plural = "排班指派"
        ordering = ["start"]
        indexes = [models.Index(fields=["person", "start"])]
        constraints = [models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="roster_end_after_start")]


class UnpaidLeave(models.Model):
    """留職停薪 and its return (回職復薪): survey items 8, 14, 17, 19."""

    class Reason(models.TextChoices):
        CHILD = "child", "養育三足歲以下子女"
        ADOPTION = "adoption", "與收養兒童先行共同生活"
        GRANDCHILD = "grandchild", "照顧三足歲以下孫子女"
        OTHER = "other", "其他事由"

    PARENTAL = (Reason.CHILD, Reason.ADOPTION, Reason.GRANDCHILD)

    person = models.ForeignKey(Person, verbose_name="人員", on_delete=models.CASCADE, related_name="unpaid_leaves")
    reason = models.CharField("事由", max_length=12, choices=Reason.choices)
    start = models.DateField("起")
    end = models.DateField("預定迄")
    original_title = models.CharField("原職務", max_length=60, blank=True)
    was_supervisor = models.BooleanField("原為主管職務", default=False)
    returned_on = models.DateField("回職復薪日", null=True, blank=True)
    returned_title = models.CharField("復職職務", max_length=60, blank=True)
    returned_to_original = models.BooleanField("回復原（主管）職務", null=True)
    return_note = models.CharField("未回復原職務之依據", max_length=200, blank=True,
                                   help_text="業務調整精簡、整併、改制、裁撤、移撥或當事人書面同意")
    entered_by = models.ForeignKey(Person, verbose_name="登錄者", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "留職停薪"
        verbose_name_plural = "留職停薪"
        ordering = ["person", "-start"]


class Committee(models.Model):
    """The 考績委員會 (survey item 6) or 甄審委員會 (item 7) of an agency in a year."""

    class Kind(models.TextChoices):
        PERFORMANCE = "performance", "考績委員會"
        PROMOTION = "promotion", "甄審委員會"

    agency = models.ForeignKey(Agency, verbose_name="機關", on_delete=models.CASCADE, related_name="committees")
    year = models.PositiveSmallIntegerField("年度（民國）")
    kind = models.CharField("委員會", max_length=12, choices=Kind.choices)

    class Meta:
        verbose_name = "委員會"
        verbose_name_plural = "委員會"
        constraints = [models.UniqueConstraint(fields=["agency", "year", "kind"], name="committee_unique")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年 {self.get_kind_display()}"


class CommitteeMember(models.Model):
    committee = models.ForeignKey(Committee, verbose_name="委員會", on_delete=models.CASCADE, related_name="members")
    name = models.CharField("姓名", max_length=40)
    gender = models.CharField("性別", max_length=1, choices=Person.Gender.choices)
    person = models.ForeignKey(Person, verbose_name="人員", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "委員"
        verbose_name_plural = "委員"
        ordering = ["committee", "pk"]


class SurveyAnswer(models.Model):
    """The personnel office's answer to one survey item: confirming what the records say, or
    overriding it with a reason. `derived` keeps what the records said at that moment."""

    class Source(models.TextChoices):
        CONFIRMED = "confirmed", "確認系統判斷"
        MANUAL = "manual", "人工填答"
        OVERRIDE = "override", "人工更正"

    agency = models.ForeignKey(Agency, verbose_name="機關", on_delete=models.CASCADE, related_name="survey_answers")
    year = models.PositiveSmallIntegerField("年度（民國）")
    number = models.PositiveSmallIntegerField("編號")
    answer = models.CharField("填報內容", max_length=10)
    source = models.CharField("來源", max_length=10, choices=Source.choices)
    derived = models.CharField("系統判斷", max_length=10, blank=True)
    evidence = models.TextField("佐證說明", blank=True)
    reason = models.CharField("更正理由", max_length=300, blank=True)
    answered_by = models.ForeignKey(Person, verbose_name="填答者", null=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField("填答時間", default=timezone.now)

    class Meta:
        verbose_name = "法定性別友善事項填答"
        verbose_name_plural = "法定性別友善事項填答"
        ordering = ["agency", "year", "number"]
        constraints = [models.UniqueConstraint(fields=["agency", "year", "number"], name="survey_answer_unique")]


class TravelCardSelfUse(models.Model):
    """休假改進措施第5點第1項第1款第4目: the agency accepted that the servant cannot travel this
    year (pregnancy of self, spouse or lineal relative; disability or serious illness): the
    whole subsidy is self-use."""

    class Reason(models.TextChoices):
        PREGNANCY_SELF = "pregnancy_self", "本人懷孕"
        PREGNANCY_SPOUSE = "pregnancy_spouse", "配偶懷孕"
        PREGNANCY_RELATIVE = "pregnancy_relative", "直系血親懷孕"
        DISABILITY = "disability", "本人、配偶或直系血親身心障礙"
        ILLNESS = "illness", "本人、配偶或直系血親重大傷病"

    person = models.ForeignKey(Person, verbose_name="人員", on_delete=models.CASCADE, related_name="travel_card_self_use")
    year = models.PositiveSmallIntegerField("年度（西元）")
    reason = models.CharField("事由", max_length=20, choices=Reason.choices)
    note = models.CharField("說明", max_length=200, blank=True)
    accepted_by = models.ForeignKey(Person, verbose_name="認定者", null=True, on_delete=models.SET_NULL, related_name="+")
    accepted_at = models.DateTimeField("認定時間", default=timezone.now)

    class Meta:
        verbose_name = "國民旅遊卡全數自行運用認定"
        verbose_name_plural = "國民旅遊卡全數自行運用認定"
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="travel_self_use_once_a_year")]
