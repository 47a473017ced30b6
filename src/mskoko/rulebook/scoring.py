"""The scoring model: the scorecard derived from the edition, totals, maxima and the index.

A track's scorecard is the set of criteria of the document kinds that evidence its function
(``functions[].evidence_kinds``), adjusted by ``scoring.rules`` and
``scoring.track_adjustments``; each criterion is scored once per track. Criteria of an
evaluation parameter with ``sign: minus`` are deductions: they add nothing to the maximum
and their points are subtracted.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from numbers import Real

from mskoko.errors import MskokoError, Problem, ProblemReport
from mskoko.rulebook.schema import Rulebook, Sign


@dataclass(frozen=True)
class ScoreItem:
    """One line of the scorecard: a criterion scored for a track."""

    track_id: str
    system_id: str
    criterion_id: str
    max_points: float
    title: str
    parameter_id: str | None = None
    sign: Sign = "plus"

    @property
    def key(self) -> tuple[str, str]:
        return (self.track_id, self.criterion_id)


@dataclass(frozen=True)
class PenaltyApplied:
    """A penalty given to a municipality; ``points`` defaults to the rulebook's figure."""

    penalty_id: str
    points: float | None = None
    track_id: str | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Subtotal:
    """Points against the maximum for a part of the scorecard."""

    total: float
    maximum: float

    @property
    def index(self) -> int | None:
        """Percent of the maximum, rounded half up; None when the part has no maximum."""
        return index_percent(self.total, self.maximum) if self.maximum > 0 else None


@dataclass(frozen=True)
class ScoreSummary:
    """A municipality's result: total (after penalties), maximum, index and the breakdowns."""

    total: float
    maximum: float
    index: int
    points_total: float
    penalties_total: float
    by_system: dict[str, Subtotal] = field(default_factory=dict)
    by_parameter: dict[str, Subtotal] = field(default_factory=dict)
    outside_parameters: Subtotal = Subtotal(0.0, 0.0)


def index_percent(total: float, maximum: float) -> int:
    """``total / maximum`` in percent, rounded half up (740 of 902 → 82, 1 of 8 → 13)."""
    if maximum <= 0:
        raise MskokoError("Индекс не вычисляется: максимальный балл должен быть больше нуля.")
    value = Decimal(repr(float(total))) * 100 / Decimal(repr(float(maximum)))
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def track_criteria(rulebook: Rulebook, track_id: str) -> list[str]:
    """The criterion ids scored for one track, in the order of the rulebook's criteria."""
    system = rulebook.system_of_track(track_id)
    track = rulebook.track(track_id)
    rules = {rule.function: rule for rule in rulebook.scoring.rules}
    rule = rules.get(track.function)
    if not system.scored or rule is None:
        return []
    chosen: set[str] = set()
    if rule.from_evidence_kinds:
        for kind_id in rulebook.function(track.function).evidence_kinds:
            chosen.update(rulebook.document_kind(kind_id).criteria)
    chosen = (chosen | set(rule.include)) - set(rule.exclude)
    adjustment = rulebook.scoring.track_adjustments.get(track_id)
    if adjustment is not None:
        chosen = (chosen | set(adjustment.include)) - set(adjustment.exclude)
    return [c.id for c in rulebook.criteria if c.id in chosen]


def scorecard_items(rulebook: Rulebook) -> list[ScoreItem]:
    """Every (track, criterion) the edition scores, in the order of tracks and criteria."""
    items = []
    for system, track in rulebook.tracks():
        for criterion_id in track_criteria(rulebook, track.id):
            criterion = rulebook.criterion(criterion_id)
            sign: Sign = "plus"
            if criterion.parameter is not None:
                sign = rulebook.parameter(criterion.parameter).sign
            items.append(ScoreItem(
                track_id=track.id,
                system_id=system.id,
                criterion_id=criterion.id,
                max_points=rulebook.scoring.max_points.get(criterion.id, criterion.max_points),
                title=criterion.title,
                parameter_id=criterion.parameter,
                sign=sign,
            ))
    return items


def scorecard_maximum(rulebook: Rulebook) -> float:
    """The maximum a municipality can reach under this edition."""
    return math.fsum(i.max_points for i in scorecard_items(rulebook) if i.sign == "plus")


def _item_name(item: ScoreItem) -> str:
    return f"трек {item.track_id}, критерий «{item.title}» ({item.criterion_id})"


def _check_points(
    rulebook: Rulebook, items: dict[tuple[str, str], ScoreItem], points: Mapping[tuple[str, str], float]
) -> list[Problem]:
    problems = []
    for key, value in points.items():
        item = items.get(key)
        if item is None:
            track_id, criterion_id = key
            problems.append(Problem(
                f"трек {track_id}, критерий «{criterion_id}»: такого пункта нет в оценочном листе "
                f"правил «{rulebook.id}»", code="unknown_item"))
        elif not isinstance(value, Real) or math.isnan(value) or not 0 <= value <= item.max_points:
            problems.append(Problem(
                f"{_item_name(item)}: балл {value} вне допустимого диапазона 0–{item.max_points:g}",
                code="points_out_of_range"))
    return problems


def _penalty_points(
    rulebook: Rulebook, penalties: Sequence[PenaltyApplied], problems: list[Problem]
) -> list[tuple[PenaltyApplied, float]]:
    known = {p.id: p for p in rulebook.penalties}
    tracks = {t.id for _, t in rulebook.tracks()}
    applied = []
    for penalty in penalties:
        rule = known.get(penalty.penalty_id)
        if rule is None:
            problems.append(Problem(
                f"штраф «{penalty.penalty_id}» не предусмотрен правилами «{rulebook.id}»; "
                f"предусмотрены: {', '.join(known) or 'нет'}", code="unknown_penalty"))
            continue
        value = rule.points if penalty.points is None else penalty.points
        if math.isnan(value) or value >= 0:
            problems.append(Problem(
                f"штраф «{rule.title}» ({rule.id}): {value:g} — штраф должен быть отрицательным",
                code="penalty_not_negative"))
            continue
        if penalty.track_id is not None and penalty.track_id not in tracks:
            problems.append(Problem(
                f"штраф «{rule.id}» отнесён к несуществующему треку «{penalty.track_id}»",
                code="unknown_track"))
            continue
        applied.append((penalty, value))
    return applied


def compute_score(
    rulebook: Rulebook,
    points: Mapping[tuple[str, str], float],
    penalties: Sequence[PenaltyApplied] = (),
) -> ScoreSummary:
    """Totals, maximum and index from points per (track id, criterion id); missing items are 0.

    Points outside 0..max, unknown items and non-negative penalties are refused together
    in one ``ProblemReport``.
    """
    items = {item.key: item for item in scorecard_items(rulebook)}
    problems = _check_points(rulebook, items, points)
    applied = _penalty_points(rulebook, penalties, problems)
    if problems:
        raise ProblemReport(problems, title="Баллы не приняты")

    system_totals: dict[str, list[float]] = {}
    system_maxima: dict[str, list[float]] = {}
    parameter_totals: dict[str, list[float]] = {p.id: [] for p in rulebook.evaluation_parameters}
    parameter_maxima: dict[str, list[float]] = {p.id: [] for p in rulebook.evaluation_parameters}
    outside_totals: list[float] = []
    outside_maxima: list[float] = []
    for item in items.values():
        given = float(points.get(item.key, 0.0))
        signed = given if item.sign == "plus" else -given
        maximum = item.max_points if item.sign == "plus" else 0.0
        system_totals.setdefault(item.system_id, []).append(signed)
        system_maxima.setdefault(item.system_id, []).append(maximum)
        parameter_totals.get(item.parameter_id or "", outside_totals).append(signed)
        parameter_maxima.get(item.parameter_id or "", outside_maxima).append(maximum)
    points_total = math.fsum(v for values in system_totals.values() for v in values)
    maximum_total = math.fsum(v for values in system_maxima.values() for v in values)

    # A penalty tied to a track also lowers its system's profile.
    track_system = {t.id: s.id for s, t in rulebook.tracks()}
    for penalty, value in applied:
        if penalty.track_id is not None:
            system_totals.setdefault(track_system[penalty.track_id], []).append(value)
    penalties_total = math.fsum(v for _, v in applied)
    total = points_total + penalties_total
    return ScoreSummary(
        total=total,
        maximum=maximum_total,
        index=index_percent(total, maximum_total),
        points_total=points_total,
        penalties_total=penalties_total,
        by_system={sid: Subtotal(math.fsum(system_totals[sid]), math.fsum(system_maxima.get(sid, [])))
                   for sid in system_totals},
        by_parameter={pid: Subtotal(math.fsum(parameter_totals[pid]), math.fsum(parameter_maxima[pid]))
                      for pid in parameter_totals},
        outside_parameters=Subtotal(math.fsum(outside_totals), math.fsum(outside_maxima)),
    )
