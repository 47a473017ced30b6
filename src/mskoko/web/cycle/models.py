"""The management cycle stored per municipality: one cycle, its tracks, their measures.

Measures, management decisions and effectiveness conclusions are rows of their own (a
deadline as the Russian text, responsible as a list), so the web app can edit them one at a
time; the descriptive components of a track (indicators, methods, monitoring, analysis,
recommendations) are JSON lists in the shapes of ``mskoko.cycle.serialize``.
"""

from __future__ import annotations

from django.db import models

from mskoko.web.core.models import Municipality


class Cycle(models.Model):
    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="cycle", verbose_name="муниципалитет"
    )
    year = models.PositiveSmallIntegerField("год")
    specifics = models.TextField("специфика муниципалитета", blank=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    class Meta:
        verbose_name = "управленческий цикл"
        verbose_name_plural = "управленческие циклы"

    def __str__(self) -> str:
        return f"{self.municipality_id}, {self.year}"


class TrackCycle(models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="tracks")
    track_id = models.CharField("трек", max_length=32)
    position = models.PositiveIntegerField("порядок", default=0)
    goal = models.TextField("цель", blank=True)
    indicators = models.JSONField("показатели", default=list, blank=True)
    collection_methods = models.JSONField("методы сбора и обработки", default=list, blank=True)
    monitoring = models.JSONField("мониторинг", default=list, blank=True)
    analysis = models.JSONField("анализ", default=list, blank=True)
    recommendations = models.JSONField("адресные рекомендации", default=list, blank=True)

    class Meta:
        verbose_name = "трек цикла"
        verbose_name_plural = "треки цикла"
        ordering = ["cycle_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "track_id"], name="one_row_per_track")
        ]

    def __str__(self) -> str:
        return self.track_id


class Measure(models.Model):
    STAGES = [("preparatory", "подготовительный"), ("active", "деятельностный"),
              ("analytical", "аналитический")]

    track = models.ForeignKey(TrackCycle, on_delete=models.CASCADE, related_name="measures")
    position = models.PositiveIntegerField("порядок", default=0)
    number = models.CharField("№", max_length=32)
    task = models.TextField("задача/действие", blank=True)
    text = models.TextField("мера/мероприятие")
    deadline = models.CharField("сроки", max_length=200, blank=True)
    responsible = models.JSONField("ответственные исполнители", default=list, blank=True)
    result = models.TextField("результаты/показатели", blank=True)
    regional_document_id = models.CharField("региональный документ", max_length=64, blank=True)
    regional_measure_id = models.CharField("региональная мера", max_length=64, blank=True)
    stage = models.CharField("этап", max_length=16, choices=STAGES, blank=True)
    events = models.JSONField("план проведения", default=list, blank=True)

    class Meta:
        verbose_name = "мероприятие"
        verbose_name_plural = "мероприятия"
        ordering = ["track_id", "position", "id"]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}"


class Decision(models.Model):
    """A management decision of a track: an order, a protocol or a disposal."""

    KINDS = [("order", "приказ"), ("protocol", "протокол"), ("disposal", "распоряжение")]

    track = models.ForeignKey(TrackCycle, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveIntegerField("порядок", default=0)
    kind = models.CharField("вид", max_length=16, choices=KINDS)
    number = models.CharField("номер", max_length=64, blank=True)
    date = models.DateField("дата", null=True, blank=True)
    title = models.TextField("название")

    class Meta:
        verbose_name = "управленческое решение"
        verbose_name_plural = "управленческие решения"
        ordering = ["track_id", "position", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} № {self.number} «{self.title[:60]}»"


class EffectivenessConclusion(models.Model):
    """The conclusion on one measure of a track: when, what was done, whether it worked."""

    VERDICTS = [("yes", "эффективна"), ("partly", "частично эффективна"),
                ("no", "не эффективна")]

    track = models.ForeignKey(TrackCycle, on_delete=models.CASCADE, related_name="conclusions")
    position = models.PositiveIntegerField("порядок", default=0)
    measure_number = models.CharField("№ меры", max_length=32)
    dates = models.CharField("сроки проведения", max_length=200, blank=True)
    done = models.TextField("что сделано", blank=True)
    conclusion = models.TextField("заключение", blank=True)
    effective = models.CharField("эффективность", max_length=8, choices=VERDICTS, blank=True)

    class Meta:
        verbose_name = "заключение об эффективности"
        verbose_name_plural = "заключения об эффективности"
        ordering = ["track_id", "position", "id"]

    def __str__(self) -> str:
        return f"мера № {self.measure_number}: {self.get_effective_display() or '—'}"
