"""Agencies (a tree), units, people, and the roles that are granted rather than derived.

Derived roles are not stored: a person is a direct supervisor when someone names them as
`supervisor`, a unit head when a Unit names them as `head`. Granted roles (人事, 政風,
機關首長, 系統管理者) are RoleAssignment rows scoped to an agency.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from chaiqin import rules
from chaiqin.appendonly import AppendOnlyModel


class Agency(models.Model):
    class Kind(models.TextChoices):
        AGENCY = "agency", "機關"
        SCHOOL = "school", "學校"

    class LeaveBasis(models.TextChoices):
        ANNIVERSARY = "anniversary", "周年制"
        CALENDAR = "calendar", "曆年制"

    code = models.CharField("機關代碼", max_length=20, unique=True)
    name = models.CharField("機關名稱", max_length=100)
    short_name = models.CharField("簡稱", max_length=30, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name="上級機關", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    kind = models.CharField("類型", max_length=10, choices=Kind.choices, default=Kind.AGENCY)
    labor_leave_basis = models.CharField(
        "勞工特別休假年度", max_length=12, choices=LeaveBasis.choices, default=LeaveBasis.ANNIVERSARY,
        help_text="勞動基準法施行細則第24條：周年制或經約定之曆年制",
    )
    labor_agreement_on = models.DateField(
        "勞資會議同意延長工時日期", null=True, blank=True,
        help_text="勞動基準法第32條第2項但書：經工會或勞資會議同意後，勞工延長工時每月54小時、每3個月138小時（自同意之月起算）",
    )
    comp_time_months = models.PositiveSmallIntegerField(
        "補休期限（月）", default=12, help_text="本機關規定補休應於幾個月內請畢（行政院規定為2年，學校常見為1年）"
    )
    office_start = models.TimeField("上班時間", default="08:00")
    office_end = models.TimeField("下班時間", default="17:00")
    lunch_start = models.TimeField("午休開始", default="12:00")
    lunch_end = models.TimeField("午休結束", default="13:00")
    flex_minutes = models.PositiveSmallIntegerField("彈性上班（分鐘）", default=30)

    class Meta:
        verbose_name = "機關"
        verbose_name_plural = "機關"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        ancestor, seen = self.parent, set()
        while ancestor is not None:
            if ancestor.pk == self.pk or ancestor.pk in seen:
                raise ValidationError({"parent": "上級機關不可形成循環（機關不能隸屬於自己或其所屬機關）。"})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class Unit(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="機關", on_delete=models.PROTECT, related_name="units")
    name = models.CharField("單位名稱", max_length=60)
    code = models.CharField("單位代碼", max_length=20, blank=True)
    head = models.ForeignKey(
        "Person", verbose_name="單位主管", null=True, blank=True, on_delete=models.SET_NULL, related_name="headed_units"
    )
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "單位"
        verbose_name_plural = "單位"
        ordering = ["agency", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="unit_name_unique_in_agency")]

    def __str__(self) -> str:
        return f"{self.agency.short_name or self.agency.name} {self.name}"

    def clean(self):
        if self.head_id and self.head.agency_id != self.agency_id:
            raise ValidationError({"head": "單位主管必須是本機關的人員。"})


class Person(models.Model):
    class Gender(models.TextChoices):
        MALE = "M", "男"
        FEMALE = "F", "女"

    class Regime(models.TextChoices):
        CIVIL = rules.CIVIL, rules.REGIMES[rules.CIVIL]
        TEACHER = rules.TEACHER, rules.REGIMES[rules.TEACHER]
        LABOR = rules.LABOR, rules.REGIMES[rules.LABOR]

    class Post(models.TextChoices):
        ADMIN = "admin", "行政人員"
        CONTRACT = "contract", "約聘僱人員"
        TEACHER = "teacher", "專任教師"
        TEACHER_ADMIN = "teacher_admin", "兼行政教師"
        WORKER = "worker", "職工"
        TECHNICIAN = "technician", "技工"
        JANITOR = "janitor", "工友"
        DRIVER = "driver", "駕駛"
        CONTRACT_LABOR = "contract_labor", "約用人員"

    class Status(models.TextChoices):
        ACTIVE = "active", "在職"
        UNPAID_LEAVE = "unpaid_leave", "留職停薪"
        LEFT = "left", "離職"

    # Which regime's rules a post falls under (DESIGN.md, the regime table).
    POST_REGIME = {
        Post.ADMIN: rules.CIVIL,
        Post.CONTRACT: rules.CIVIL,
        Post.TEACHER: rules.TEACHER,
        Post.TEACHER_ADMIN: rules.TEACHER,
        Post.WORKER: rules.LABOR,
        Post.TECHNICIAN: rules.LABOR,
        Post.JANITOR: rules.LABOR,
        Post.DRIVER: rules.LABOR,
        Post.CONTRACT_LABOR: rules.LABOR,
    }

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="登入帳號", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="person",
    )
    agency = models.ForeignKey(Agency, verbose_name="機關", on_delete=models.PROTECT, related_name="people")
    unit = models.ForeignKey(Unit, verbose_name="單位", on_delete=models.PROTECT, related_name="people")
    employee_no = models.CharField("考勤代號", max_length=20)
    name = models.CharField("姓名", max_length=40)
    gender = models.CharField("性別", max_length=1, choices=Gender.choices)
    regime = models.CharField("人員類別", max_length=10, choices=Regime.choices)
    post = models.CharField("職務類型", max_length=20, choices=Post.choices)
    title = models.CharField("職稱", max_length=40, blank=True)
    hire_date = models.DateField("到職日")
    prior_service_months = models.PositiveSmallIntegerField("採計年資（月）", default=0)
    status = models.CharField("狀態", max_length=15, choices=Status.choices, default=Status.ACTIVE)
    supervisor = models.ForeignKey(
        "self", verbose_name="直屬主管", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    email = models.EmailField("電子郵件", blank=True)
    must_change_password = models.BooleanField(
        "須先變更密碼", default=False, help_text="以人事室發給的一次性初始密碼登入後，須先變更密碼才能使用系統",
    )
    # The number of the person's access card, as the agency's card readers write it in their files.
    card_no = models.CharField("卡號", max_length=32, blank=True, default="")

    class Meta:
        verbose_name = "人員"
        verbose_name_plural = "人員"
        ordering = ["agency", "unit", "employee_no"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "employee_no"], name="employee_no_unique_in_agency"),
            models.UniqueConstraint(fields=["agency", "card_no"], condition=~models.Q(card_no=""),
                                    name="card_no_unique_in_agency"),
            models.CheckConstraint(
                condition=models.Q(regime__in=[rules.CIVIL, rules.TEACHER, rules.LABOR]), name="person_regime_known"
            ),
        ]
        indexes = [models.Index(fields=["supervisor"]), models.Index(fields=["agency", "status"])]

    def __str__(self) -> str:
        return self.name

    @property
    def admin_post(self) -> bool:
        """兼行政: teachers with an admin post get annual leave by school year (教師請假規則第8條)."""
        return self.post == self.Post.TEACHER_ADMIN

    def clean(self):
        errors: dict[str, str] = {}
        try:
            rules.check_regime(self.regime)
        except rules.RuleInputError as exc:
            errors["regime"] = str(exc)
        else:
            expected = self.POST_REGIME.get(self.post)
            if expected and expected != self.regime:
                errors["regime"] = (
                    f"職務類型「{self.get_post_display()}」適用{rules.REGIMES[expected]}的規定，"
                    f"人員類別不可為{rules.REGIMES[self.regime]}。"
                )
        if self.unit_id and self.agency_id and self.unit.agency_id != self.agency_id:
            errors["unit"] = "單位必須屬於此人的機關。"
        if self.supervisor_id:
            if self.supervisor_id == self.pk:
                errors["supervisor"] = "不可將自己設為直屬主管。"
            elif self.supervisor.agency_id != self.agency_id:
                errors["supervisor"] = "直屬主管必須屬於同一機關，不可指定其他機關的人員。"
            else:
                boss, seen = self.supervisor, set()
                while boss is not None and boss.pk not in seen:
                    if boss.pk == self.pk:
                        errors["supervisor"] = "直屬主管關係不可形成循環。"
                        break
                    seen.add(boss.pk)
                    boss = boss.supervisor
        if errors:
            raise ValidationError(errors)


class RoleAssignment(models.Model):
    """A granted role, valid in `agency` (and, for roll-ups, the agencies below it)."""

    class Role(models.TextChoices):
        PERSONNEL = "personnel", "人事人員"
        ETHICS = "ethics", "政風人員"
        AGENCY_HEAD = "agency_head", "機關首長"
        SYSADMIN = "sysadmin", "系統管理者"
        ACCOUNTING = "accounting", "主計人員"

    person = models.ForeignKey(Person, verbose_name="人員", on_delete=models.CASCADE, related_name="roles")
    role = models.CharField("角色", max_length=15, choices=Role.choices)
    agency = models.ForeignKey(Agency, verbose_name="適用機關", on_delete=models.CASCADE, related_name="role_assignments")

    class Meta:
        verbose_name = "角色指派"
        verbose_name_plural = "角色指派"
        constraints = [models.UniqueConstraint(fields=["person", "role", "agency"], name="role_assignment_unique")]

    def __str__(self) -> str:
        return f"{self.person} {self.get_role_display()}（{self.agency}）"

    def clean(self):
        if self.person_id and self.agency_id and self.person.agency_id != self.agency_id:
            # A personnel officer of a county sees its schools through roll-ups of their own agency,
            # never by being granted a role inside another agency.
            raise ValidationError({"agency": "角色只能指派於此人所屬的機關。"})


class LoginFailure(models.Model):
    """A failed log-in, kept to slow down password guessing (counted per account and per address)."""

    username = models.CharField("帳號", max_length=150, db_index=True)
    ip = models.GenericIPAddressField("來源位址", null=True, blank=True, db_index=True)
    at = models.DateTimeField("時間", db_index=True)

    class Meta:
        verbose_name = "登入失敗紀錄"
        verbose_name_plural = "登入失敗紀錄"


class StatusPeriod(models.Model):
    """A stretch of a person's employment that is not plain service: 留職停薪 (with its kind), or 離職.

    到職 is `Person.hire_date`. 留職停薪 runs from `start` to `end` inclusive; `end` is the day before
    復職 (set when the person returns) and is empty while the return date is not known. 離職 starts on
    the first day the person no longer serves and never ends. `Person.status` is the status of today,
    kept by the services that write these rows; questions about another day (「留職停薪 stops the
    clock」) read these rows through `org.selectors.status_periods`.
    """

    class Status(models.TextChoices):
        UNPAID_LEAVE = "unpaid_leave", "留職停薪"
        LEFT = "left", "離職"

    class Kind(models.TextChoices):
        PARENTAL = "parental", "育嬰"
        FAMILY_CARE = "family_care", "侍親"
        STUDY = "study", "進修"
        MILITARY = "military", "服兵役"
        ILLNESS = "illness", "病假期滿"
        OTHER = "other", "其他"

    person = models.ForeignKey(Person, verbose_name="人員", on_delete=models.CASCADE, related_name="status_periods")
    status = models.CharField("狀態", max_length=15, choices=Status.choices)
    kind = models.CharField("類別", max_length=15, choices=Kind.choices, blank=True)
    start = models.DateField("起日")
    end = models.DateField("迄日", null=True, blank=True)
    note = models.CharField("說明", max_length=200, blank=True)

    class Meta:
        verbose_name = "任職狀態期間"
        verbose_name_plural = "任職狀態期間"
        ordering = ["person", "start"]
        indexes = [models.Index(fields=["person", "start"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                                   name="status_period_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.get_status_display()}"


class StandingAgent(models.Model):
    """A person's standing agent (預設職務代理人): offered first, in `order`, wherever a form asks for an agent."""

    person = models.ForeignKey(Person, verbose_name="人員", on_delete=models.CASCADE, related_name="standing_agents")
    agent = models.ForeignKey(Person, verbose_name="代理人", on_delete=models.CASCADE, related_name="standing_for")
    order = models.PositiveSmallIntegerField("順序", default=1)

    class Meta:
        verbose_name = "預設職務代理人"
        verbose_name_plural = "預設職務代理人"
        ordering = ["person", "order"]
        constraints = [models.UniqueConstraint(fields=["person", "agent"], name="standing_agent_unique")]


class OrgEvent(AppendOnlyModel):
    """The personnel office's audit trail: who changed what about whom, when. Written once, never changed."""

    agency = models.ForeignKey(Agency, verbose_name="機關", on_delete=models.PROTECT, related_name="org_events")
    actor = models.ForeignKey(Person, verbose_name="執行者", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    person = models.ForeignKey(Person, verbose_name="對象", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="org_events")
    action = models.CharField("動作", max_length=40)
    note = models.CharField("說明", max_length=500, blank=True)
    at = models.DateTimeField("時間")

    REFUSE_CHANGE = "人事異動紀錄不可修改。"
    REFUSE_DELETE = "人事異動紀錄不可刪除。"

    class Meta:
        verbose_name = "人事異動紀錄"
        verbose_name_plural = "人事異動紀錄"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["agency", "at"])]
class PeopleImport(models.Model):
    """One staff file imported by the personnel office: who, when, what file, how many people changed.

    Only imports that saved something are kept (a refused file or a dry run changes nothing); the
    people themselves carry the result.
    """

    agency = models.ForeignKey(Agency, verbose_name="機關", on_delete=models.CASCADE, related_name="people_imports")
    filename = models.CharField("檔名", max_length=200)
    imported_by = models.ForeignKey(Person, verbose_name="匯入者", null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("匯入時間")
    rows = models.PositiveIntegerField("資料列數", default=0)
    created = models.PositiveIntegerField("新增人數", default=0)
    updated = models.PositiveIntegerField("更新人數", default=0)
    accounts = models.PositiveIntegerField("新建登入帳號", default=0)

    class Meta:
        verbose_name = "人員資料匯入"
        verbose_name_plural = "人員資料匯入"
        ordering = ["-at"]
