"""Business trips (出差單, 公出) and overseas travel (寒暑假出國報備單, 出國申請單) with the
mainland China form (赴大陸地區申請表), its return report (赴陸人員返臺通報表), the
school's break periods, and uploaded attachments.

What each trip kind pays lives in chaiqin/rules (rules/trips.py, asked through policy.py). State changes go
through services.py only.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from chaiqin.dates import TAIPEI
from chaiqin.org.models import Agency, Person


class Trip(models.Model):
    """出差單 (公務出差 or 研習出差) or 公出 (a short outing on duty)."""

    class Nature(models.TextChoices):
        OFFICIAL = "official", "公務出差"
        TRAINING = "training", "研習出差"
        OUTING = "outing", "公出"

    class SignMode(models.TextChoices):
        SYSTEM = "system", "系統簽到退"
        PAPER = "paper", "紙本簽到退"

    person = models.ForeignKey(Person, verbose_name="申請人", on_delete=models.PROTECT, related_name="trips")
    nature = models.CharField("公差性質", max_length=10, choices=Nature.choices)
    place = models.CharField("公差地點", max_length=100)
    reason = models.CharField("公差事由", max_length=300)
    start = models.DateTimeField("起")
    end = models.DateTimeField("訖")
    sign_mode = models.CharField("簽到退方式", max_length=10, choices=SignMode.choices, default=SignMode.SYSTEM)
    agent = models.ForeignKey(Person, verbose_name="代理人", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="trip_agencies")
    overtime_minutes = models.PositiveIntegerField(
        "自行填寫加班時數（分鐘）", default=0, help_text="出差期間遇假日時，自行填寫之加班時數"
    )
    attachment_note = models.CharField("附件說明", max_length=200, blank=True)
    created_at = models.DateTimeField("填表時間")
    case = models.OneToOneField("workflow.Case", verbose_name="簽核案件", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="trip")

    class Meta:
        verbose_name = "出差單"
        verbose_name_plural = "出差單"
        ordering = ["-start"]
        constraints = [models.CheckConstraint(condition=Q(end__gt=F("start")), name="trip_end_after_start")]
        indexes = [models.Index(fields=["person", "start", "end"])]

    def __str__(self) -> str:
        return f"{self.get_nature_display()} {self.place}"

    @property
    def workflow_kind(self) -> str:
        return "outing" if self.nature == self.Nature.OUTING else "trip"


class Overseas(models.Model):
    """寒暑假出國報備單 (teachers without admin post, within the break) or 出國申請單."""

    class Form(models.TextChoices):
        BREAK_REPORT = "break_report", "寒暑假出國報備單"
        APPLICATION = "overseas", "出國申請單"

    class Category(models.TextChoices):
        TOURISM = "tourism", "觀光"
        FAMILY = "family", "探親"
        OTHER = "other", "其他事由"

    class Destination(models.TextChoices):
        OTHER = "other", "其它國家"
        MAINLAND = "mainland", "大陸地區"
        HKMO = "hkmo", "香港或澳門"

    person = models.ForeignKey(Person, verbose_name="申請人", on_delete=models.PROTECT, related_name="overseas_trips")
    form = models.CharField("表單", max_length=15, choices=Form.choices)
    category = models.CharField("出國類別", max_length=10, choices=Category.choices, default=Category.TOURISM)
    destination = models.CharField("預定前往國家", max_length=10, choices=Destination.choices, default=Destination.OTHER)
    country = models.CharField("國家或地區", max_length=60, blank=True)
    start = models.DateTimeField("預定出國期間起")
    end = models.DateTimeField("預定出國期間訖")
    reason = models.CharField("事由", max_length=300)
    has_classes = models.BooleanField("請假期間有無課務", default=False)
    agent = models.ForeignKey(Person, verbose_name="職務代理人", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="overseas_agencies")
    agent_start = models.DateTimeField("代理時間起", null=True, blank=True)
    agent_end = models.DateTimeField("代理時間訖", null=True, blank=True)
    agent_phone = models.CharField("代理人電話", max_length=60, blank=True)
    attachment_note = models.CharField("附件說明", max_length=200, blank=True)
    quota_note = models.CharField("額度檢核", max_length=300, blank=True)
    created_at = models.DateTimeField("填表時間")
    case = models.OneToOneField("workflow.Case", verbose_name="簽核案件", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="overseas")

    class Meta:
        verbose_name = "出國申請／報備"
        verbose_name_plural = "出國申請／報備"
        ordering = ["-start"]
        constraints = [models.CheckConstraint(condition=Q(end__gt=F("start")), name="overseas_end_after_start")]
        indexes = [models.Index(fields=["person", "start", "end"])]

    def __str__(self) -> str:
        return f"{self.get_form_display()} {self.country or self.get_destination_display()}"

    @property
    def days(self) -> int:
        """Days abroad counting holidays (seed 002: 請填寫全部出國日期，含假日)."""
        return (self.end.astimezone(TAIPEI).date() - self.start.astimezone(TAIPEI).date()).days + 1


class OverseasLeave(models.Model):
    """One of up to five leave types of a 出國申請單, with its period (seed 002: 最多五項)."""

    overseas = models.ForeignKey(Overseas, verbose_name="出國申請單", on_delete=models.CASCADE, related_name="leave_lines")
    order = models.PositiveSmallIntegerField("順序")
    leave_code = models.CharField("假別代碼", max_length=30)
    leave_name = models.CharField("假別", max_length=30)
    start = models.DateTimeField("起")
    end = models.DateTimeField("訖")
    minutes = models.PositiveIntegerField("請假時數（分鐘）")
    citation = models.CharField("依據", max_length=200, blank=True)

    class Meta:
        verbose_name = "出國請假類別"
        verbose_name_plural = "出國請假類別"
        ordering = ["overseas", "order"]
        constraints = [models.UniqueConstraint(fields=["overseas", "order"], name="overseas_leave_order_unique")]


class MainlandForm(models.Model):
    """教職員赴大陸地區申請表 (seed 002), attached to an overseas form bound for 大陸地區."""

    class Purpose(models.TextChoices):
        GROUP_TOUR = "group_tour", "參團旅遊"
        FAMILY_TOUR = "family_tour", "家庭旅遊"
        VISIT = "visit", "探訪親友（探親、探病、奔喪）"
        EXCHANGE = "exchange", "專業交流"
        OTHER = "other", "其他"

    # The document the form asks for with each purpose (檢附文件).
    REQUIRED_DOCUMENT = {
        Purpose.GROUP_TOUR: "旅行團行程表",
        Purpose.FAMILY_TOUR: "家庭親友名單",
        Purpose.VISIT: "欲拜訪大陸親友名單",
        Purpose.EXCHANGE: "活動行程表",
        Purpose.OTHER: "相關證明文件",
    }

    overseas = models.OneToOneField(Overseas, verbose_name="出國申請單", on_delete=models.CASCADE,
                                    related_name="mainland_form")
    places = models.CharField("赴大陸地區之地點", max_length=200)
    previous_start = models.DateField("前次赴大陸地區起", null=True, blank=True)
    previous_end = models.DateField("前次赴大陸地區迄", null=True, blank=True)
    count_this_year = models.PositiveSmallIntegerField("本年曾赴大陸地區次數", default=0)
    q_article_9 = models.BooleanField("臺灣地區與大陸地區人民關係條例第九條第四項第二款所列人員", default=False)
    q_state_secrets = models.BooleanField("國家機密保護法第二十六條第一項所列人員", default=False)
    q_intelligence = models.BooleanField("國家情報工作法第三條第一項第三款所列人員", default=False)
    q_special_check = models.BooleanField("涉及國家安全或重大利益公務人員特殊查核辦法所公告職務之人員", default=False)
    purpose = models.CharField("事由", max_length=15, choices=Purpose.choices)
    phone_in_mainland = models.CharField("在大陸聯絡電話", max_length=60, blank=True)
    note = models.CharField("備考", max_length=200, blank=True)
    filled_on = models.DateField("填表日期")

    class Meta:
        verbose_name = "赴大陸地區申請表"
        verbose_name_plural = "赴大陸地區申請表"

    @property
    def required_document(self) -> str:
        return self.REQUIRED_DOCUMENT[self.purpose]

    @property
    def sensitive(self) -> bool:
        return self.q_article_9 or self.q_state_secrets or self.q_intelligence or self.q_special_check


class ReturnReport(models.Model):
    """赴陸人員返臺通報表: filed after a mainland trip."""

    overseas = models.OneToOneField(Overseas, verbose_name="出國申請單", on_delete=models.CASCADE,
                                    related_name="return_report")
    returned_on = models.DateField("返臺日期")
    questioned = models.BooleanField("在大陸期間是否遭大陸有關單位詢問、盤查或要求提供資料", default=False)
    contacted = models.BooleanField("是否與大陸人士有涉及職務之接觸或往來", default=False)
    other_events = models.BooleanField("是否有其他異常狀況", default=False)
    details = models.CharField("說明", max_length=500, blank=True)
    filed_at = models.DateTimeField("填報時間")

    class Meta:
        verbose_name = "赴陸人員返臺通報表"
        verbose_name_plural = "赴陸人員返臺通報表"


class BreakPeriod(models.Model):
    """A school's winter or summer break in a school year, set by the personnel office."""

    class Kind(models.TextChoices):
        WINTER = "winter", "寒假"
        SUMMER = "summer", "暑假"

    agency = models.ForeignKey(Agency, verbose_name="機關學校", on_delete=models.CASCADE, related_name="break_periods")
    school_year = models.PositiveSmallIntegerField("學年度")
    kind = models.CharField("寒暑假", max_length=10, choices=Kind.choices)
    start = models.DateField("起")
    end = models.DateField("迄")

    class Meta:
        verbose_name = "寒暑假期間"
        verbose_name_plural = "寒暑假期間"
        ordering = ["agency", "start"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "school_year", "kind"], name="break_period_unique"),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="break_end_not_before_start"),
        ]

    def __str__(self) -> str:
        return f"{self.school_year}學年度{self.get_kind_display()}"


class Attachment(models.Model):
    """An uploaded file (PDF/JPEG/PNG, checked by content) of a trip or overseas form."""

    class Purpose(models.TextChoices):
        MEMO = "memo", "核定簽呈"
        MAC_REGISTRATION = "mac_registration", "陸委會國人赴陸港澳動態登錄證明"
        MAINLAND_DOCUMENT = "mainland_document", "赴大陸地區申請表檢附文件"
        OTHER = "other", "其他附件"

    trip = models.ForeignKey(Trip, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments")
    overseas = models.ForeignKey(Overseas, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments")
    purpose = models.CharField("用途", max_length=20, choices=Purpose.choices, default=Purpose.OTHER)
    name = models.CharField("檔名", max_length=200)
    content_type = models.CharField("檔案類型", max_length=40)
    size = models.PositiveIntegerField("大小（位元組）")
    data = models.BinaryField("內容")
    uploaded_at = models.DateTimeField("上傳時間")

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        constraints = [
            models.CheckConstraint(
                condition=(Q(trip__isnull=False) & Q(overseas__isnull=True)) | (Q(trip__isnull=True) & Q(overseas__isnull=False)),
                name="attachment_one_owner",
            )
        ]


class ExpenseLine(models.Model):
    """One line of the travel-expense sheet (國內出差旅費報告表): a day's route and work, the fares
    by kind of transport, lodging, the miscellaneous allowance and the receipt numbers."""

    trip = models.ForeignKey(Trip, verbose_name="出差單", on_delete=models.CASCADE, related_name="expense_lines")
    order = models.PositiveSmallIntegerField("順序")
    day = models.DateField("日期")
    route = models.CharField("起訖地點", max_length=100)
    work = models.CharField("工作記要", max_length=200, blank=True)
    plane_hsr = models.PositiveIntegerField("飛機、高鐵（元）", default=0)
    bus_mrt = models.PositiveIntegerField("汽車及捷運（元）", default=0)
    train = models.PositiveIntegerField("火車（元）", default=0)
    ship = models.PositiveIntegerField("船舶（元）", default=0)
    lodging = models.PositiveIntegerField("住宿費（元）", default=0)
    miscellaneous = models.PositiveIntegerField("雜費（元）", default=0)
    receipts = models.CharField("單據號數", max_length=60, blank=True)

    TRANSPORT = ("plane_hsr", "bus_mrt", "train", "ship")

    class Meta:
        verbose_name = "差旅費明細"
        verbose_name_plural = "差旅費明細"
        ordering = ["trip", "order"]
        constraints = [models.UniqueConstraint(fields=["trip", "order"], name="expense_line_order_unique")]

    @property
    def transport(self) -> int:
        return sum(getattr(self, f) for f in self.TRANSPORT)

    @property
    def total(self) -> int:
        return self.transport + self.lodging + self.miscellaneous
