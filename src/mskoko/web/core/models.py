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


class AnalysisRun(models.Model):
    """One run of the analytics over a municipality's stored results (status for the UI)."""

    class Status(models.TextChoices):
        RUNNING = "running", "выполняется"
        DONE = "done", "готово"
        FAILED = "failed", "ошибка"

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="analysis_runs"
    )
    status = models.CharField("состояние", max_length=10, choices=Status.choices)
    started_at = models.DateTimeField("начат", auto_now_add=True)
    finished_at = models.DateTimeField("завершён", null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    message = models.TextField("сообщение", blank=True)

    class Meta:
        verbose_name = "запуск анализа"
        verbose_name_plural = "запуски анализа"
        ordering = ["-started_at", "-id"]


class Document(models.Model):
    """A document a municipality uploaded, with the automatic check's result (CONTRACT JSON)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="documents"
    )
    year = models.PositiveSmallIntegerField("год оценки")
    # The tracks the document evidences: chosen on upload, or found in its text.
    tracks = models.JSONField("треки", default=list, blank=True)
    track_chosen = models.BooleanField("трек указан пользователем", default=False)
    title = models.CharField("файл", max_length=255)
    # Relative to the workspace folder, so a moved workspace keeps its files.
    stored_path = models.CharField("путь в рабочей области", max_length=500)
    size = models.PositiveIntegerField("размер, байт", default=0)
    kind = models.CharField("вид", max_length=40, blank=True)
    points = models.FloatField("баллы проверки", null=True, blank=True)
    max_points = models.FloatField("максимум проверки", null=True, blank=True)
    check_result = models.JSONField("результат проверки", default=dict, blank=True)
    check_error = models.TextField("ошибка проверки", blank=True)
    uploaded_at = models.DateTimeField("загружен", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = "документ"
        verbose_name_plural = "документы"
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.title
