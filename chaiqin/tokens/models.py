"""API tokens: how another system or a script calls the REST API as a person (issue 18).

A token acts with its owner's permissions (`Authorization: Bearer <token>`), read-only or read
and write. Only a hash is kept; the token itself is shown once, when it is made. A service
account's token belongs to an agency: the personnel office that made it manages it, and it acts
with the permissions of the officer who made it while that officer holds them.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models

from chaiqin.org.models import Agency, Person


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", "唯讀"
        WRITE = "write", "讀取與寫入"

    name = models.CharField("名稱", max_length=60)
    scope = models.CharField("權限範圍", max_length=5, choices=Scope.choices, default=Scope.READ)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="代表的登入帳號", on_delete=models.CASCADE,
                              related_name="api_tokens")
    person = models.ForeignKey(Person, verbose_name="建立者", on_delete=models.CASCADE, related_name="api_tokens")
    service_agency = models.ForeignKey(
        Agency, verbose_name="服務帳號所屬機關", null=True, blank=True, on_delete=models.CASCADE,
        related_name="service_tokens", help_text="有值時為機關的服務帳號，由該機關人事人員管理",
    )
    token_hash = models.CharField("權杖雜湊", max_length=64, unique=True, editable=False)
    prefix = models.CharField("權杖開頭", max_length=12, editable=False)
    created_at = models.DateTimeField("建立時間")
    expires_on = models.DateField("有效期限（含當日）")
    last_used_at = models.DateTimeField("最後使用時間", null=True, blank=True)
    revoked_at = models.DateTimeField("撤銷時間", null=True, blank=True)

    class Meta:
        verbose_name = "API 權杖"
        verbose_name_plural = "API 權杖"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person"]), models.Index(fields=["service_agency"])]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def hash_token(token: str) -> str:
        # A token is 32 random bytes: a plain SHA-256 cannot be reversed, and is fast enough for every request.
        return hashlib.sha256(token.encode()).hexdigest()
