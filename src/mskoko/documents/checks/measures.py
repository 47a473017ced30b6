"""Checks on measures and administrative content: deadlines, responsible, results, decisions…"""

from __future__ import annotations

import re
from typing import Any

from mskoko.documents.checks.base import Verdict, param, quotes, share_verdict, unit_quotes
from mskoko.documents.checks.params import (
    GoalsParams,
    MeasuresParams,
    PartialParams,
    ShareParams,
    StagesParams,
)
from mskoko.documents.extract import DocumentFacts, Unit
from mskoko.documents.extract.deadlines import find_deadlines, find_inline_deadline
from mskoko.documents.extract.responsible import find_addressee, find_inline_responsible
from mskoko.documents.model import Measure
from mskoko.documents.morph import WORD, analyzer, lemma, lemma_text, quote
from mskoko.rulebook.registry import register_check

_ITEM_PREFIX = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[-–—•])\s*")


def _presence_mode(facts: DocumentFacts) -> bool:
    """Orders are judged by presence: not every item of an order needs a deadline."""
    return facts.kind == "order" and not facts.measures_from_tables


def _presence(found: list[str], what: str) -> Verdict:
    if found:
        return Verdict(1.0, quotes(found))
    return Verdict(0.0, [], f"В документе не найдено {what}.")


def _action_units(facts: DocumentFacts) -> list[Unit]:
    """Sentences that order or plan something: the only places a deadline or executor belongs."""
    return [u for u in facts.units if _is_decision(u)]


@register_check("has_deadlines", params=ShareParams)
def has_deadlines(facts: DocumentFacts, criterion: Any, rulebook: Any) -> Verdict:
    """Measures carry dates or periods of execution."""
    if facts.measures and not _presence_mode(facts):
        return share_verdict(facts, criterion, lambda m: m.deadline, "Нет сроков")
    # dates of past events in a narrative are not deadlines: look only at what is ordered
    found = [u.text for u in _action_units(facts) if find_inline_deadline(u.text)]
    found += [f"{quote(m.text, 80)} — {m.deadline}" for m in facts.measures if m.deadline]
    return _presence(found, "сроков выполнения мер или решений (даты, месяца, периода)")


@register_check("has_responsible", params=ShareParams)
def has_responsible(facts: DocumentFacts, criterion: Any, rulebook: Any) -> Verdict:
    """Measures name responsible executors or participants."""
    if facts.measures and not _presence_mode(facts):
        return share_verdict(facts, criterion, lambda m: m.responsible, "Не назван ответственный")
    found = [f"{quote(m.text, 80)} — {m.responsible}" for m in facts.measures if m.responsible]
    found += [u.text for u in _action_units(facts) if find_inline_responsible(u.text)]
    found += [u.text for u in facts.units_with("возложить на", "ответственный за")]
    return _presence(found, "ответственных исполнителей или участников мер")


@register_check("has_results", params=ShareParams)
def has_results(facts: DocumentFacts, criterion: Any, rulebook: Any) -> Verdict:
    """Measures state expected results or indicators."""
    if not facts.measures:
        return Verdict(0.0, [], "В документе не найден перечень мер с результатами.")
    return share_verdict(
        facts, criterion, lambda m: m.result, "Не указан ожидаемый результат/показатель"
    )


@register_check("has_measures", params=MeasuresParams)
def has_measures(facts: DocumentFacts, criterion: Any, rulebook: Any) -> Verdict:
    """Concrete measures are described (a list of measures, not general directions)."""
    minimum: int = param(criterion, "min_measures")
    concrete = [m for m in facts.measures if len(WORD.findall(m.text)) >= 3]
    evidence = quotes(m.text for m in concrete)
    if len(concrete) >= minimum:
        return Verdict(1.0, evidence)
    if concrete:
        return Verdict(
            param(criterion, "partial_score"), evidence,
            f"Описано мер: {len(concrete)}, ожидается не меньше {minimum}.",
        )
    return Verdict(0.0, [], "В документе не найден перечень конкретных мер/мероприятий.")


_GOAL = re.compile(r"(?:^|[\s|.])(?:цель|цели)(?:\s+[^\s:—–-]+){0,3}\s*[:—–-]", re.IGNORECASE)
_TRACK = re.compile(r"^\s*трек\b", re.IGNORECASE)
# a target value: «не менее 85 %», «до 10 ОО», «доля … 15 %» (years and item numbers are not targets)
_FIGURE = re.compile(
    r"\d+(?:[.,]\d+)?\s*%|не\s+(?:менее|более|ниже|выше)\s+\d|(?:до|на)\s+\d{1,3}(?![\d.])"
    r"|(?<![\d.\-–])(?!(?:19|20)\d\d(?!\d))\d{1,5}\s+(?:ед|чел|ОО|школ|педагог|обучающ|участник)"
    r"|доля[^.]{0,80}?\d",
    re.IGNORECASE,
)


@register_check("has_goals_and_indicators", params=GoalsParams)
def has_goals_and_indicators(facts: DocumentFacts, criterion: Any, rulebook: Any) -> Verdict:
    """Goals are set (one per track) and indicators of their achievement are given."""
    goals = [u for u in facts.units if _GOAL.search(u.text)]
    goals_text = [u.text for u in goals] + [h for h in facts.headings if _GOAL.search(h)]
    tracks = [h for h in facts.headings if _TRACK.match(h)]
    indicators = [
        u.text for u in facts.units
        if (" показатель " in u.lemmas or " индикатор " in u.lemmas)
        and _FIGURE.search(_ITEM_PREFIX.sub("", u.text))
    ]
    indicators += [f"{quote(m.text, 60)} — {m.result}" for m in facts.measures
                   if m.result and _FIGURE.search(m.result)]
    score = 0.0
    details: list[str] = []
    if goals_text:
        if len(tracks) > len(set(goals_text)):
            score += param(criterion, "fewer_goals_score")
            details.append(f"треков {len(tracks)}, а целей {len(set(goals_text))}: у каждого трека — своя цель")
        else:
            score += 0.5
    else:
        details.append("не сформулированы цели (строка «Цель: …»)")
    if indicators:
        score += 0.5
    else:
        details.append("не указаны показатели достижения целей с целевыми значениями")
    detail = ("В документе " + "; ".join(details) + ".") if details else ""
    return Verdict(score, quotes(goals_text[:2] + indicators[:3]), detail)


@register_check("has_event_stages", params=StagesParams)
def has_event_stages(facts: DocumentFacts, criterion: Any, rulebook: Any) -> Verdict:
    """The event is planned by stages (preparatory, activity, analytical), each with dates."""
    stages = [lemma(s) for s in param(criterion, "stages")]
    lines = list(facts.headings) + [u.text for u in facts.units]
    present: list[str] = []
    dated: list[str] = []
    evidence: list[str] = []
    for stage in stages:
        needle = f" {stage} этап "
        line = next((t for t in lines if needle in lemma_text(t)), None)
        if line is None:
            continue
        present.append(stage)
        evidence.append(line)
        section_dates = [m.deadline for m in facts.measures if m.section == line and m.deadline]
        if find_deadlines(line) or section_dates:
            dated.append(stage)
    score = 0.5 * len(present) / len(stages) + 0.5 * len(dated) / len(stages)
    missing = [s for s in stages if s not in present]
    undated = [s for s in present if s not in dated]
    details = []
    if missing:
        details.append("нет этапов: " + ", ".join(missing))
    if undated:
        details.append("без дат: " + ", ".join(undated))
    return Verdict(round(score, 4), quotes(evidence), ("; ".join(details) + ".") if details else "")


_EVALUATION = re.compile(
    r"эффективн|достигнут|достигли|позволил|увеличил|снизил|сократил|вырос|улучшил|не\s+достиг"
    r"|результат", re.IGNORECASE,
)


@register_check("has_effectiveness_conclusions", params=ShareParams)
def has_effectiveness_conclusions(facts: DocumentFacts, criterion: Any, rulebook: Any) -> Verdict:
    """Per measure: what was done, when, and whether it worked."""
    if facts.measures:
        def conclusion(m: Measure) -> str | None:
            text = m.conclusion or m.result
            if text and len(WORD.findall(text)) >= 3:
                return text
            return None
        return share_verdict(facts, criterion, conclusion, "Нет заключения об эффективности")
    found = [u.text for u in facts.units if _EVALUATION.search(u.text) and " мера " in u.lemmas]
    if found:
        return Verdict(
            param(criterion, "partial_score"), quotes(found),
            "Выводы есть, но не по каждой мере: сведите их в таблицу «мера — сроки — заключение».",
        )
    return Verdict(0.0, [], "Не найдено выводов об эффективности принятых мер.")


_DECISION_MARKERS = (
    "приказывать", "постановлять", "решить", "распорядиться", "обязывать",
    "принять решение", "управленческий решение", "принять следующий решение",
)


def _is_decision(unit: Unit) -> bool:
    """«Утвердить план…» or «Руководителям ОО провести…»: an infinitive, maybe after its addressee."""
    text = _ITEM_PREFIX.sub("", unit.text)
    words = WORD.findall(text[:60])
    if not words:
        return False
    parses = analyzer().parse(words[0])
    return (bool(parses) and parses[0].tag.POS == "INFN") or find_addressee(text) is not None


@register_check("has_decisions", params=PartialParams)
def has_decisions(facts: DocumentFacts, criterion: Any, rulebook: Any) -> Verdict:
    """Management decisions are recorded (ПРИКАЗЫВАЮ / РЕШИЛИ and what was decided)."""
    marker_units = [u for u in facts.units if any(f" {m} " in u.lemmas for m in _DECISION_MARKERS)]
    decisions = [u for u in facts.units if _is_decision(u)]
    decisions += [u for u in marker_units if u not in decisions and " решение " in u.lemmas]
    evidence = unit_quotes(marker_units[:1] + decisions)
    if marker_units and decisions:
        return Verdict(1.0, evidence)
    if decisions or marker_units:
        what = "нет распорядительной части («ПРИКАЗЫВАЮ:», «РЕШИЛИ:»)" if decisions else \
            "после распорядительной формулы не записано, что именно решено"
        return Verdict(param(criterion, "partial_score"), evidence, f"В документе {what}.")
    return Verdict(0.0, [], "В документе нет управленческих решений: только констатация фактов.")
