"""One municipality's result from experts' final scores: totals, index, profile, penalties,
and the change from the previous year. The sum itself is the rulebook's ``compute_score``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mskoko.evaluation.agreement import AgreementReport, agreement, scores_by_expert
from mskoko.evaluation.combine import combine_points
from mskoko.evaluation.errors import ScoringError
from mskoko.evaluation.model import (
    CombineRule,
    ExpertPenalty,
    ExpertScore,
    ItemKey,
    Proposal,
    ProposalKind,
)

if TYPE_CHECKING:
    from mskoko.rulebook.schema import Rulebook
    from mskoko.rulebook.scoring import ScoreSummary


@dataclass(frozen=True)
class ItemResult:
    """One scorecard item: every expert's points and comment, and the final value."""

    track_id: str
    system_id: str
    criterion_id: str
    title: str
    max_points: float
    final: float | None
    by_expert: dict[str, float] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    proposal: float | None = None
    sign: str = "plus"  # "minus": a deduction (its points are subtracted)

    @property
    def key(self) -> ItemKey:
        return (self.track_id, self.criterion_id)

    @property
    def spread(self) -> float:
        values = list(self.by_expert.values())
        return max(values) - min(values) if values else 0.0


@dataclass(frozen=True)
class PenaltyResult:
    """One penalty rule applied to a track (or to the municipality, track "")."""

    track_id: str
    rule_id: str
    title: str
    points: float
    by_expert: dict[str, float] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SystemResult:
    """A system's line of the profile; ``index`` in whole percent as the rulebook rounds it."""

    system_id: str
    title: str
    total: float
    maximum: float
    index: int | None


@dataclass(frozen=True)
class MunicipalityScore:
    """What the region sees for one municipality in one year (final scores only)."""

    municipality_id: str
    year: int
    rulebook_id: str
    total: float
    maximum: float
    index: int | None  # whole percent, rounded half up by the rulebook (740/902 → 82)
    penalties_total: float
    systems: list[SystemResult]
    items: list[ItemResult]
    penalties: list[PenaltyResult]
    experts: list[str]
    combine: CombineRule
    agreement: AgreementReport
    municipality_name: str = ""
    summary: ScoreSummary | None = None  # the rulebook's own figures, for anything not copied

    @property
    def ratio(self) -> float | None:
        """The unrounded total / maximum."""
        return self.total / self.maximum if self.maximum else None

    @property
    def unscored(self) -> list[ItemResult]:
        return [i for i in self.items if i.final is None]

    @property
    def label(self) -> str:
        return self.municipality_name or self.municipality_id


@dataclass(frozen=True)
class YearChange:
    """The change from the previous year; index changes are in percentage points."""

    year: int
    previous_year: int
    total_delta: float
    index_delta_pp: int | None
    penalties_delta: float
    systems_delta_pp: dict[str, int]
    maximum_changed: bool

    def describe_ru(self) -> str:
        if self.index_delta_pp is None:
            return f"Сравнение с {self.previous_year} годом невозможно: максимум равен нулю."
        sign = "+" if self.index_delta_pp >= 0 else "−"
        text = (
            f"Индекс к {self.previous_year} году: {sign}{abs(self.index_delta_pp)} п. п.; "
            f"баллы: {self.total_delta:+g}."
        )
        if self.maximum_changed:
            text += " Максимум изменился (новая редакция методики): сравнивайте индекс, не баллы."
        return text


def summarise(
    rulebook: Rulebook,
    scores: Iterable[ExpertScore],
    penalties: Iterable[ExpertPenalty] = (),
    *,
    combine: CombineRule = CombineRule.MEDIAN,
    chief_expert: str | None = None,
    proposals: Sequence[Proposal] = (),
    municipality_name: str = "",
    municipality_id: str | None = None,
    year: int | None = None,
) -> MunicipalityScore:
    """Combine the experts' final scores per item and let the rulebook sum them.

    Proposals are shown beside the items for reference and never counted. An item no
    expert scored counts 0 towards the total and is listed in ``unscored``.
    """
    from mskoko.rulebook.scoring import PenaltyApplied, compute_score, scorecard_items

    scores = list(scores)
    penalties = list(penalties)
    where = {(s.municipality_id, s.year) for s in scores} | {
        (p.municipality_id, p.year) for p in penalties
    }
    if municipality_id is not None and year is not None:
        where.add((municipality_id, year))
    if len(where) > 1:
        raise ScoringError(
            "В расчёт итога попали баллы разных муниципалитетов или лет: "
            + ", ".join(f"{m} ({y})" for m, y in sorted(where))
        )
    if not where:
        raise ScoringError("Нет баллов для расчёта итога: укажите муниципалитет и год.")
    municipality_id, year = next(iter(where))

    catalogue = scorecard_items(rulebook)
    items_by_key = {(i.track_id, i.criterion_id): i for i in catalogue}
    unknown = sorted({s.key for s in scores} - set(items_by_key))
    if unknown:
        raise ScoringError(
            "Баллы выставлены по критериям, которых нет в методике "
            f"«{_rulebook_id(rulebook)}»: "
            + ", ".join(f"{t}/{c}" for t, c in unknown)
            + ". Проверьте редакцию методики периода."
        )

    proposed = {p.key: p.points for p in proposals if p.kind is ProposalKind.CRITERION}
    items: list[ItemResult] = []
    final_points: dict[ItemKey, float] = {}
    for item in catalogue:
        key = (item.track_id, item.criterion_id)
        given = [s for s in scores if s.key == key]
        value = combine_points({s.expert: s.points for s in given}, combine, chief_expert)
        if value is not None:
            final_points[key] = value
        items.append(
            ItemResult(
                track_id=item.track_id,
                system_id=item.system_id,
                criterion_id=item.criterion_id,
                title=item.title,
                max_points=float(item.max_points),
                final=value,
                by_expert={s.expert: float(s.points) for s in given},
                comments={s.expert: s.comment for s in given if s.comment},
                sources={s.expert: s.source.value for s in given},
                proposal=proposed.get(key),
                sign=item.sign,
            )
        )

    experts = sorted({s.expert for s in scores} | {p.expert for p in penalties})
    penalty_results = _combine_penalties(rulebook, penalties, experts, combine, chief_expert)
    summary = compute_score(
        rulebook,
        final_points,
        penalties=[PenaltyApplied(p.rule_id, p.points, p.track_id or None)
                   for p in penalty_results],
    )
    return MunicipalityScore(
        municipality_id=municipality_id,
        year=year,
        rulebook_id=_rulebook_id(rulebook),
        total=float(summary.total),
        maximum=float(summary.maximum),
        index=summary.index,
        penalties_total=float(summary.penalties_total),
        systems=_systems(rulebook, summary),
        items=items,
        penalties=penalty_results,
        experts=experts,
        combine=combine,
        agreement=agreement(scores_by_expert(scores)),
        municipality_name=municipality_name,
        summary=summary,
    )


def year_change(current: MunicipalityScore, previous: MunicipalityScore) -> YearChange:
    """How the result moved since the previous year (index in percentage points)."""
    before = {s.system_id: s.index for s in previous.systems}
    systems = {
        s.system_id: s.index - before[s.system_id]
        for s in current.systems
        if s.index is not None and before.get(s.system_id) is not None
    }
    index_delta = (
        None if current.index is None or previous.index is None
        else current.index - previous.index
    )
    return YearChange(
        year=current.year,
        previous_year=previous.year,
        total_delta=current.total - previous.total,
        index_delta_pp=index_delta,
        penalties_delta=current.penalties_total - previous.penalties_total,
        systems_delta_pp=systems,
        maximum_changed=current.maximum != previous.maximum,
    )


def _combine_penalties(
    rulebook: Rulebook,
    penalties: Sequence[ExpertPenalty],
    experts: Sequence[str],
    combine: CombineRule,
    chief_expert: str | None,
) -> list[PenaltyResult]:
    """Combine penalties like items, except that an expert who scored the municipality and
    did not give a penalty counts as 0 for it: silence on a penalty means "none"."""
    titles = _penalty_titles(rulebook)
    results = []
    for key in sorted({p.key for p in penalties}):
        given = [p for p in penalties if p.key == key]
        votes = {e: 0.0 for e in experts} | {p.expert: float(p.points) for p in given}
        value = combine_points(votes, combine, chief_expert)
        if value is None or value == 0:
            continue
        results.append(
            PenaltyResult(
                track_id=key[0],
                rule_id=key[1],
                title=titles.get(key[1], key[1]),
                points=value,
                by_expert={p.expert: float(p.points) for p in given},
                comments={p.expert: p.comment for p in given if p.comment},
            )
        )
    return results


def _rulebook_id(rulebook: Rulebook) -> str:
    return str(getattr(rulebook, "id", "") or "")


def system_titles(rulebook: Rulebook) -> dict[str, str]:
    """System id → title, in the rulebook's order."""
    return {s.id: s.title for s in rulebook.systems()}


def _penalty_titles(rulebook: Rulebook) -> dict[str, str]:
    return {p.id: p.title for p in getattr(rulebook, "penalties", [])}


def _systems(rulebook: Rulebook, summary: Any) -> list[SystemResult]:
    titles = system_titles(rulebook)
    order = list(titles)
    parts = sorted(summary.by_system.items(),
                   key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    return [
        SystemResult(sid, titles.get(sid, sid), float(part.total), float(part.maximum), part.index)
        for sid, part in parts
    ]
