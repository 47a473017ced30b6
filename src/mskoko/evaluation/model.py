"""Plain data of expert scoring: scores, penalties, proposals, periods (no Django here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

ItemKey = tuple[str, str]
"""A scorecard item: (track_id, criterion_id)."""


def utc_now() -> datetime:
    return datetime.now(UTC)


class Source(StrEnum):
    """Where a final score came from: typed by the expert or accepted from a proposal."""

    EXPERT = "expert"
    PROPOSAL = "proposal"


class ProposalKind(StrEnum):
    CRITERION = "criterion"
    PENALTY = "penalty"


class CombineRule(StrEnum):
    """How the scores of several experts on one item become the final value."""

    MEDIAN = "median"  # the median of all experts (may be a half point with two experts)
    MEAN = "mean"  # the arithmetic mean
    CHIEF = "chief"  # the chief expert's score where given, the median otherwise


COMBINE_LABELS_RU: dict[CombineRule, str] = {
    CombineRule.MEDIAN: "медиана оценок экспертов",
    CombineRule.MEAN: "среднее оценок экспертов",
    CombineRule.CHIEF: "оценка ведущего эксперта (при её отсутствии — медиана)",
}


@dataclass(frozen=True)
class ExpertScore:
    """One expert's points for one criterion of one track of one municipality in one year."""

    municipality_id: str
    year: int
    track_id: str
    criterion_id: str
    points: float
    expert: str
    comment: str = ""
    source: Source = Source.EXPERT
    created_at: datetime = field(default_factory=utc_now)

    @property
    def key(self) -> ItemKey:
        return (self.track_id, self.criterion_id)


@dataclass(frozen=True)
class ExpertPenalty:
    """One expert's penalty (negative points) under a rulebook penalty rule.

    ``track_id`` is the track whose document earned the penalty, or "" for the
    municipality as a whole.
    """

    municipality_id: str
    year: int
    track_id: str
    rule_id: str
    points: float
    expert: str
    comment: str = ""
    source: Source = Source.EXPERT
    created_at: datetime = field(default_factory=utc_now)

    @property
    def key(self) -> ItemKey:
        return (self.track_id, self.rule_id)


@dataclass(frozen=True)
class Proposal:
    """What the automatic check suggests for one item or penalty; never final by itself.

    For ``kind == penalty`` the ``criterion_id`` holds the penalty rule id.
    """

    municipality_id: str
    year: int
    track_id: str
    criterion_id: str
    points: float
    max_points: float | None
    kind: ProposalKind = ProposalKind.CRITERION
    status: str = ""
    evidence: tuple[str, ...] = ()
    advice: str = ""
    source_files: tuple[str, ...] = ()
    rulebook_id: str = ""
    created_at: datetime = field(default_factory=utc_now)

    @property
    def key(self) -> ItemKey:
        return (self.track_id, self.criterion_id)


@dataclass(frozen=True)
class ScoringPeriod:
    """A scoring year: its rulebook, how experts combine, and whether it is closed for edits."""

    year: int
    locked: bool = False
    rulebook_id: str = ""
    combine: CombineRule = CombineRule.MEDIAN
    chief_expert: str | None = None
    locked_at: datetime | None = None
    locked_by: str | None = None
