"""Every threshold the analytics use, read from the rulebook edition's ``analytics:`` section.

This is the one place that reads them: code elsewhere takes an :class:`AnalyticsSettings`.
The meaning and the reason of each value are in the edition file and docs/analytics.md.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Protocol


class _HasSettings(Protocol):
    def setting(self, name: str) -> Any: ...


@dataclass(frozen=True)
class CohortLink:
    """The same students in a later, independent procedure (e.g. ВПР 8 → ОГЭ 9 next year)."""

    procedure: str
    grade: int
    later_procedure: str
    later_grade: int
    lag: int


@dataclass(frozen=True)
class AnalyticsSettings:
    """Typed analytics settings; field names are the rulebook setting names."""

    min_participants_judgement: int
    min_participants_informative: int
    below_basic_mark: int
    high_level_min_mark: int
    ege_high_test_score: int
    ege_minimum_scores: dict[str, int]
    federal_risk_below_min_share: float
    federal_risk_min_procedures_per_year: int
    federal_risk_consecutive_years: int
    low_results_share_threshold: float
    years_of_dynamics: int
    objectivity_support_z: float
    objectivity_combined_z: float
    objectivity_strong_sign_z: float
    objectivity_certain_z: float
    objectivity_standalone_signs: tuple[str, ...]
    heaping_window: int
    heaping_marks: tuple[int, ...]
    cohort_links: tuple[CohortLink, ...]
    independent_procedures: tuple[str, ...]
    objectivity_anchor_procedures: tuple[str, ...]
    comparison_neighbours: int
    low_results_relative_z: float
    low_results_min_excess: float
    low_results_min_years: int
    risk_zone_trend_z: float
    social_index_bands: tuple[float, ...]
    size_bands: tuple[int, ...]

    @classmethod
    def from_rulebook(cls, rulebook: _HasSettings) -> AnalyticsSettings:
        """Read every field from ``rulebook.setting(name)`` (a Russian error names a missing one)."""
        raw = {f.name: rulebook.setting(f.name) for f in fields(cls)}
        raw["ege_minimum_scores"] = {str(k): int(v) for k, v in raw["ege_minimum_scores"].items()}
        raw["objectivity_standalone_signs"] = tuple(raw["objectivity_standalone_signs"])
        raw["cohort_links"] = tuple(CohortLink(**link) for link in raw["cohort_links"])
        raw["independent_procedures"] = tuple(raw["independent_procedures"])
        raw["objectivity_anchor_procedures"] = tuple(raw["objectivity_anchor_procedures"])
        raw["heaping_marks"] = tuple(int(m) for m in raw["heaping_marks"])
        raw["social_index_bands"] = tuple(float(v) for v in raw["social_index_bands"])
        raw["size_bands"] = tuple(int(v) for v in raw["size_bands"])
        return cls(**raw)

    @property
    def adverse_social_index(self) -> float:
        """Schools at or above the top social-index band edge work in unfavourable conditions."""
        return self.social_index_bands[-1]
