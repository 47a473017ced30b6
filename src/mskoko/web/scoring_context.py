"""What the expert's pages need from the scoring core, arranged for display: the years,
each municipality's status, and a scorecard grouped by system and track."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone

from mskoko.web.core.models import AnalysisRun, Document, ImportBatch, Municipality
from mskoko.web.scoring import models as stored


def scoring_years() -> list[int]:
    """Years with a period, documents or proposals, and the current year; newest first."""
    years = {timezone.localdate().year}
    years |= set(stored.ScoringPeriod.objects.values_list("year", flat=True))
    years |= set(Document.objects.values_list("year", flat=True))
    years |= set(stored.Proposal.objects.values_list("year", flat=True))
    years |= set(stored.ExpertScore.objects.values_list("year", flat=True))
    return sorted(years, reverse=True)


def chosen_year(request: HttpRequest, years: list[int]) -> int:
    """The year asked for in ``?year=``; otherwise the latest year that has documents."""
    try:
        asked = int(request.GET.get("year") or request.POST.get("year") or "")
    except ValueError:
        asked = 0
    if asked in years:
        return asked
    with_documents = sorted(set(Document.objects.values_list("year", flat=True)), reverse=True)
    return with_documents[0] if with_documents else years[0]


@dataclass
class MunicipalityStatus:
    municipality: Municipality
    data_years: list[int]
    analysed: bool
    documents: int
    proposals: int
    scored_items: int
    total_items: int
    my_items: int
    index: int | None = None
    total: float | None = None
    maximum: float | None = None

    @property
    def label(self) -> tuple[str, str]:
        """(Russian status, badge class)."""
        if self.documents == 0:
            return "нет документов", ""
        if self.scored_items == 0:
            return "ожидает оценки", "badge-warn"
        if self.scored_items < self.total_items:
            return f"оценивается: {self.scored_items} из {self.total_items}", "badge-info"
        return "оценено", "badge-ok"


def region_statuses(year: int, expert_login: str, rulebook: Any) -> list[MunicipalityStatus]:
    """Every municipality with what has been done for ``year``."""
    from mskoko.evaluation.workflow import municipality_result
    from mskoko.rulebook.scoring import scorecard_items
    from mskoko.web.scoring.repository import DjangoScoreRepository

    total_items = len(scorecard_items(rulebook))
    documents = dict(Document.objects.filter(year=year).values("municipality_id")
                     .annotate(n=Count("id")).values_list("municipality_id", "n"))
    proposals = dict(stored.Proposal.objects.filter(year=year).values("municipality_id")
                     .annotate(n=Count("id")).values_list("municipality_id", "n"))
    scored: dict[str, set[tuple[str, str]]] = {}
    mine: dict[str, int] = {}
    for mid, track, criterion, login in stored.ExpertScore.objects.filter(year=year).values_list(
            "municipality_id", "track_id", "criterion_id", "expert__username"):
        scored.setdefault(mid, set()).add((track, criterion))
        if login == expert_login:
            mine[mid] = mine.get(mid, 0) + 1
    years: dict[str, set[int]] = {}
    for mid, y in ImportBatch.objects.values_list("municipality_id", "year"):
        years.setdefault(mid, set()).add(y)
    analysed = set(AnalysisRun.objects.filter(status=AnalysisRun.Status.DONE)
                   .values_list("municipality_id", flat=True))
    repo = DjangoScoreRepository()
    penalised = set(stored.ExpertPenalty.objects.filter(year=year)
                    .values_list("municipality_id", flat=True))
    rows = []
    for m in Municipality.objects.order_by("name"):
        status = MunicipalityStatus(
            municipality=m, data_years=sorted(years.get(m.id, ())), analysed=m.id in analysed,
            documents=documents.get(m.id, 0), proposals=proposals.get(m.id, 0),
            scored_items=len(scored.get(m.id, ())), total_items=total_items,
            my_items=mine.get(m.id, 0),
        )
        if m.id in scored or m.id in penalised:
            result = municipality_result(repo, rulebook, m.id, year)
            status.index, status.total, status.maximum = result.index, result.total, result.maximum
        rows.append(status)
    return rows


@dataclass
class ItemRow:
    """One scorecard line for the page: the criterion, the proposal, my score, the final."""

    item: Any  # mskoko.evaluation.summary.ItemResult
    proposal: Any | None  # mskoko.evaluation.model.Proposal
    mine: float | None
    my_comment: str
    others: dict[str, float]
    error: str = ""

    @property
    def key(self) -> str:
        """An HTML id part: dots would read as CSS classes in htmx's target selector."""
        return f"{self.item.track_id}--{self.item.criterion_id}".replace(".", "-")


@dataclass
class TrackBlock:
    track_id: str
    title: str
    rows: list[ItemRow] = field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(r.item.final or 0 for r in self.rows if r.item.sign == "plus")

    @property
    def maximum(self) -> float:
        return sum(r.item.max_points for r in self.rows if r.item.sign == "plus")

    @property
    def mine_count(self) -> int:
        return sum(1 for r in self.rows if r.mine is not None)

    @property
    def has_proposals(self) -> bool:
        return any(r.proposal is not None for r in self.rows)


@dataclass
class SystemBlock:
    system_id: str
    title: str
    tracks: list[TrackBlock] = field(default_factory=list)


def scorecard(rulebook: Any, result: Any, proposals: list[Any], login: str) -> list[SystemBlock]:
    """The municipality's items grouped by system and track, with proposals and my scores."""
    from mskoko.evaluation.model import ProposalKind

    by_key = {p.key: p for p in proposals if p.kind is ProposalKind.CRITERION}
    systems: dict[str, SystemBlock] = {}
    tracks: dict[str, TrackBlock] = {}
    for item in result.items:
        system = systems.setdefault(
            item.system_id, SystemBlock(item.system_id, rulebook.system(item.system_id).title))
        track = tracks.get(item.track_id)
        if track is None:
            track = TrackBlock(item.track_id, rulebook.track(item.track_id).title)
            tracks[item.track_id] = track
            system.tracks.append(track)
        track.rows.append(ItemRow(
            item=item, proposal=by_key.get(item.key), mine=item.by_expert.get(login),
            my_comment=item.comments.get(login, ""),
            others={e: v for e, v in item.by_expert.items() if e != login},
        ))
    return list(systems.values())


def pick_track(systems: list[SystemBlock], asked: str | None) -> TrackBlock | None:
    """The track asked for, else the first with proposals (a document), else the first."""
    tracks = [t for s in systems for t in s.tracks]
    by_id = {t.track_id: t for t in tracks}
    if asked in by_id:
        return by_id[asked]
    with_proposals = [t for t in tracks if t.has_proposals]
    return (with_proposals or tracks or [None])[0]
