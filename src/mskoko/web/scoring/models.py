"""Stored expert scoring: periods, proposals of the automatic check, experts' scores and
penalties. The plain counterparts and all the rules live in ``mskoko.evaluation``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from mskoko.web.core.models import Municipality


class Combine(models.TextChoices):
    MEDIAN = "median", "медиана оценок экспертов"
    MEAN = "mean", "среднее оценок экспертов"
    CHIEF = "chief", "оценка ведущего эксперта"


class ScoreSource(models.TextChoices):
    EXPERT = "expert", "выставлен экспертом"
    PROPOSAL = "proposal", "принят из автоматической проверки"


class ProposalKind(models.TextChoices):
    CRITERION = "criterion", "критерий"
    PENALTY = "penalty", "штраф"


class ScoringPeriod(models.Model):
    """A scoring year: its rulebook edition, how experts combine, and the lock."""

    year = models.PositiveSmallIntegerField("год", unique=True)
    rulebook_id = models.CharField("редакция методики", max_length=500, blank=True)
    combine = models.CharField(
        "итоговый балл критерия", max_length=10, choices=Combine.choices, default=Combine.MEDIAN
    )
    chief_expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name="ведущий эксперт",
    )
    locked = models.BooleanField("закрыт", default=False)
    locked_at = models.DateTimeField("закрыт когда", null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name="закрыл",
    )

    class Meta:
        verbose_name = "период оценивания"
        verbose_name_plural = "периоды оценивания"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}" + (" (закрыт)" if self.locked else "")


class ExpertScore(models.Model):
    """One expert's points for one criterion of one track of a municipality in a year."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="expert_scores"
    )
    year = models.PositiveSmallIntegerField("год")
    track_id = models.CharField("трек", max_length=64)
    criterion_id = models.CharField("критерий", max_length=64)
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="expert_scores",
        verbose_name="эксперт",
    )
    points = models.DecimalField("балл", max_digits=8, decimal_places=2)
    comment = models.TextField("комментарий", blank=True)
    source = models.CharField(
        "источник", max_length=10, choices=ScoreSource.choices, default=ScoreSource.EXPERT
    )
    created_at = models.DateTimeField("выставлен", default=timezone.now)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    class Meta:
        verbose_name = "балл эксперта"
        verbose_name_plural = "баллы экспертов"
        ordering = ["municipality_id", "year", "track_id", "criterion_id", "expert_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "track_id", "criterion_id", "expert"],
                name="one_score_per_item_and_expert",
            ),
            models.CheckConstraint(condition=models.Q(points__gte=0),
                                   name="expert_score_not_negative"),
        ]
        indexes = [models.Index(fields=["year", "municipality"])]


class ExpertPenalty(models.Model):
    """One expert's penalty (negative points) under a rulebook rule; track "" = whole."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="expert_penalties"
    )
    year = models.PositiveSmallIntegerField("год")
    track_id = models.CharField("трек", max_length=64, blank=True)
    rule_id = models.CharField("правило", max_length=64)
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="expert_penalties",
        verbose_name="эксперт",
    )
    points = models.DecimalField("баллы", max_digits=8, decimal_places=2)
    comment = models.TextField("комментарий", blank=True)
    source = models.CharField(
        "источник", max_length=10, choices=ScoreSource.choices, default=ScoreSource.EXPERT
    )
    created_at = models.DateTimeField("назначен", default=timezone.now)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    class Meta:
        verbose_name = "штраф эксперта"
        verbose_name_plural = "штрафы экспертов"
        ordering = ["municipality_id", "year", "track_id", "rule_id", "expert_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "track_id", "rule_id", "expert"],
                name="one_penalty_per_rule_and_expert",
            ),
            models.CheckConstraint(condition=models.Q(points__lt=0),
                                   name="expert_penalty_negative"),
        ]
        indexes = [models.Index(fields=["year", "municipality"])]


class Proposal(models.Model):
    """What the automatic check suggests; shown to experts, never counted by itself."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="score_proposals"
    )
    year = models.PositiveSmallIntegerField("год")
    kind = models.CharField(
        "вид", max_length=10, choices=ProposalKind.choices, default=ProposalKind.CRITERION
    )
    track_id = models.CharField("трек", max_length=64, blank=True)
    criterion_id = models.CharField("критерий или правило", max_length=64)
    points = models.DecimalField("предложенный балл", max_digits=8, decimal_places=2)
    max_points = models.DecimalField(
        "максимум", max_digits=8, decimal_places=2, null=True, blank=True
    )
    status = models.CharField("статус проверки", max_length=20, blank=True)
    evidence = models.JSONField("цитаты", default=list, blank=True)
    advice = models.TextField("совет", blank=True)
    source_files = models.JSONField("файлы", default=list, blank=True)
    rulebook_id = models.CharField("редакция методики", max_length=500, blank=True)
    created_at = models.DateTimeField("получено", default=timezone.now)

    class Meta:
        verbose_name = "предложение проверки"
        verbose_name_plural = "предложения проверки"
        ordering = ["municipality_id", "year", "kind", "track_id", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "kind", "track_id", "criterion_id"],
                name="one_proposal_per_item",
            )
        ]
