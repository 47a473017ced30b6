"""Check documents against a rulebook: the report behind ``mskoko check`` (CONTRACT.md §2).

Importing this module registers the built-in check kinds in the rulebook registry.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TypedDict

from mskoko.documents.checks import content, measures, penalties, regional  # noqa: F401  (registers)
from mskoko.documents.checks.base import Verdict, check_params
from mskoko.documents.extract import DocumentFacts, analyse
from mskoko.documents.model import ParsedDocument
from mskoko.documents.read import read_document
from mskoko.errors import MskokoError, Problem, ProblemReport
from mskoko.rulebook import Rulebook, load_rulebook
from mskoko.rulebook.registry import get_check


class MeasureJSON(TypedDict):
    number: str | None
    text: str
    deadline: str | None
    responsible: str | None
    result: str | None
    regional_reference: str | None
    section: str | None
    task: str | None
    conclusion: str | None


class FindingJSON(TypedDict):
    criterion: str
    title: str
    status: str  # met | partly | not_met
    points: float
    max_points: float
    evidence: list[str]
    advice: str


class PenaltyJSON(TypedDict):
    rule: str
    title: str
    points: float
    evidence: list[str]
    advice: str


class DocumentJSON(TypedDict):
    file: str
    kind: str
    kind_title: str
    measures: list[MeasureJSON]
    findings: list[FindingJSON]
    penalties: list[PenaltyJSON]
    points: float
    max_points: float


class CheckReport(TypedDict):
    """The JSON object of ``mskoko check --json`` (a plain dict at run time)."""

    rulebook: str
    documents: list[DocumentJSON]


def _number(value: float) -> float:
    """Points as a readable number: 1 rather than 1.0, two decimals at most."""
    rounded = round(float(value), 2)
    return int(rounded) if rounded == int(rounded) else rounded


def _advice(base: str, verdict: Verdict) -> str:
    if verdict.status == "met":
        return verdict.detail
    return " ".join(part for part in (verdict.detail, " ".join(base.split())) if part)


def judge(facts: DocumentFacts, rulebook: Rulebook) -> DocumentJSON:
    """Findings and penalties of one analysed document under the rulebook."""
    kind_ids = {k.id for k in rulebook.document_kinds}
    findings: list[FindingJSON] = []
    penalty_items: list[PenaltyJSON] = []
    kind_title = "не распознан"
    if facts.kind in kind_ids:
        kind_title = rulebook.document_kind(facts.kind).title
        # a wrong param fails the whole document, whichever path a check would have taken
        applied = [*rulebook.criteria_for_kind(facts.kind), *rulebook.penalties_for_kind(facts.kind)]
        for item in applied:
            check_params(item)
        for criterion in rulebook.criteria_for_kind(facts.kind):
            verdict: Verdict = get_check(criterion.kind)(facts, criterion, rulebook)
            maximum = rulebook.scoring.max_points.get(criterion.id, criterion.max_points)
            score = min(1.0, max(0.0, verdict.score))
            findings.append({
                "criterion": criterion.id,
                "title": criterion.title,
                "status": verdict.status,
                "points": _number(maximum * score),
                "max_points": _number(maximum),
                "evidence": verdict.evidence,
                "advice": _advice(criterion.advice, verdict),
            })
        for penalty in rulebook.penalties_for_kind(facts.kind):
            evidence = get_check(penalty.kind)(facts, penalty, rulebook)
            if evidence:
                penalty_items.append({
                    "rule": penalty.id,
                    "title": penalty.title,
                    "points": _number(penalty.points),
                    "evidence": list(evidence),
                    "advice": " ".join(penalty.advice.split()),
                })
    points = sum(f["points"] for f in findings) + sum(p["points"] for p in penalty_items)
    return {
        "file": facts.document.name,
        "kind": facts.kind,
        "kind_title": kind_title,
        "measures": [m.to_dict() for m in facts.measures],  # type: ignore[misc]
        "findings": findings,
        "penalties": penalty_items,
        "points": _number(points),
        "max_points": _number(sum(f["max_points"] for f in findings)),
    }


def check_document(document: ParsedDocument, rulebook: Rulebook) -> DocumentJSON:
    """Recognise, extract and judge one already-read document."""
    keywords = {k.id: list(k.keywords) for k in rulebook.document_kinds}
    return judge(analyse(document, keywords), rulebook)


def check_documents(
    paths: Iterable[str | Path], rulebook: Rulebook | str | Path | None = None
) -> CheckReport:
    """Read and check every file; unreadable files are reported together in one ProblemReport.

    ``rulebook`` is a loaded Rulebook, an edition id or a YAML path (None: the default edition).
    """
    book = rulebook if isinstance(rulebook, Rulebook) else (
        load_rulebook(rulebook) if rulebook is not None else load_rulebook()
    )
    if isinstance(paths, str | Path):
        paths = [paths]
    read: list[ParsedDocument] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            read.append(read_document(path))
        except MskokoError as error:
            # the reader's message already names the file
            problems.append(Problem(str(error), code="unreadable_document"))
    if problems:
        raise ProblemReport(problems, title="Документы не прочитаны")
    return {"rulebook": book.id, "documents": [check_document(doc, book) for doc in read]}


__all__ = [
    "CheckReport",
    "DocumentJSON",
    "FindingJSON",
    "MeasureJSON",
    "PenaltyJSON",
    "check_document",
    "check_documents",
    "judge",
]
