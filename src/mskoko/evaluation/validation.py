"""Checks of entered points against the rulebook: every problem collected, in Russian."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mskoko.errors import Problem, ProblemReport
from mskoko.evaluation.model import ExpertPenalty, ExpertScore, ItemKey

if TYPE_CHECKING:
    from mskoko.rulebook.schema import Rulebook


@dataclass(frozen=True)
class PenaltyRule:
    """What the rulebook says about one penalty: its title and the most it can take away."""

    rule_id: str
    title: str
    min_points: float | None  # e.g. -5; None when the rulebook sets no bound


class Scorecard:
    """The rulebook's scorecard items and penalty rules, indexed for validation."""

    def __init__(self, rulebook: Rulebook) -> None:
        from mskoko.rulebook.scoring import scorecard_items

        self.rulebook = rulebook
        self.items = list(scorecard_items(rulebook))
        self.by_key: dict[ItemKey, Any] = {(i.track_id, i.criterion_id): i for i in self.items}
        self.tracks: dict[str, str] = {}
        for item in self.items:
            self.tracks.setdefault(item.track_id, item.system_id)
        self.penalty_rules = _penalty_rules(rulebook)

    def criteria_of(self, track_id: str) -> list[str]:
        return [i.criterion_id for i in self.items if i.track_id == track_id]


def score_problems(card: Scorecard, score: ExpertScore, where: str | None = None,
                   line: int | None = None) -> list[Problem]:
    """What is wrong with one expert score (empty list when it is acceptable)."""
    problems: list[Problem] = []

    def add(message: str, column: str, value: object, code: str) -> None:
        problems.append(Problem(message, file=where, line=line, column=column,
                                value=None if value is None else str(value), code=code))

    if not score.expert.strip():
        add("не указан эксперт", "expert", score.expert, "no_expert")
    if score.track_id not in card.tracks:
        add("такого трека нет в методике; доступны: " + ", ".join(sorted(card.tracks)),
            "track", score.track_id, "unknown_track")
        return problems
    item = card.by_key.get(score.key)
    if item is None:
        add(f"у трека {score.track_id} нет такого критерия; доступны: "
            + ", ".join(card.criteria_of(score.track_id)), "criterion", score.criterion_id,
            "unknown_criterion")
        return problems
    points = score.points
    if not isinstance(points, int | float) or math.isnan(points) or math.isinf(points):
        add("балл должен быть числом", "points", points, "not_a_number")
    elif not 0 <= points <= float(item.max_points):
        add(f"балл вне допустимого диапазона 0…{float(item.max_points):g} для критерия "
            f"«{item.title}» трека {score.track_id}", "points", f"{points:g}", "out_of_range")
    return problems


def penalty_problems(card: Scorecard, penalty: ExpertPenalty, where: str | None = None,
                     line: int | None = None) -> list[Problem]:
    """What is wrong with one expert penalty (empty list when it is acceptable)."""
    problems: list[Problem] = []

    def add(message: str, column: str, value: object, code: str) -> None:
        problems.append(Problem(message, file=where, line=line, column=column,
                                value=None if value is None else str(value), code=code))

    if not penalty.expert.strip():
        add("не указан эксперт", "expert", penalty.expert, "no_expert")
    rule = card.penalty_rules.get(penalty.rule_id)
    if rule is None:
        add("такого штрафа нет в методике; доступны: "
            + (", ".join(sorted(card.penalty_rules)) or "нет"), "rule", penalty.rule_id,
            "unknown_penalty")
    if penalty.track_id and penalty.track_id not in card.tracks:
        add("такого трека нет в методике; доступны: " + ", ".join(sorted(card.tracks)),
            "track", penalty.track_id, "unknown_track")
    points = penalty.points
    if not isinstance(points, int | float) or math.isnan(points) or math.isinf(points):
        add("штраф должен быть числом", "points", points, "not_a_number")
    elif points >= 0:
        add("штраф — только отрицательные баллы (например, −1); чтобы снять штраф, "
            "удалите его", "points", f"{points:g}", "penalty_not_negative")
    elif rule is not None and rule.min_points is not None and points < rule.min_points:
        add(f"штраф «{rule.title}» не может быть меньше {rule.min_points:g}", "points",
            f"{points:g}", "out_of_range")
    return problems


def validate_entries(
    card: Scorecard,
    scores: Sequence[ExpertScore],
    penalties: Sequence[ExpertPenalty] = (),
    *,
    where: str | None = None,
    lines: Sequence[int | None] | None = None,
) -> None:
    """Raise one ``ProblemReport`` listing every problem of the entries, or return."""
    problems: list[Problem] = []
    line_of = list(lines) if lines is not None else [None] * (len(scores) + len(penalties))
    for i, s in enumerate(scores):
        problems += score_problems(card, s, where, line_of[i])
    for j, p in enumerate(penalties):
        problems += penalty_problems(card, p, where, line_of[len(scores) + j])
    if problems:
        raise ProblemReport(problems, title="Баллы не приняты")


def _penalty_rules(rulebook: Rulebook) -> dict[str, PenaltyRule]:
    rules: dict[str, PenaltyRule] = {}
    for p in getattr(rulebook, "penalties", []) or []:
        bound = getattr(p, "min_points", None)
        if bound is None:
            bound = getattr(p, "points", None)
        rules[p.id] = PenaltyRule(p.id, getattr(p, "title", p.id),
                                  None if bound is None else float(bound))
    return rules
