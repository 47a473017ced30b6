"""Deadlines in free Russian text: months in any case, years, ranges, dates, periodic phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mskoko.documents.morph import word_forms

MONTHS = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)
_L = "А-Яа-яЁё"
_YEAR_WORD = r"(?:\s*(?:гг?\.?|годы|годов|года|году|год)(?![" + _L + r"]))?"
_PERIODIC = (
    r"ежегодно|ежемесячно|ежеквартально|еженедельно|ежедневно|постоянно|регулярно"
    r"|систематически|периодически|круглогодично|в\s+течение\s+(?:всего\s+)?"
    r"(?:учебного\s+|календарного\s+|отч[её]тного\s+)?(?:года|периода|полугодия|четверти|месяца"
    r"|(?:19|20)\d{2}(?:\s*[-–—]\s*(?:19|20)\d{2})?" + _YEAR_WORD + r")"
    r"|(?:по|согласно)\s+(?:утвержд[её]нному\s+)?графику(?:\s+проведения)?"
    r"|в\s+соответствии\s+с\s+(?:утвержд[её]нным\s+)?графиком(?:\s+проведения)?"
    r"|по\s+плану(?:\s+работы)?|по\s+мере\s+(?:необходимости|поступления)"
    r"|(?:\d+|один|два|три|четыре)\s+раза?\s+в\s+(?:\d+\s+)?(?:года|год|лет|месяца|месяц|квартал"
    r"|полугодие|неделю|четверть)"
    r"|весь\s+период|на\s+протяжении\s+(?:всего\s+)?(?:учебного\s+)?года"
)
# prepositions that belong to a deadline when they stand right before it
_LEAD = re.compile(
    r"(?:(?<![" + _L + r"])(?:в\s+срок\s+до|не\s+позднее|не\s+позже|в\s+период\s+с|в\s+период"
    r"|до|с|со|в|во|к))\s+$",
    re.IGNORECASE,
)
# what may stand between two parts of one deadline: «январь-февраль», «август ежегодно», «с … по …»
_GLUE = re.compile(r"^(?:\s*(?:[-–—,/]|и|по|до)?\s*)$", re.IGNORECASE)
# words a deadline may carry without being a deadline themselves
_FILLER = re.compile(
    r"(?<![" + _L + r"])(?:г|гг|год|года|годы|годов|году|и|в|во|до|с|со|по|к|не|позднее|позже|срок"
    r"|период|течение|учебного|учебный|учебном|года)(?![" + _L + r"])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    months = "|".join(f for m in MONTHS for f in word_forms(m))
    month = rf"(?<![{_L}])(?:{months})(?![{_L}])"
    atoms = [
        r"(?:19|20)\d{2}\s*[/\-–—]\s*(?:19|20)?\d{2}\s+учебн[" + _L + r"]*\s+год[" + _L + r"]*",
        r"(?<![\d.])\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})(?![\d])(?:\s*г(?:ода|\.)?)?",
        rf"(?<!\d)\d{{1,2}}\s+{month}",
        r"(?<![" + _L + r"\d])(?:[IV]{1,3}|[1-4])\s*(?:-?(?:й|го|м))?\s*квартал[" + _L + r"]*",
        r"(?<![" + _L + r"\d])(?:[12]|I{1,2}|перв[" + _L + r"]*|втор[" + _L + r"]*)\s*(?:-?(?:е|го|м))?"
        r"\s*полугоди[" + _L + r"]*",
        rf"(?<![{_L}])(?:{_PERIODIC})(?![{_L}])",
        month,
        r"(?<![\d./№])(?:19|20)\d{2}(?![\d])" + _YEAR_WORD,
    ]
    return re.compile("|".join(f"(?:{a})" for a in atoms), re.IGNORECASE)


def find_deadlines(text: str) -> list[Span]:
    """Every deadline expression in the text, adjacent parts merged, with its lead preposition."""
    atoms = [(m.start(), m.end()) for m in _pattern().finditer(text)]
    merged: list[list[int]] = []
    for start, end in atoms:
        if merged and _GLUE.match(text[merged[-1][1] : start]):
            merged[-1][1] = end
        else:
            merged.append([start, end])
    spans: list[Span] = []
    for start, end in merged:
        lead = _LEAD.search(text[max(0, start - 20) : start])
        if lead:
            start -= len(lead.group(0))
        flat = re.sub(r"(?<=\S)-\s+(?=\w)", "-", " ".join(text[start:end].split()))
        spans.append(Span(start, end, flat))
    return spans


def is_deadline_text(text: str) -> bool:
    """Whether the whole string is a deadline (only deadline expressions and their filler words)."""
    flat = " ".join(text.split()).strip(" .;,()")
    if not flat:
        return False
    spans = find_deadlines(flat)
    if not spans:
        return False
    rest = flat
    for span in reversed(spans):
        rest = rest[: span.start] + " " + rest[span.end :]
    rest = _FILLER.sub(" ", rest)
    return not re.search(rf"[{_L}A-Za-z0-9]", rest)


# strong inline deadlines: a date, a «в срок до …», a month with a year, a periodic phrase
_STRONG = re.compile(
    r"\d{1,2}\.\d{1,2}\.\d{2,4}|срок|не\s+позднее|ежегодно|ежемесячно|ежеквартально|постоянно"
    r"|в\s+течение|график|квартал|полугоди|(?:19|20)\d{2}",
    re.IGNORECASE,
)


def find_inline_deadline(text: str) -> str | None:
    """A deadline stated inside a sentence («провести в срок до 20.09.2023»), strong forms only."""
    for span in find_deadlines(text):
        before = text[max(0, span.start - 12) : span.start].lower()
        if re.search(r"(?:на|за|от|№|итогам|результатам)\s*$", before):
            continue
        if _STRONG.search(span.text) or re.match(r"(?:до|с|к|в)\s", span.text, re.IGNORECASE):
            return span.text
    return None
