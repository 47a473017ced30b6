"""Russian morphology helpers (pymorphy3): lemmas, word forms, broken-word repair, quoting."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

WORD = re.compile(r"[А-Яа-яЁёA-Za-z]+(?:-[А-Яа-яЁёA-Za-z]+)*")
_analyzer: Any = None


def analyzer() -> Any:
    """The shared MorphAnalyzer, created on first use (loading the dictionaries takes a moment)."""
    global _analyzer
    if _analyzer is None:
        import pymorphy3

        _analyzer = pymorphy3.MorphAnalyzer()
    return _analyzer


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Normal form of a word, lower-case, «ё» read as «е»."""
    parsed = analyzer().parse(word)
    base = parsed[0].normal_form if parsed else word.lower()
    return base.replace("ё", "е")


def lemmas(text: str) -> list[str]:
    return [lemma(m.group(0)) for m in WORD.finditer(text)]


def lemma_text(text: str) -> str:
    """The text as a space-separated lemma sequence, for phrase matching."""
    return " " + " ".join(lemmas(text)) + " "


@lru_cache(maxsize=5_000)
def word_forms(base: str) -> tuple[str, ...]:
    """All inflected forms of a word (e.g. every case of a month name), longest first."""
    parsed = analyzer().parse(base)[0]
    forms = {f.word for f in parsed.lexeme} | {base}
    return tuple(sorted(forms, key=len, reverse=True))


@lru_cache(maxsize=50_000)
def tags(word: str) -> tuple[str, ...]:
    """Grammatical tags of every parse of a word (for case checks such as nominative)."""
    return tuple(str(p.tag) for p in analyzer().parse(word))


def can_be_nominative(word: str) -> bool:
    return any("nomn" in t or "Fixd" in t or "UNKN" in t or "LATN" in t for t in tags(word))


@lru_cache(maxsize=50_000)
def is_known(word: str) -> bool:
    return bool(analyzer().word_is_known(word.lower()))


def join_broken_lines(lines: list[str]) -> str:
    """Join lines of one cell; repair words broken across lines («образовательно» + «й»)."""
    result = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if not result:
            result = line
            continue
        tail = WORD.findall(result[-40:])
        head = WORD.findall(line[:40])
        last = tail[-1] if tail and result[-1].isalpha() else ""
        first = head[0] if head and line[0].isalpha() else ""
        if result.endswith("-") and first and first[0].islower() and len(result) > 1 and result[-2].isalpha():
            stem = WORD.findall(result[-40:-1])
            whole = (stem[-1] if stem else "") + first
            result = result[:-1] + line if is_known(whole) else result + line
        elif last and first and first[0].islower() and not is_known(first) and is_known(last + first):
            result += line
        else:
            result += " " + line
    return result


def quote(text: str, limit: int = 220) -> str:
    """A short verbatim quote: whitespace collapsed, cut at a word boundary with «…»."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "NUMR", "PRED"})


@lru_cache(maxsize=50_000)
def _content_lemma(word: str) -> str | None:
    parsed = analyzer().parse(word)
    if not parsed or len(word) < 3 or parsed[0].tag.POS in _FUNCTION_POS:
        return None
    return parsed[0].normal_form.replace("ё", "е")


def content_lemmas(text: str) -> frozenset[str]:
    """Lemmas of the meaningful words (no prepositions, conjunctions, particles, pronouns)."""
    found = (_content_lemma(m.group(0).lower()) for m in WORD.finditer(text))
    return frozenset(w for w in found if w)


def containment(part: str, whole: str) -> float:
    """Share of the content lemmas of ``part`` that occur in ``whole`` (0..1)."""
    wanted = content_lemmas(part)
    if not wanted:
        return 0.0
    return len(wanted & content_lemmas(whole)) / len(wanted)
