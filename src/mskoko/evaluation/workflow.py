"""Scoring use cases over a ``ScoreRepository``: enter, accept, lock, summarise, compare."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from mskoko.errors import Problem, ProblemReport
from mskoko.evaluation.errors import PeriodLockedError, ScoringError
from mskoko.evaluation.model import (
    CombineRule,
    ExpertPenalty,
    ExpertScore,
    Proposal,
    ProposalKind,
    ScoringPeriod,
    Source,
    utc_now,
)
from mskoko.evaluation.repository import ScoreRepository
from mskoko.evaluation.summary import MunicipalityScore, YearChange, summarise, year_change
from mskoko.evaluation.validation import Scorecard, validate_entries

if TYPE_CHECKING:
    from mskoko.rulebook.schema import Rulebook


def save_entries(
    repo: ScoreRepository,
    rulebook: Rulebook,
    scores: Sequence[ExpertScore] = (),
    penalties: Sequence[ExpertPenalty] = (),
    *,
    where: str | None = None,
    lines: Sequence[int | None] | None = None,
) -> None:
    """Validate every entry, refuse a locked period, then store all of them or none."""
    for year in sorted({s.year for s in scores} | {p.year for p in penalties}):
        if repo.period(year).locked:
            raise PeriodLockedError(year)
    validate_entries(Scorecard(rulebook), scores, penalties, where=where, lines=lines)
    repo.save_scores(list(scores), list(penalties))


def remove_entry(
    repo: ScoreRepository, municipality_id: str, year: int, expert: str, track_id: str,
    criterion_or_rule: str, *, penalty: bool = False,
) -> None:
    """Delete one expert's score or penalty; a Russian error when there was none."""
    if repo.period(year).locked:
        raise PeriodLockedError(year)
    if not repo.delete_score(municipality_id, year, expert, (track_id, criterion_or_rule),
                             penalty=penalty):
        what = "штрафа" if penalty else "балла"
        raise ScoringError(
            f"У эксперта {expert} нет {what} «{criterion_or_rule}» по треку "
            f"«{track_id or 'весь муниципалитет'}» для {municipality_id} за {year} год."
        )


def store_proposals(repo: ScoreRepository, rulebook: Rulebook, proposals: Sequence[Proposal]) -> None:
    """Keep the automatic check's proposals (replacing earlier ones for the same tracks)."""
    card = Scorecard(rulebook)
    problems: list[Problem] = []
    for p in proposals:
        if p.kind is ProposalKind.CRITERION and p.key not in card.by_key:
            problems.append(Problem(f"критерия {p.track_id}/{p.criterion_id} нет в методике",
                                    code="unknown_criterion"))
    if problems:
        raise ProblemReport(problems, title="Предложения не сохранены")
    by_place: dict[tuple[str, int], list[Proposal]] = {}
    for p in proposals:
        by_place.setdefault((p.municipality_id, p.year), []).append(p)
    for (municipality_id, year), group in by_place.items():
        if repo.period(year).locked:
            raise PeriodLockedError(year)
        repo.replace_proposals(municipality_id, year, group)


@dataclass(frozen=True)
class Acceptance:
    """What ``accept_proposals`` stored and what it left because the expert had scored it."""

    scores: list[ExpertScore]
    penalties: list[ExpertPenalty]
    kept: list[tuple[str, str]]


def accept_proposals(
    repo: ScoreRepository,
    rulebook: Rulebook,
    municipality_id: str,
    year: int,
    expert: str,
    *,
    tracks: Collection[str] = (),
    criteria: Collection[str] = (),
    overwrite: bool = False,
) -> Acceptance:
    """Make the proposals an expert's own scores (source «proposal»), in one transaction.

    The expert's existing scores are kept unless ``overwrite``; ``tracks``/``criteria``
    narrow what is accepted. A proposed penalty of 0 is not a penalty and is skipped.
    """
    proposals = [
        p for p in repo.proposals(year, municipality_id)
        if (not tracks or p.track_id in tracks) and (not criteria or p.criterion_id in criteria)
    ]
    if not proposals:
        raise ScoringError(
            f"Нет предложений автоматической проверки для {municipality_id} за {year} год"
            + (" по выбранным трекам/критериям" if tracks or criteria else "")
            + ": сначала выполните «mskoko score propose»."
        )
    mine = {s.key for s in repo.scores(year, municipality_id) if s.expert == expert}
    mine_pen = {p.key for p in repo.penalties(year, municipality_id) if p.expert == expert}
    now = utc_now()
    scores: list[ExpertScore] = []
    penalties: list[ExpertPenalty] = []
    kept: list[tuple[str, str]] = []
    for p in proposals:
        comment = _proposal_comment(p)
        if p.kind is ProposalKind.PENALTY:
            if p.points >= 0:
                continue
            if p.key in mine_pen and not overwrite:
                kept.append(p.key)
                continue
            penalties.append(ExpertPenalty(municipality_id, year, p.track_id, p.criterion_id,
                                           p.points, expert, comment, Source.PROPOSAL, now))
        else:
            if p.key in mine and not overwrite:
                kept.append(p.key)
                continue
            scores.append(ExpertScore(municipality_id, year, p.track_id, p.criterion_id,
                                      p.points, expert, comment, Source.PROPOSAL, now))
    save_entries(repo, rulebook, scores, penalties)
    return Acceptance(scores, penalties, kept)


def configure_period(
    repo: ScoreRepository, year: int, *, rulebook_id: str | None = None,
    combine: CombineRule | None = None, chief_expert: str | None = None,
) -> ScoringPeriod:
    """Set a year's rulebook and how experts combine; refused once the period is locked."""
    period = repo.period(year)
    if period.locked:
        raise PeriodLockedError(year)
    updated = replace(
        period,
        rulebook_id=rulebook_id if rulebook_id is not None else period.rulebook_id,
        combine=combine or period.combine,
        chief_expert=chief_expert if chief_expert is not None else period.chief_expert,
    )
    if updated.combine is CombineRule.CHIEF and not updated.chief_expert:
        raise ScoringError("Для правила «chief» укажите ведущего эксперта (--chief ЛОГИН).")
    repo.save_period(updated)
    return updated


def lock_period(repo: ScoreRepository, year: int, by: str | None, *, locked: bool = True
                ) -> ScoringPeriod:
    """Close (or reopen) a year: a closed period refuses every edit of scores and proposals."""
    period = repo.period(year)
    updated = replace(period, locked=locked, locked_at=utc_now() if locked else None,
                      locked_by=by if locked else None)
    repo.save_period(updated)
    return updated


def municipality_result(
    repo: ScoreRepository, rulebook: Rulebook, municipality_id: str, year: int
) -> MunicipalityScore:
    """The municipality's result from the experts' final scores, combined as the period says."""
    period = repo.period(year)
    names = repo.municipalities()
    if municipality_id not in names:
        raise ScoringError(f"Муниципалитет «{municipality_id}» не найден в рабочей области.")
    return summarise(
        rulebook,
        repo.scores(year, municipality_id),
        repo.penalties(year, municipality_id),
        combine=period.combine,
        chief_expert=period.chief_expert,
        proposals=repo.proposals(year, municipality_id),
        municipality_name=names.get(municipality_id, ""),
        municipality_id=municipality_id,
        year=year,
    )


def change_from_previous(
    repo: ScoreRepository, rulebook_for_year: Callable[[int], Rulebook],
    current: MunicipalityScore,
) -> YearChange | None:
    """The change from the previous year, when that year was scored at all.

    ``rulebook_for_year`` is a callable year → rulebook: a year is summed with its own
    edition, so the index stays comparable when the maximum changed.
    """
    previous_year = current.year - 1
    has_any = repo.scores(previous_year, current.municipality_id) or repo.penalties(
        previous_year, current.municipality_id)
    if not has_any:
        return None
    previous = municipality_result(repo, rulebook_for_year(previous_year),
                                   current.municipality_id, previous_year)
    return year_change(current, previous)


def region_results(repo: ScoreRepository, rulebook: Rulebook, year: int) -> list[MunicipalityScore]:
    """Every municipality with at least one final score or penalty in that year."""
    scored = {s.municipality_id for s in repo.scores(year)} | {
        p.municipality_id for p in repo.penalties(year)}
    if not scored:
        raise ScoringError(f"За {year} год нет ни одного балла экспертов: сравнивать нечего.")
    return [municipality_result(repo, rulebook, m, year) for m in sorted(scored)]


def _proposal_comment(p: Proposal) -> str:
    parts = ["Принято по итогам автоматической проверки"]
    if p.source_files:
        parts[0] += f" ({', '.join(p.source_files)})"
    if p.evidence:
        quotes = "; ".join(f"«{e[:160]}»" for e in p.evidence[:2])
        parts.append(f"обоснование: {quotes}")
    if p.advice:
        parts.append(f"совет: {p.advice}")
    return ". ".join(parts) + "."
