"""How several experts' points on one item become the final value (a period setting)."""

from __future__ import annotations

import statistics
from collections.abc import Mapping

from mskoko.evaluation.model import CombineRule


def combine_points(
    points_by_expert: Mapping[str, float],
    rule: CombineRule = CombineRule.MEDIAN,
    chief_expert: str | None = None,
) -> float | None:
    """The final value of one item, or None when no expert scored it.

    ``median`` is the true median (two experts with 0 and 1 give 0.5: a disagreement the
    council should settle shows up as a half point, not hidden); ``chief`` takes the chief
    expert's points when given and falls back to the median.
    """
    if not points_by_expert:
        return None
    values = [float(v) for v in points_by_expert.values()]
    if rule is CombineRule.CHIEF and chief_expert and chief_expert in points_by_expert:
        return float(points_by_expert[chief_expert])
    if rule is CombineRule.MEAN:
        return statistics.fmean(values)
    return float(statistics.median(values))
