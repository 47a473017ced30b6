"""Criterion params of the built-in check kinds: the one table of fallbacks and a model per kind.

An edition states its figures in ``params`` of each criterion and penalty (base-2023 states
every one); a param an edition leaves out takes its value from :data:`DEFAULTS`. The models are
declared at registration (``register_check(kind, params=…)``), so ``mskoko rulebook validate``
refuses unknown names and wrong types. docs/checking.md §6 explains each figure.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints, model_validator

# name → fallback value; none of these figures is fixed by the seeds (they are settings).
DEFAULTS: dict[str, Any] = {
    # share of measures that must carry the element (deadline, responsible, result,
    # conclusion) for «met»
    "met_share": 0.9,
    # below this share of measures the criterion is «not_met»; from it up to met_share «partly»
    "partly_share": 0.3,
    # share of max_points given for «partly»
    "partial_score": 0.5,
    # has_measures: concrete measures (three words or more) needed for «met»
    "min_measures": 3,
    # has_goals_and_indicators: the goals' share of max_points when there are fewer goals than
    # tracks (instead of a half)
    "fewer_goals_score": 0.25,
    # has_event_stages: the stages the event plan must have, each with dates
    "stages": ("подготовительный", "деятельностный", "аналитический"),
    # accounts_municipal_specifics: groups of signs of the municipality's specifics for «met»
    "min_signals": 3,
    # justifies_measures: sentences linking a measure to a problem found, for «met»
    "min_links": 2,
    # describes_*_methods: named methods of collecting/processing information, for «met»
    "min_methods": 2,
    # has_targeted_recommendations: share of max_points for recommendations with no addressee
    "general_score": 0.25,
    # cites_regional_measure: share of measures with a regional reference for the measure half
    "measure_share": 0.5,
    # cites_regional_measure: similarity at which a measure matches a catalogue example measure
    "measure_similarity": 0.55,
    # cites_regional_measure: similarity at which a cited title matches a catalogue document
    "title_similarity": 0.7,
    # cites_regional_measure: share of max_points for measures only similar to catalogue ones
    # (or regional measures mentioned in general) instead of a concrete regional measure
    "hint_score": 0.25,
    # penalty_average_ranking: words of analysis by average scores and of ranking
    "markers": ("средний балл", "средняя отметка", "статистика отметок", "качество знаний",
                "успеваемость", "рейтинг", "ранжирование"),
}

Share = Annotated[float, Strict(), Field(ge=0, le=1)]
# a share of the half of max_points that one part of a two-part criterion gives
HalfShare = Annotated[float, Strict(), Field(ge=0, le=0.5)]
Count = Annotated[int, Strict(), Field(ge=1)]
Word = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1)]
Words = Annotated[list[Word], Field(min_length=1)]


class CheckParams(BaseModel):
    """Params of a check kind: unknown names are refused, absent ones take DEFAULTS."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class PartialParams(CheckParams):
    partial_score: Share = DEFAULTS["partial_score"]


class ShareParams(PartialParams):
    """Judged by the share of measures that carry an element (deadline, responsible, …)."""

    met_share: Share = DEFAULTS["met_share"]
    partly_share: Share = DEFAULTS["partly_share"]

    @model_validator(mode="after")
    def _ordered(self) -> ShareParams:
        if self.partly_share > self.met_share:
            raise ValueError(f"partly_share ({self.partly_share:g}) не может быть больше "
                             f"met_share ({self.met_share:g})")
        return self


class MeasuresParams(PartialParams):
    min_measures: Count = DEFAULTS["min_measures"]


class GoalsParams(CheckParams):
    fewer_goals_score: HalfShare = DEFAULTS["fewer_goals_score"]


class StagesParams(CheckParams):
    stages: Words = DEFAULTS["stages"]


class SpecificsParams(PartialParams):
    min_signals: Count = DEFAULTS["min_signals"]


class JustificationParams(PartialParams):
    min_links: Count = DEFAULTS["min_links"]


class MethodsParams(PartialParams):
    min_methods: Count = DEFAULTS["min_methods"]


class RecommendationsParams(PartialParams):
    general_score: Share = DEFAULTS["general_score"]


class RegionalParams(CheckParams):
    measure_share: Share = DEFAULTS["measure_share"]
    measure_similarity: Share = DEFAULTS["measure_similarity"]
    title_similarity: Share = DEFAULTS["title_similarity"]
    hint_score: HalfShare = DEFAULTS["hint_score"]


class MarkersParams(CheckParams):
    markers: Words = DEFAULTS["markers"]
