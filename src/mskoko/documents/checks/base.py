"""What a check returns, and helpers shared by the check kinds."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from mskoko.documents.extract import DocumentFacts, Unit
from mskoko.documents.model import Measure
from mskoko.documents.morph import quote

MAX_EVIDENCE = 5
# Fallbacks for criterion params an edition leaves out (documented in docs/checking.md).
DEFAULT_PARAMS: dict[str, Any] = {
    "met_share": 0.9,  # share of measures that must carry the element for «met»
    "partly_share": 0.3,  # below it the criterion is «not_met»
    "partial_score": 0.5,  # share of max_points given for «partly»
}


@dataclass
class Verdict:
    """A check's judgement: ``score`` is the share of max_points earned (0..1)."""

    score: float
    evidence: list[str] = field(default_factory=list)
    detail: str = ""  # what is missing, appended to the criterion's advice

    @property
    def status(self) -> str:
        if self.score >= 0.999:
            return "met"
        return "not_met" if self.score <= 0.0 else "partly"


def param(criterion: Any, name: str) -> Any:
    params = getattr(criterion, "params", None) or {}
    return params.get(name, DEFAULT_PARAMS.get(name))


def quotes(texts: Iterable[str], limit: int = MAX_EVIDENCE) -> list[str]:
    """Short verbatim quotes, without repeats."""
    seen: dict[str, None] = {}
    for text in texts:
        if text and text.strip():
            seen.setdefault(quote(text), None)
        if len(seen) >= limit:
            break
    return list(seen)


def unit_quotes(units: Iterable[Unit], limit: int = MAX_EVIDENCE) -> list[str]:
    return quotes((u.text for u in units), limit)


def label(measure: Measure) -> str:
    """How a measure is named in advice: its number and the start of its text."""
    start = f"«{quote(measure.text, 40)}»"
    return f"{measure.number} {start}" if measure.number else start


def share_verdict(
    facts: DocumentFacts,
    criterion: Any,
    has: Callable[[Measure], str | None],
    what_missing: str,
) -> Verdict:
    """Judge by the share of measures that carry an element (deadline, responsible, result…)."""
    measures = [m for m in facts.measures if m.text]
    carrying = [m for m in measures if has(m)]
    share = len(carrying) / len(measures)
    evidence = quotes(f"{quote(m.text, 90)} — {has(m)}" for m in carrying)
    missing = [label(m) for m in measures if not has(m)]
    detail = ""
    if missing:
        listed = ", ".join(missing[:15]) + (" …" if len(missing) > 15 else "")
        detail = f"{what_missing} у {len(missing)} из {len(measures)} мер: {listed}."
    if share >= float(param(criterion, "met_share")):
        return Verdict(1.0, evidence, detail)
    if share >= float(param(criterion, "partly_share")):
        return Verdict(float(param(criterion, "partial_score")), evidence, detail)
    return Verdict(0.0, evidence, detail)
