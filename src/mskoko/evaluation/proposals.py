"""Proposals from the automatic check (the JSON of ``mskoko check``) mapped onto the scorecard.

Which track a document evidences: the user says ``--track``, or it is derived from the
document's text — a track is matched when a passage of at most three consecutive lines
contains (almost) every content word of the track's title, lemmatised; failing that, a
system title matched the same way stands for all the system's tracks. A roadmap that
names three tracks evidences all three.

Several documents for one item: the best-supported finding wins (highest points) and the
evidence of all of them is kept. A penalty is proposed once per rule and track: a document
covering several tracks attaches it to the first one, so it is never multiplied.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mskoko.errors import MskokoError, Problem, ProblemReport
from mskoko.evaluation.errors import ScoringError
from mskoko.evaluation.model import ItemKey, Proposal, ProposalKind

if TYPE_CHECKING:
    from mskoko.rulebook.schema import Rulebook

MATCH_SHARE = 0.85  # share of a title's content words that must appear in one passage
WINDOW = 3  # lines joined into one passage: PDF extraction breaks titles across lines
SCAN_LINES = 600  # titles and section headers sit early and in table section rows
# Words too general to tell tracks apart.
STOP_LEMMAS = frozenset(
    ["и", "в", "во", "на", "с", "со", "по", "для", "к", "о", "об", "от", "из", "за", "при", "или", "а", "также", "система", "трек"]
)
STATUS_ORDER = {"met": 2, "partly": 1, "not_met": 0}


@dataclass(frozen=True)
class ProposalSet:
    """The proposals and a Russian note per document on how its track was chosen."""

    proposals: list[Proposal]
    notes: list[str] = field(default_factory=list)


def derive_track(rulebook: Rulebook, lines: Iterable[str]) -> list[str]:
    """Track ids the text names (in rulebook order); [] when it names none."""
    from mskoko.documents.morph import lemmas

    passages = _passages(list(lines)[:SCAN_LINES], lemmas)
    found = [
        track.id for _, track in rulebook.tracks()
        if _named(_content(lemmas(track.title)), passages)
    ]
    if found:
        return found
    return [
        track.id
        for system in rulebook.systems()
        if _named(_content(lemmas(system.title)), passages)
        for track in system.tracks
    ]


def proposals_from_check(
    rulebook: Rulebook,
    report: Mapping[str, Any],
    municipality_id: str,
    year: int,
    tracks_by_document: Sequence[Sequence[str]],
) -> list[Proposal]:
    """Turn the check report's findings and penalties into proposals per scorecard item.

    ``tracks_by_document`` gives, for each entry of ``report["documents"]`` in order, the
    tracks that document evidences. Findings for criteria a track is not scored on are
    left out; points are rescaled when the scorecard's maximum differs from the check's.
    """
    from mskoko.rulebook.scoring import scorecard_items

    documents = list(report.get("documents", []))
    if len(documents) != len(tracks_by_document):
        raise ScoringError("Число документов в отчёте проверки не совпадает с числом файлов.")
    items = {(i.track_id, i.criterion_id): i for i in scorecard_items(rulebook)}
    rulebook_id = str(report.get("rulebook") or getattr(rulebook, "id", ""))
    best: dict[ItemKey, dict[str, Any]] = {}
    penalties: dict[ItemKey, dict[str, Any]] = {}
    for document, tracks in zip(documents, tracks_by_document, strict=True):
        name = str(document.get("file", ""))
        for track_id in tracks:
            for finding in document.get("findings", []):
                key = (track_id, str(finding.get("criterion")))
                item = items.get(key)
                if item is None:
                    continue
                points = _rescale(finding, item.max_points)
                entry = best.setdefault(key, {"points": -1.0, "evidence": [], "files": []})
                entry["evidence"] += [f"{name}: {q}" for q in finding.get("evidence") or []]
                entry["files"].append(name)
                if points > entry["points"]:
                    entry.update(points=points, status=str(finding.get("status", "")),
                                 advice=str(finding.get("advice") or ""),
                                 max_points=item.max_points)
        if tracks:
            for penalty in document.get("penalties", []):
                key = (tracks[0], str(penalty.get("rule")))
                entry = penalties.setdefault(key, {"points": 0.0, "evidence": [], "files": []})
                entry["evidence"] += [f"{name}: {q}" for q in penalty.get("evidence") or []]
                entry["files"].append(name)
                entry["points"] = min(entry["points"], float(penalty.get("points", 0)))

    proposals = [
        Proposal(municipality_id, year, key[0], key[1], e["points"], e["max_points"],
                 ProposalKind.CRITERION, e["status"], tuple(e["evidence"]), e["advice"],
                 tuple(dict.fromkeys(e["files"])), rulebook_id)
        for key, e in best.items()
    ]
    proposals += [
        Proposal(municipality_id, year, key[0], key[1], e["points"], None,
                 ProposalKind.PENALTY, "found", tuple(e["evidence"]), _penalty_advice(rulebook,
                 key[1]), tuple(dict.fromkeys(e["files"])), rulebook_id)
        for key, e in penalties.items() if e["points"] < 0
    ]
    return sorted(proposals, key=lambda p: (p.kind.value, p.key))


def propose_from_files(
    rulebook: Rulebook,
    paths: Sequence[Path | str],
    municipality_id: str,
    year: int,
    *,
    track: str | None = None,
) -> ProposalSet:
    """Check the documents against the rulebook and propose points for the scorecard.

    ``track`` assigns every document to one track; without it each document's tracks are
    derived from its text, and a document that names none is refused with a hint.
    """
    from mskoko.documents.check import check_document
    from mskoko.documents.read import read_document

    if not paths:
        raise ScoringError("Не указаны файлы документов для автоматической проверки.")
    if track is not None:
        rulebook.track(track)  # a Russian error listing the known tracks
    # Each file is read once: the same parsed text serves the check and the track search.
    parsed = []
    problems: list[Problem] = []
    for path in paths:
        try:
            parsed.append(read_document(path))
        except MskokoError as error:
            problems.append(Problem(str(error), code="unreadable_document"))
    if problems:
        raise ProblemReport(problems, title="Документы не прочитаны")
    report = {"rulebook": rulebook.id,
              "documents": [check_document(doc, rulebook) for doc in parsed]}
    notes: list[str] = []
    tracks_by_document: list[list[str]] = []
    unknown: list[str] = []
    for path, doc in zip(paths, parsed, strict=True):
        name = Path(path).name
        if track is not None:
            tracks_by_document.append([track])
            notes.append(f"{name}: трек {track} (указан пользователем)")
            continue
        tracks = derive_track(rulebook, doc.all_lines())
        tracks_by_document.append(tracks)
        if tracks:
            notes.append(f"{name}: треки {', '.join(tracks)} (по названию в тексте)")
        else:
            unknown.append(name)
    if unknown:
        known = ", ".join(f"{t.id} «{t.title}»" for _, t in rulebook.tracks())
        raise ScoringError(
            "Не удалось определить трек документов: " + ", ".join(unknown)
            + ". В тексте нет названия трека или системы из методики. Укажите трек явно "
            f"(--track), например: {known}."
        )
    proposals = proposals_from_check(rulebook, report, municipality_id, year,
                                     tracks_by_document)
    return ProposalSet(proposals, notes)


def _rescale(finding: Mapping[str, Any], item_max: float) -> float:
    points = float(finding.get("points") or 0)
    check_max = float(finding.get("max_points") or 0)
    if check_max > 0 and check_max != item_max:
        points = points * item_max / check_max
    return round(min(max(points, 0.0), item_max), 2)


def _penalty_advice(rulebook: Rulebook, rule_id: str) -> str:
    for penalty in getattr(rulebook, "penalties", []):
        if penalty.id == rule_id:
            return penalty.advice
    return ""


def _content(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w for w in words if w not in STOP_LEMMAS and len(w) > 1)


def _passages(lines: list[str], lemmatise: Any) -> list[frozenset[str]]:
    per_line = [frozenset(lemmatise(line)) for line in lines]
    return [
        frozenset().union(*per_line[i:i + WINDOW]) for i in range(len(per_line))
    ]


def _named(title: frozenset[str], passages: list[frozenset[str]]) -> bool:
    if not title:
        return False
    need = MATCH_SHARE * len(title)
    return any(len(title & passage) >= need for passage in passages)
