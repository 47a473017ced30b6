"""Agreement between experts who scored the same municipality.

Three numbers an expert council can read: the share of items on which all experts gave
the same points, the mean absolute difference between two experts' points, and
Krippendorff's alpha (the `krippendorff` package) — chance-corrected, any number of
experts, tolerant of items some experts left unscored.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from mskoko.evaluation.model import ExpertScore, ItemKey

Level = Literal["ordinal", "interval", "nominal", "ratio"]

# Krippendorff's own conventions for reliability of coded data.
ALPHA_RELIABLE = 0.8
ALPHA_TENTATIVE = 2 / 3


@dataclass(frozen=True)
class PairAgreement:
    expert_a: str
    expert_b: str
    items: int
    exact_share: float | None
    mean_abs_difference: float | None


@dataclass(frozen=True)
class ItemDisagreement:
    key: ItemKey
    points: dict[str, float]

    @property
    def spread(self) -> float:
        return max(self.points.values()) - min(self.points.values())


@dataclass(frozen=True)
class AgreementReport:
    """How far several experts agree; ``None`` where a number is undefined."""

    experts: list[str]
    items_compared: int
    exact_share: float | None
    mean_abs_difference: float | None
    alpha: float | None
    level: Level
    pairs: list[PairAgreement] = field(default_factory=list)
    disagreements: list[ItemDisagreement] = field(default_factory=list)

    def verdict_ru(self) -> str:
        """A one-line Russian reading of the report."""
        if len(self.experts) < 2:
            return "Оценивал один эксперт: согласованность не вычисляется."
        if self.items_compared == 0:
            return "Эксперты не оценивали одни и те же критерии: сравнивать нечего."
        if self.alpha is None:
            if self.exact_share == 1.0:
                return "Полное совпадение оценок (все баллы одинаковы, α не определена)."
            return "α не определена: в оценках нет разброса значений."
        if self.alpha >= ALPHA_RELIABLE:
            return f"Высокая согласованность экспертов (α = {self.alpha:.2f})."
        if self.alpha >= ALPHA_TENTATIVE:
            return f"Допустимая согласованность (α = {self.alpha:.2f}): обсудите расхождения."
        return (
            f"Низкая согласованность (α = {self.alpha:.2f}): оценки требуют согласования "
            "на экспертном совете."
        )


def scores_by_expert(scores: Iterable[ExpertScore]) -> dict[str, dict[ItemKey, float]]:
    """Group final scores as expert → item → points."""
    grouped: dict[str, dict[ItemKey, float]] = {}
    for s in scores:
        grouped.setdefault(s.expert, {})[s.key] = float(s.points)
    return grouped


def agreement(
    scores_by_expert: Mapping[str, Mapping[ItemKey, float]], *, level: Level = "ordinal"
) -> AgreementReport:
    """Exact-agreement share, mean absolute difference and Krippendorff's alpha.

    Only items scored by at least two experts are compared. Alpha is ``None`` when fewer
    than two experts scored a common item or all the points given are one value
    (chance-corrected agreement is then undefined).
    """
    experts = sorted(scores_by_expert)
    all_keys = sorted({k for per in scores_by_expert.values() for k in per})
    shared = [k for k in all_keys if sum(k in scores_by_expert[e] for e in experts) >= 2]

    pairs = [_pair(a, b, scores_by_expert[a], scores_by_expert[b]) for a, b in
             itertools.combinations(experts, 2)]

    if not shared:
        return AgreementReport(experts, 0, None, None, None, level, pairs, [])

    disagreements: list[ItemDisagreement] = []
    same = 0
    diffs: list[float] = []
    for key in shared:
        given = {e: float(scores_by_expert[e][key]) for e in experts if key in scores_by_expert[e]}
        values = list(given.values())
        if max(values) == min(values):
            same += 1
        else:
            disagreements.append(ItemDisagreement(key, given))
        diffs += [abs(a - b) for a, b in itertools.combinations(values, 2)]
    disagreements.sort(key=lambda d: (-d.spread, d.key))

    return AgreementReport(
        experts=experts,
        items_compared=len(shared),
        exact_share=same / len(shared),
        mean_abs_difference=float(np.mean(diffs)),
        alpha=_alpha(scores_by_expert, experts, shared, level),
        level=level,
        pairs=pairs,
        disagreements=disagreements,
    )


def _pair(a: str, b: str, pa: Mapping[ItemKey, float], pb: Mapping[ItemKey, float]) -> PairAgreement:
    common = sorted(set(pa) & set(pb))
    if not common:
        return PairAgreement(a, b, 0, None, None)
    diffs = [abs(float(pa[k]) - float(pb[k])) for k in common]
    return PairAgreement(
        a, b, len(common), sum(d == 0 for d in diffs) / len(common), float(np.mean(diffs))
    )


def _alpha(
    scores_by_expert: Mapping[str, Mapping[ItemKey, float]],
    experts: list[str],
    keys: list[ItemKey],
    level: Level,
) -> float | None:
    import krippendorff

    # Rows are experts (coders), columns items (units); NaN marks an item left unscored.
    data = np.array(
        [[float(scores_by_expert[e].get(k, math.nan)) for k in keys] for e in experts],
        dtype=float,
    )
    if len(np.unique(data[~np.isnan(data)])) < 2:
        return None
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))
