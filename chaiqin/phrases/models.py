"""詞庫: phrases a person keeps for the reason fields of their forms (個人詞庫), and the
agency's common phrases kept by its personnel office (公用詞庫). Writes go through services.py."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from chaiqin.org.models import Agency, Person

MAX_LENGTH = 100


class Phrase(models.Model):
    """One phrase: a person's own (`owner` set) or the agency's common one (`owner` empty)."""

    agency = models.ForeignKey(Agency, verbose_name="機關", on_delete=models.CASCADE, related_name="phrases")
    owner = models.ForeignKey(Person, verbose_name="個人詞庫所屬人員", null=True, blank=True, on_delete=models.CASCADE,
                              related_name="phrases")
    text = models.CharField("詞句", max_length=MAX_LENGTH)
    created_by = models.ForeignKey(Person, verbose_name="建立者", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("建立時間")

    class Meta:
        verbose_name = "詞庫詞句"
        verbose_name_plural = "詞庫詞句"
        ordering = ["text", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "text"], condition=Q(owner__isnull=False), name="phrase_own_unique"),
            models.UniqueConstraint(fields=["agency", "text"], condition=Q(owner__isnull=True),
                                    name="phrase_common_unique"),
        ]
        indexes = [models.Index(fields=["agency", "owner"])]

    def __str__(self) -> str:
        return self.text

    @property
    def is_common(self) -> bool:
        return self.owner_id is None
