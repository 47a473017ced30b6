"""What a check returns, and helpers shared by the check kinds."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from mskoko.documents.extract import DocumentFacts, Unit
from mskoko.documents.model import Measure
from mskoko.documents.morph import quote
from mskoko.errors import MskokoError
from mskoko.rulebook.references import params_issues
from mskoko.rulebook.registry import params_schema

MAX_EVIDENCE = 5


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


def _validated(item: Any, schema: type[BaseModel]) -> BaseModel:
    params = dict(getattr(item, "params", None) or {})
    try:
        return schema.model_validate(params)
    except ValidationError:
        what = "штраф" if hasattr(item, "points") else "критерий"
        issues = params_issues(what, getattr(item, "id", "?"), item.kind, schema, params)
        raise MskokoError(
            "Параметры в редакции правил не приняты: " + "; ".join(i.message for i in issues)
            + ". Проверьте файл: mskoko rulebook validate."
        ) from None


def settings(item: Any) -> BaseModel:
    """The params of a criterion or penalty under its kind's declared model (absent ones take
    DEFAULTS); a Russian error names the item and the param when the edition got one wrong."""
    schema = params_schema(item.kind)
    if schema is None:
        raise MskokoError(f"Вид проверки «{item.kind}» не объявил своих параметров.")
    return _validated(item, schema)


def check_params(item: Any) -> None:
    """Refuse a criterion's or penalty's wrong params before judging (kinds without a model pass)."""
    schema = params_schema(item.kind)
    if schema is not None:
        _validated(item, schema)


def param(criterion: Any, name: str) -> Any:
    """One param of a criterion or penalty (see :func:`settings`)."""
    return getattr(settings(criterion), name)


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
    if share >= param(criterion, "met_share"):
        return Verdict(1.0, evidence, detail)
    if share >= param(criterion, "partly_share"):
        return Verdict(param(criterion, "partial_score"), evidence, detail)
    return Verdict(0.0, evidence, detail)
