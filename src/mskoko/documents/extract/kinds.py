"""Which kind of evidence document this is, scored over title, headings, tables and vocabulary."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from mskoko.documents.model import ParsedDocument
from mskoko.documents.morph import lemma_text

# (lemma phrase, weight in the title zone, weight per occurrence in the body, body cap)
_Marker = tuple[str, float, float, float]
MARKERS: dict[str, tuple[_Marker, ...]] = {
    "roadmap": (
        ("дорожный карта", 8, 1, 2), ("план мероприятие", 6, 0.5, 1), ("комплекс мера", 5, 0.5, 1),
        ("план-график", 5, 0, 0), ("план работа", 3, 0, 0), ("план по", 3, 0, 0),
        ("мероприятие", 0, 0.2, 2), ("ответственный исполнитель", 0, 0.5, 1),
    ),
    "event_plan": (
        ("план проведение", 8, 0, 0), ("программа проведение", 6, 0, 0),
        ("подготовительный этап", 2, 2, 2), ("деятельностный этап", 2, 2, 2),
        ("основной этап", 1, 1.5, 1.5), ("аналитический этап", 2, 2, 2),
        ("заключительный этап", 1, 1.5, 1.5),
    ),
    "effectiveness_conclusion": (
        ("заключение о эффективность", 10, 2, 4), ("эффективность принять мера", 3, 1, 2),
        ("анализ эффективность", 3, 0.5, 1), ("оказаться эффективный", 0, 1, 2),
    ),
    "analytical_report": (
        ("аналитический справка", 10, 1, 1), ("аналитический отчет", 7, 0, 0),
        ("аналитический записка", 7, 0, 0), ("анализ результат", 4, 0.3, 1.5), ("справка", 3, 0, 0),
        ("доклад", 3, 0, 0), ("доля обучающийся", 0, 0.4, 2), ("специфика муниципалитет", 1, 1, 1),
        ("базовый уровень", 0, 0.3, 1.5), ("по сравнение с", 0, 0.2, 1),
    ),
    "order": (
        ("приказ", 7, 0, 0), ("распоряжение", 7, 0, 0), ("протокол", 7, 0, 0),
        ("постановление", 5, 0, 0), ("приказывать", 6, 6, 6), ("постановлять", 6, 6, 6),
        ("решить", 0, 3, 3), ("слушать", 0, 3, 3), ("повестка", 3, 2, 2),
        ("контроль за исполнение", 0, 2, 2), ("обязывать", 0, 2, 2),
    ),
    "concept": (
        ("положение о", 8, 0, 0), ("концепция", 8, 0, 0), ("муниципальный программа", 6, 0, 0),
        ("программа", 3, 0, 0), ("модель", 4, 0, 0), ("методика", 5, 0, 0), ("методология", 5, 0, 0),
        ("регламент", 5, 0, 0), ("метод сбор", 0, 1.5, 3), ("метод обработка", 0, 1.5, 3),
        ("информационный система", 0, 0.5, 1.5), ("общий положение", 1, 1, 1),
        ("принцип", 0, 0.3, 1),
    ),
    "procedural": (
        ("методический рекомендация", 10, 0.5, 1), ("адресный рекомендация", 10, 1, 2),
        ("рекомендация", 7, 0.3, 1.5), ("методический материал", 6, 0.5, 1), ("памятка", 5, 0, 0),
        ("рекомендовать", 1, 0.6, 3), ("успешный практика", 1, 0.5, 1),
    ),
}
_ANNEX = re.compile(
    r"^\s*(?:приложение|утвержд[её]н|утверждаю|согласовано|рассмотрено|принято|к\s+приказу)",
    re.IGNORECASE,
)
_TITLE_LINES = 6
MINIMUM_SCORE = 4.0


@dataclass
class KindGuess:
    kind: str
    scores: dict[str, float] = field(default_factory=dict)
    reasons: dict[str, list[str]] = field(default_factory=dict)


def title_zone(document: ParsedDocument) -> list[str]:
    """The first lines that may carry the title, skipping annex and approval stamps."""
    lines: list[str] = []
    for block_line in document.text_lines():
        if _ANNEX.match(block_line) or re.fullmatch(r"[\s№_.\-от0-9г]*", block_line):
            continue
        lines.append(block_line)
        if len(lines) >= _TITLE_LINES:
            break
    headings = [p.text for p in document.paragraphs if p.level is not None]
    return lines + headings


def recognize_kind(
    document: ParsedDocument,
    extra_keywords: dict[str, Iterable[str]] | None = None,
    table_roles: Iterable[set[str]] = (),
    measures_with_tails: int = 0,
) -> KindGuess:
    """Score every kind; the best one wins when it reaches MINIMUM_SCORE, else «unknown»."""
    title = lemma_text(" \n ".join(title_zone(document)))
    body = lemma_text(document.text)
    guess = KindGuess(kind="unknown")
    markers = {kind: list(items) for kind, items in MARKERS.items()}
    for kind, words in (extra_keywords or {}).items():
        # the rulebook's own markers for a kind count like a title phrase, lightly in the body
        for word in words:
            phrase = lemma_text(word).strip()
            if phrase:
                markers.setdefault(kind, []).append((phrase, 4, 0.5, 1.5))
    for kind, items in markers.items():
        score = 0.0
        reasons: list[str] = []
        for phrase, title_weight, body_weight, cap in items:
            needle = f" {phrase} "
            if title_weight and needle in title:
                score += title_weight
                reasons.append(f"заголовок: «{phrase}»")
            count = body.count(needle)
            if count and body_weight:
                score += min(cap, count * body_weight)
                reasons.append(f"текст: «{phrase}» ×{count}")
        guess.scores[kind] = round(score, 2)
        guess.reasons[kind] = reasons
    for roles in table_roles:
        if "conclusion" in roles:
            guess.scores["effectiveness_conclusion"] = guess.scores.get("effectiveness_conclusion", 0) + 5
        elif {"deadline", "responsible"} & roles:
            guess.scores["roadmap"] = guess.scores.get("roadmap", 0) + 4
            guess.scores["event_plan"] = guess.scores.get("event_plan", 0) + 1
    if measures_with_tails >= 3:
        guess.scores["roadmap"] = guess.scores.get("roadmap", 0) + 3
    best = max(guess.scores.items(), key=lambda item: item[1], default=("unknown", 0.0))
    if best[1] >= MINIMUM_SCORE:
        guess.kind = best[0]
    return guess
