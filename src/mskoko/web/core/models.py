"""Municipalities, organisations, import batches and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Municipality(models.Model):
    id = models.CharField("код", max_length=64, primary_key=True)
    name = models.CharField("наименование", max_length=255)

    class Meta:
        verbose_name = "муниципалитет"
        verbose_name_plural = "муниципалитеты"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    ORG_TYPES = [
        ("school", "общеобразовательная"),
        ("kindergarten", "дошкольная"),
        ("additional", "дополнительного образования"),
        ("other", "иная"),
    ]
    SETTLEMENTS = [("urban", "городская"), ("rural", "сельская")]

    id = models.CharField("код", max_length=64, primary_key=True)
    name = models.CharField("наименование", max_length=500)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="organizations"
    )
    org_type = models.CharField("тип", max_length=20, choices=ORG_TYPES, default="school")
    settlement = models.CharField("местность", max_length=10, choices=SETTLEMENTS, blank=True)
    students = models.PositiveIntegerField("обучающихся", null=True, blank=True)
    social_index = models.FloatField("социальный индекс", null=True, blank=True)

    class Meta:
        verbose_name = "организация"
        verbose_name_plural = "организации"
        ordering = ["municipality_id", "name"]

    def __str__(self) -> str:
        return self.name


class ImportBatch(models.Model):
    """One accepted import: what came in, by whom, and what it replaced."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="imports"
    )
    year = models.PositiveSmallIntegerField("год")
    procedure = models.CharField("процедура", max_length=20)
    rows = models.PositiveIntegerField("строк результатов")
    source = models.CharField("источник", max_length=500)
    imported_at = models.DateTimeField("загружено", auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    replaced_rows = models.PositiveIntegerField("заменено строк", default=0)

    class Meta:
        verbose_name = "загрузка данных"
        verbose_name_plural = "загрузки данных"
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "procedure"], name="one_batch_per_partition"
            )
        ]


class AuditEntry(models.Model):
    """Who changed what and when (imports, roadmap edits, scores, users)."""

    at = models.DateTimeField("когда", auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor = models.CharField("кто", max_length=150, blank=True)
    action = models.CharField("действие", max_length=100)
    object_type = models.CharField("объект", max_length=100, blank=True)
    object_id = models.CharField("идентификатор", max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.SET_NULL
    )
    details = models.JSONField("подробности", default=dict, blank=True)

    class Meta:
        verbose_name = "запись журнала"
        verbose_name_plural = "журнал изменений"
        ordering = ["-at"]
