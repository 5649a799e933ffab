"""The office calendar's stored data: overrides of single days, and agency closures.

Whether a date is a workday is decided in selectors.day_info() from, in order of precedence:
an agency's Closure, a CalendarDay (the DGPA calendar or a manual entry), the national
calendar of the `holidays` package (national.py), and finally Saturday/Sunday.
Nothing here stores ordinary days: an empty table still gives a correct calendar.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from chaiqin.dates import format_roc


class CalendarDay(models.Model):
    """What one date is, overriding the national calendar: one row, one date.

    The DGPA import (services.dgpa_calendar_import) writes one nationwide row (agency empty)
    for every day of the year it covers, so once a year is imported the DGPA calendar is
    authoritative for it. A row for one agency overrides the nationwide row for that agency
    only (e.g. a county's own 原住民族歲時祭儀 day off).
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "國定假日"
        SUBSTITUTE = "substitute", "補假"
        BRIDGE = "bridge", "調整放假"
        WEEKEND = "weekend", "例假日"
        MAKEUP_WORKDAY = "makeup_workday", "補行上班"
        WORKDAY = "workday", "上班日"

    class Source(models.TextChoices):
        DGPA = "dgpa", "人事行政總處辦公日曆表"
        MANUAL = "manual", "人工設定"

    DAY_OFF_KINDS = (Kind.HOLIDAY, Kind.SUBSTITUTE, Kind.BRIDGE, Kind.WEEKEND)

    date = models.DateField("日期")
    year = models.PositiveSmallIntegerField("年度（西元）", editable=False, db_index=True)
    agency = models.ForeignKey(
        "org.Agency", verbose_name="機關", null=True, blank=True, on_delete=models.CASCADE,
        related_name="calendar_days", help_text="空白表示全國適用（人事行政總處公告）",
    )
    is_day_off = models.BooleanField("放假")
    kind = models.CharField("類別", max_length=16, choices=Kind.choices)
    name = models.CharField("備註", max_length=60, blank=True, help_text="節日名稱，如「春節」「補行上班」")
    source = models.CharField("來源", max_length=8, choices=Source.choices, default=Source.MANUAL)
    updated_at = models.DateTimeField("更新時間", auto_now=True)

    class Meta:
        verbose_name = "辦公日曆（指定日）"
        verbose_name_plural = "辦公日曆（指定日）"
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["date"], condition=Q(agency__isnull=True), name="calendar_day_unique_nationwide"
            ),
            models.UniqueConstraint(
                fields=["agency", "date"], condition=Q(agency__isnull=False), name="calendar_day_unique_in_agency"
            ),
            # A day's kind and whether it is off must agree (a 補行上班 day is never a day off).
            models.CheckConstraint(
                condition=(Q(is_day_off=True, kind__in=["holiday", "substitute", "bridge", "weekend"])
                           | Q(is_day_off=False, kind__in=["makeup_workday", "workday"])),
                name="calendar_day_kind_matches_day_off",
            ),
        ]
        indexes = [models.Index(fields=["agency", "date"], name="calendar_day_agency_date")]

    def __str__(self) -> str:
        return f"{format_roc(self.date)} {self.name or self.get_kind_display()}"

    def clean(self):
        if (self.kind in self.DAY_OFF_KINDS) != bool(self.is_day_off):
            raise ValidationError({"kind": "類別與是否放假不一致：國定假日、補假、調整放假、例假日應放假，上班日與補行上班不放假。"})

    def save(self, *args, **kwargs):
        # `year` is derived, kept for filtering a year's rows in the admin and in imports.
        self.year = self.date.year
        if kwargs.get("update_fields") is not None and "date" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "year"}
        super().save(*args, **kwargs)


class Closure(models.Model):
    """停止上班: a day (or half day) an agency does not work because the local government
    head declared it, for a typhoon, heavy rain, an earthquake or another disaster.

    A closure is NOT absence, NOT lateness and NOT personal leave (天然災害停止上班及上課作業
    辦法; RULES.md "Office calendar"): nobody is charged leave or marked absent or late for
    the closed hours, and leave already requested for them is not counted. It is declared per
    place, so it belongs to one agency (an agency in two places has two declarations).
    Written only through services.closure_declare() / closure_withdraw() (and the admin).
    """

    class Part(models.TextChoices):
        WHOLE = "whole", "全日"
        MORNING = "morning", "上午"
        AFTERNOON = "afternoon", "下午"

    agency = models.ForeignKey("org.Agency", verbose_name="機關", on_delete=models.CASCADE, related_name="closures")
    date = models.DateField("日期")
    part = models.CharField("停止上班時段", max_length=10, choices=Part.choices, default=Part.WHOLE)
    reason = models.CharField("原因", max_length=40, default="颱風", help_text="如「颱風」「豪雨」「地震」")
    declared_by = models.CharField("宣布者", max_length=60, help_text="如「基隆市政府宣布」")
    created_by = models.ForeignKey(
        "org.Person", verbose_name="登錄人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("登錄時間", auto_now_add=True)

    class Meta:
        verbose_name = "停止上班"
        verbose_name_plural = "停止上班"
        ordering = ["-date", "agency"]
        constraints = [models.UniqueConstraint(fields=["agency", "date"], name="closure_unique_per_agency_day")]

    def __str__(self) -> str:
        return f"{format_roc(self.date)} {self.label}"

    @property
    def label(self) -> str:
        """「颱風停止上班」, 「豪雨停止上班（下午）」."""
        reason = self.reason.strip()
        text = reason if reason.endswith("停止上班") else f"{reason}停止上班"
        return text if self.part == self.Part.WHOLE else f"{text}（{self.get_part_display()}）"
