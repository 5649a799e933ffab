"""Punches (刷卡/簽到退), the card readers that send them, the networks web clock-in is
allowed from, card-file imports, and the missed-punch supplement form (上下班未刷卡補登單).

A punch is a moment, not an "in" or an "out": the daily status (selectors.py) reads the
first punch of a day as arriving and the last as leaving, so a forgotten clock-out
yesterday never blocks today's clock-in (it shows as a missing punch to supplement).
The natural key (person, at) makes re-importing a card file add nothing.
"""

from __future__ import annotations

import hashlib
import ipaddress

from django.core.exceptions import ValidationError
from django.db import models

from chaiqin.org.models import Agency, Person

from . import reader_formats


class Punch(models.Model):
    class Source(models.TextChoices):
        WEB = "web", "網頁簽到退"
        CARD = "card", "刷卡機檔案"
        API = "api", "刷卡機連線"
        PAPER = "paper", "紙本簽到退"
        SUPPLEMENT = "supplement", "未刷卡補登"

    # No index of its own on person or device: the unique (person, at) serves every lookup by
    # person, and only the few punches sent live by a reader carry a device (partial index).
    # Each index costs seconds on a million-row card file.
    person = models.ForeignKey(Person, verbose_name="人員", on_delete=models.CASCADE, related_name="punches",
                               db_index=False)
    at = models.DateTimeField("刷卡時間")
    source = models.CharField("來源", max_length=10, choices=Source.choices)
    device = models.ForeignKey("Device", verbose_name="刷卡機", null=True, blank=True, on_delete=models.SET_NULL,
                               db_index=False)
    ip = models.GenericIPAddressField("來源位址", null=True, blank=True)

    class Meta:
        verbose_name = "刷卡紀錄"
        verbose_name_plural = "刷卡紀錄"
        ordering = ["person", "at"]
        constraints = [models.UniqueConstraint(fields=["person", "at"], name="punch_person_at_unique")]
        indexes = [models.Index(fields=["device"], condition=models.Q(device__isnull=False), name="punch_device_idx")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.at:%Y-%m-%d %H:%M}"


class AllowedNetwork(models.Model):
    """A network web clock-in is accepted from; an agency without any row accepts anywhere."""

    agency = models.ForeignKey(Agency, verbose_name="機關", on_delete=models.CASCADE, related_name="punch_networks")
    cidr = models.CharField("網段（CIDR）", max_length=50, help_text="如 10.20.0.0/16 或 2001:db8::/32")
    label = models.CharField("說明", max_length=60, blank=True)

    class Meta:
        verbose_name = "允許簽到網段"
        verbose_name_plural = "允許簽到網段"
        constraints = [models.UniqueConstraint(fields=["agency", "cidr"], name="allowed_network_unique")]

    def __str__(self) -> str:
        return self.cidr

    def clean(self):
        try:
            ipaddress.ip_network(self.cidr, strict=False)
        except ValueError:
            raise ValidationError({"cidr": f"「{self.cidr}」不是有效的網段（例：10.20.0.0/16）。"}) from None


class Device(models.Model):
    """A card reader; it authenticates with `Authorization: Bearer <token>` (only the hash is kept)."""

    agency = models.ForeignKey(Agency, verbose_name="機關", on_delete=models.CASCADE, related_name="punch_devices")
    name = models.CharField("名稱", max_length=60)
    token_hash = models.CharField("憑證雜湊", max_length=64, unique=True, editable=False)
    active = models.BooleanField("啟用", default=True)
    # The format of the files this reader exports (reader_formats.py), chosen per reader.
    file_format = models.CharField("刷卡檔格式", max_length=10, choices=list(reader_formats.FORMATS.items()),
                                   default=reader_formats.CSV)
    key_field = models.CharField("對應人員的欄位", max_length=12, choices=list(reader_formats.KEYS.items()),
                                 default=reader_formats.EMPLOYEE_NO)
    layout = models.JSONField("欄位配置", default=dict, blank=True,
                              help_text="定長：各欄位的起迄字元位置；分隔字元檔：分隔字元與各欄位序號")

    class Meta:
        verbose_name = "刷卡機"
        verbose_name_plural = "刷卡機"

    def __str__(self) -> str:
        return self.name

    def reader_format(self) -> reader_formats.ReaderFormat:
        return reader_formats.ReaderFormat(self.file_format, self.key_field, dict(self.layout or {}))

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class PunchImport(models.Model):
    """One card-reader file imported: how many rows, how many new punches, and each bad row."""

    agency = models.ForeignKey(Agency, verbose_name="機關", on_delete=models.CASCADE, related_name="punch_imports")
    filename = models.CharField("檔名", max_length=200)
    imported_by = models.ForeignKey(Person, verbose_name="匯入者", null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("匯入時間")
    rows = models.PositiveIntegerField("資料列數", default=0)
    added = models.PositiveIntegerField("新增筆數", default=0)
    errors = models.JSONField("錯誤列", default=list, help_text="[[列號, 說明], …]")
    reader = models.ForeignKey(Device, verbose_name="刷卡機（檔案格式）", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    unknown = models.JSONField("查無人員的卡號／考勤代號", default=list, blank=True, help_text="[[號碼, 筆數], …]")

    class Meta:
        verbose_name = "刷卡檔匯入"
        verbose_name_plural = "刷卡檔匯入"
        ordering = ["-at"]


class MissedPunch(models.Model):
    """上下班未刷卡補登單: the time the person says they arrived or left, with evidence (seed 003 Q.7)."""

    class Direction(models.TextChoices):
        IN = "in", "上班"
        OUT = "out", "下班"

    person = models.ForeignKey(Person, verbose_name="申請人", on_delete=models.PROTECT, related_name="missed_punches")
    at = models.DateTimeField("補登時間")
    direction = models.CharField("上／下班", max_length=3, choices=Direction.choices)
    reason = models.CharField("事由", max_length=300)
    evidence = models.FileField("佐證文件", upload_to="attendance/evidence/%Y/%m/", blank=True)
    created_at = models.DateTimeField("填表時間")
    case = models.OneToOneField("workflow.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    punch = models.OneToOneField(Punch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "未刷卡補登單"
        verbose_name_plural = "未刷卡補登單"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.person} {self.get_direction_display()} {self.at:%Y-%m-%d %H:%M}"


class AttendanceProfile(models.Model):
    """How a person works, as attendance needs it: a full-time teacher's division (日間部 or
    進修部, whose core hours apply, seed 002) and whether they work in shifts (rest of 11 hours
    at each change of shifts is then a refusal, not a warning: seed 002, 宿舍輔導員 Q&A).
    A person without a row is in the day division and not a shift worker."""

    class Division(models.TextChoices):
        DAY = "day", "日間部"
        EVENING = "evening", "進修部"

    person = models.OneToOneField(Person, verbose_name="人員", on_delete=models.CASCADE,
                                  related_name="attendance_profile")
    division = models.CharField("學制（專任教師核心時段）", max_length=10, choices=Division.choices,
                                default=Division.DAY)
    shift_work = models.BooleanField("輪班人員", default=False)

    class Meta:
        verbose_name = "出勤設定"
        verbose_name_plural = "出勤設定"

    def __str__(self) -> str:
        return f"{self.person} {self.get_division_display()}"


class CoreHours(models.Model):
    """An agency's own core hours of full-time teachers of one division; without a row the
    defaults of rules.teacher_core_hours apply (seed 002: 日間部 07:30-16:30, 進修部 14:00-22:00)."""

    agency = models.ForeignKey(Agency, verbose_name="機關學校", on_delete=models.CASCADE, related_name="core_hours")
    division = models.CharField("學制", max_length=10, choices=AttendanceProfile.Division.choices)
    start = models.TimeField("核心時段起")
    end = models.TimeField("核心時段迄")

    class Meta:
        verbose_name = "教師核心上班時段"
        verbose_name_plural = "教師核心上班時段"
        constraints = [
            models.UniqueConstraint(fields=["agency", "division"], name="core_hours_unique"),
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="core_hours_ordered"),
        ]
