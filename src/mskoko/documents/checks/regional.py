"""Correspondence to the regional complex of measures: cited documents and concrete measures."""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

from mskoko.documents.checks.base import Verdict, param, quotes
from mskoko.documents.checks.params import RegionalParams
from mskoko.documents.extract import DocumentFacts
from mskoko.documents.extract.citations import (
    Citation,
    find_citations,
    normalise_number,
    quoted_titles,
)
from mskoko.documents.morph import containment, content_lemmas, quote
from mskoko.rulebook.registry import register_check

_REGIONAL_ISSUER = re.compile(
    r"област|кра[йяе]\b|республик|региональн|министерств|правительств", re.IGNORECASE
)
def _same_number(a: str, b: str) -> bool:
    """«01/1883» and «1883» name the same order when only one of them carries the series."""
    if a == b:
        return True
    return ("/" in a) != ("/" in b) and a.split("/")[-1] == b.split("/")[-1]


def match_document(citation: Citation, documents: list[Any], title_similarity: float) -> Any | None:
    """The catalogue document a citation names: by number (and date when both have one) or title."""
    for doc in documents:
        number = normalise_number(doc.number)
        same_date = citation.date is None or doc.date is None or citation.date == doc.date
        if number and citation.number and _same_number(number, citation.number) and same_date:
            return doc
        if citation.date and doc.date == citation.date and citation.title and \
                containment(doc.title, citation.title) >= 0.5:
            return doc
        if citation.title and containment(doc.title, citation.title) >= title_similarity \
                and containment(citation.title, doc.title) >= title_similarity:
            return doc
    return None


class _Similarity:
    """IDF-weighted cosine over content lemmas: shared rare words («видеонаблюдение») count,
    shared generic ones («проведение», «мероприятие») hardly do."""

    def __init__(self, texts: list[str]) -> None:
        self.sets = {t: content_lemmas(t) for t in texts}
        frequency = Counter(w for words in self.sets.values() for w in words)
        total = len(self.sets)
        self.weight = {w: math.log((total + 1) / (n + 1)) + 0.1 for w, n in frequency.items()}

    def __call__(self, a: str, b: str) -> float:
        left, right = self.sets[a], self.sets[b]
        shared = left & right
        if not shared:
            return 0.0
        norm = math.sqrt(sum(self.weight[w] ** 2 for w in left) * sum(self.weight[w] ** 2 for w in right))
        return sum(self.weight[w] ** 2 for w in shared) / norm


def _similar_examples(
    measures: list[Any], examples: list[Any], threshold: float
) -> list[tuple[Any, Any]]:
    similarity = _Similarity([m.text for m in measures] + [e.text for e in examples])
    pairs = []
    for measure in measures:
        scored = [(similarity(e.text, measure.text), e) for e in examples]
        best = max(scored, key=lambda item: item[0], default=(0.0, None))
        if best[1] is not None and best[0] >= threshold:
            pairs.append((measure, best[1]))
    return pairs


_NAMED_MEASURE = re.compile(r"мер[аеуыо]?[а-я]*\s*[:–—-]?\s*«([^«»]{8,300})»", re.IGNORECASE)


def _named_regional_measures(
    text: str, examples: list[Any], threshold: float
) -> list[tuple[str, Any]]:
    """Catalogue measures named in quotes after «мера» («региональная мера «Семинары …»»)."""
    quoted = [q for q in _NAMED_MEASURE.findall(text)]
    if not quoted or not examples:
        return []
    similarity = _Similarity(quoted + [e.text for e in examples])
    found = []
    for piece in quoted:
        best = max(((similarity(e.text, piece), e) for e in examples), key=lambda item: item[0])
        if best[0] >= threshold:
            found.append((piece, best[1]))
    return found


@register_check("cites_regional_measure", params=RegionalParams)
def cites_regional_measure(facts: DocumentFacts, criterion: Any, rulebook: Any) -> Verdict:
    """The document cites the regional document and the concrete regional measure it implements."""
    catalogue = rulebook.catalogue
    documents = list(catalogue.regional_documents)
    text = facts.document.text
    title_similarity = param(criterion, "title_similarity")
    evidence: list[str] = []
    details: list[str] = []

    cited: list[str] = []
    outside: list[str] = []
    for citation in find_citations(text):
        doc = match_document(citation, documents, title_similarity)
        if doc is not None:
            cited.append(f"{citation.text} (в каталоге правил: «{quote(doc.title, 80)}»)")
        elif _REGIONAL_ISSUER.search(citation.text):
            outside.append(citation.text)
    for title in quoted_titles(text):
        for doc in documents:
            if containment(doc.title, title) >= title_similarity and \
                    containment(title, doc.title) >= title_similarity:
                cited.append(f"«{quote(title, 120)}» (в каталоге правил: {doc.id})")
                break
    document_score = 0.0
    if cited:
        document_score = 0.5
        evidence += cited
    elif outside:
        document_score = 0.5
        evidence += outside
        details.append(
            "названный региональный документ не найден в каталоге правил — проверьте реквизиты"
        )
    else:
        details.append("нет ссылки на региональный документ (вид, дата, номер, название)")

    measures = [m for m in facts.measures if m.text]
    threshold = param(criterion, "measure_similarity")
    examples = list(catalogue.example_measures)
    referenced = [m for m in measures if m.regional_reference]
    similar = _similar_examples(
        [m for m in measures if not m.regional_reference], examples, threshold
    )
    measure_score = 0.0
    # «В основании документа … обозначена конкретная региональная мера» (seed 000): one named
    # catalogue measure in the document's basis covers the whole plan
    named = _named_regional_measures(text, examples, threshold)
    if named:
        measure_score = 0.5
        evidence += [f"региональная мера «{quote(q, 100)}» (в каталоге: «{quote(e.text, 80)}»)"
                     for q, e in named]
    elif measures:
        share = len(referenced) / len(measures)
        if share >= param(criterion, "measure_share"):
            measure_score = 0.5
        else:
            if referenced or similar:
                measure_score = param(criterion, "hint_score")
            details.append(
                f"конкретная региональная мера указана у {len(referenced)} из {len(measures)} мер"
            )
    else:
        mentions = facts.units_with("региональный мера", "региональный комплекс", "региональный план")
        if mentions:
            measure_score = param(criterion, "hint_score")
            evidence += [u.text for u in mentions]
        details.append("не указана конкретная региональная мера, которую реализует мероприятие")
    evidence += [f"{quote(m.text, 80)} — {m.regional_reference}" for m in referenced]
    evidence += [
        f"«{quote(m.text, 80)}» соответствует региональной мере «{quote(e.text, 80)}»"
        for m, e in similar
    ]
    detail = ("В документе " + "; ".join(details) + ".") if details else ""
    return Verdict(document_score + measure_score, quotes(evidence), detail)
