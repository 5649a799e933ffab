"""Rows written once and never changed or deleted: the audit trail and the leave ledger.

A model opts in by inheriting `AppendOnlyModel` and naming its refusals in Chinese
(`REFUSE_CHANGE`, `REFUSE_DELETE`). Every application door is shut — instance save of an
existing row, instance delete, and the queryset's update, delete, bulk_update and upserts —
and on PostgreSQL a trigger (workflow migration 0002) shuts the database's own door too.
"""

from __future__ import annotations

from django.db import models


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError(self.model.REFUSE_CHANGE)

    def delete(self):
        raise PermissionError(self.model.REFUSE_DELETE)

    def bulk_update(self, objs, fields, batch_size=None):
        raise PermissionError(self.model.REFUSE_CHANGE)

    def bulk_create(self, objs, *args, update_conflicts=False, **kwargs):
        if update_conflicts:  # INSERT … ON CONFLICT DO UPDATE would rewrite an existing row
            raise PermissionError(self.model.REFUSE_CHANGE)
        return super().bulk_create(objs, *args, **kwargs)


class AppendOnlyModel(models.Model):
    REFUSE_CHANGE = "此紀錄只能新增，不可修改。"
    REFUSE_DELETE = "此紀錄只能新增，不可刪除。"

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError(self.REFUSE_CHANGE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(self.REFUSE_DELETE)
