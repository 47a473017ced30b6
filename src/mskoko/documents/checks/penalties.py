"""Penalty: analysis by average scores or mark statistics without confirmed objectivity,
ranking of schools by average scores."""

from __future__ import annotations

import re
from typing import Any

from mskoko.documents.checks.base import param, quotes
from mskoko.documents.checks.params import MarkersParams
from mskoko.documents.extract import DocumentFacts, Unit
from mskoko.documents.model import Table
from mskoko.documents.morph import lemma_text, quote
from mskoko.rulebook.registry import register_check

_RANKING = ("рейтинг", "ранжирование", "ранжировать", "рейтингование", "рейтинговый", "место")
_NEGATION = frozenset({"не", "без", "вместо", "отказ", "отказаться", "исключить", "нельзя", "ни"})
_CONFIRMED = (
    "объективность подтвердить", "подтвердить объективность", "подтверждение объективность",
    "объективность результат подтвердить", "подтвердить объективность результат",
    "признак необъективность не выявить", "не выявить признак необъективность",
    "признак необъективность не обнаружить", "не обнаружить признак необъективность",
    "результат признать объективный", "результат являться объективный",
    "признак необъективность не установить",
)
_NOT_CONFIRMED = (
    "не подтвердить объективность", "объективность не подтвердить", "не подтверждаться",
    "не являться объективный", "не признать объективный", "объективность не подтверждаться",
)
# ranking words a rulebook may leave out of its markers
_BUILTIN_RANKING = (("рейтингование",), ("ранжировать",), ("рейтинговый",))
_AVERAGE_HEADER = re.compile(r"средн\w*\s+(?:тестов\w+\s+|перв\w+\s+)?(?:балл|отметк|оценк)", re.I)
_RANK_HEADER = re.compile(r"^\s*(?:место|рейтинг|ранг)\b", re.I)


def _negated(lemmas: list[str], start: int, size: int) -> bool:
    """A marker in «не используем средний балл», «рейтинг … не составляется», «без рейтингов»."""
    before = lemmas[max(0, start - 4) : start]
    after = lemmas[start + size : start + size + 3]
    return bool(_NEGATION & set(before)) or (after[:1] == ["не"] or after[1:2] == ["не"])


def _marker_hits(unit: Unit, markers: list[list[str]]) -> list[str]:
    words = unit.lemmas.split()
    hits = []
    for marker in markers:
        size = len(marker)
        for start in range(len(words) - size + 1):
            if words[start : start + size] == marker and not _negated(words, start, size):
                hits.append(" ".join(marker))
                break
    return hits


def _confirms_objectivity(facts: DocumentFacts) -> list[Unit]:
    return [
        u for u in facts.units
        if any(f" {p} " in u.lemmas for p in _CONFIRMED)
        and not any(f" {p} " in u.lemmas for p in _NOT_CONFIRMED)
    ]


def _numbers(cells: list[str]) -> list[float] | None:
    values = []
    for cell in cells:
        match = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*", cell)
        if not match:
            return None
        values.append(float(match.group(1).replace(",", ".")))
    return values


def _table_signals(table: Table) -> tuple[list[str], list[str]]:
    """(average evidence, ranking evidence) of one table."""
    if not table.rows:
        return [], []
    header = table.rows[0].cells
    averages: list[str] = []
    ranking: list[str] = []
    body = [r for r in table.rows[1:] if not r.section]
    for index, cell in enumerate(header):
        if _RANK_HEADER.match(cell):
            ranking.append(f"таблица со столбцом «{cell}»: {quote(table.rows[0].text, 100)}")
        if _AVERAGE_HEADER.search(cell):
            averages.append(f"таблица со столбцом «{cell}»: {quote(table.rows[0].text, 100)}")
            values = _numbers([r.cells[index] for r in body if index < len(r.cells)])
            if values and len(values) >= 3 and (
                values == sorted(values) or values == sorted(values, reverse=True)
            ) and len(set(values)) > 1:
                ranking.append(
                    f"таблица упорядочена по столбцу «{cell}»: "
                    + "; ".join(quote(r.text, 60) for r in body[:3])
                )
    return averages, ranking


def _markers(criterion: Any) -> list[list[str]]:
    """The lemmatised ``markers`` of the penalty (judged like a criterion)."""
    return [m for m in (lemma_text(r).split() for r in param(criterion, "markers")) if m]


@register_check("penalty_average_ranking", params=MarkersParams)
def penalty_average_ranking(facts: DocumentFacts, penalty: Any, rulebook: Any) -> list[str]:
    """Evidence for the penalty; an empty list means the document is not penalised."""
    markers = _markers(penalty)
    ranking_markers = [m for m in markers if m[0] in _RANKING]
    ranking_markers += [list(m) for m in _BUILTIN_RANKING if list(m) not in ranking_markers]
    average_markers = [m for m in markers if m[0] not in _RANKING]
    averages: list[str] = []
    ranking: list[str] = []
    for unit in facts.units:
        if unit.in_table:
            continue
        rank_hits = _marker_hits(unit, ranking_markers)
        average_hits = _marker_hits(unit, average_markers)
        # «рейтинг» of schools is a ranking; «рейтинг» of a pupil's olympiad is not our business
        if rank_hits and (average_hits or re.search(r"\bОО\b|школ|организаци|учрежд", unit.text, re.I)):
            ranking.append(unit.text)
        elif average_hits:
            averages.append(unit.text)
    for table in facts.document.tables:
        table_averages, table_ranking = _table_signals(table)
        averages += table_averages
        ranking += table_ranking
    if ranking:
        return quotes(ranking + averages)
    if averages and not _confirms_objectivity(facts):
        return quotes(averages)
    return []


def objectivity_confirmations(facts: DocumentFacts) -> list[str]:
    """Quotes where the document confirms the objectivity of the results (for the report)."""
    return quotes(u.text for u in _confirms_objectivity(facts))
