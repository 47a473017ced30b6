"""From a ParsedDocument to facts a check can judge: kind, measures, sentences, headings."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from mskoko.documents.extract.kinds import KindGuess, recognize_kind
from mskoko.documents.extract.tables import find_measure_table, table_measures
from mskoko.documents.extract.text_measures import parse_text_measures
from mskoko.documents.model import Measure, Paragraph, ParsedDocument, Table
from mskoko.documents.morph import join_broken_lines, lemma_text

# Kinds whose numbered items are measures (a report's numbered paragraphs are not).
_MEASURE_KINDS = frozenset(
    {"roadmap", "event_plan", "effectiveness_conclusion", "order", "unknown"}
)


@dataclass(frozen=True)
class Unit:
    """A sentence or a table row, with its lemma form for phrase matching."""

    text: str
    in_table: bool = False

    @cached_property
    def lemmas(self) -> str:
        return lemma_text(self.text)


@dataclass
class DocumentFacts:
    """Everything the checks look at; built once per document."""

    document: ParsedDocument
    guess: KindGuess
    measures: list[Measure] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    measures_from_tables: bool = False

    @property
    def kind(self) -> str:
        return self.guess.kind

    @cached_property
    def lemmas(self) -> str:
        return lemma_text(self.document.text)

    def units_with(self, *phrases: str) -> list[Unit]:
        """Sentences or rows containing any of the lemma phrases."""
        needles = [f" {p} " for p in phrases]
        return [u for u in self.units if any(n in u.lemmas for n in needles)]


def _shouting(line: str) -> bool:
    """A line in capitals («ПРИКАЗ», «ПРИКАЗЫВАЮ:») is a paragraph of its own."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def paragraphs_of(document: ParsedDocument) -> list[str]:
    """Running paragraphs: layout lines of TXT/PDF joined until a sentence or item ends."""
    result: list[str] = []
    for block in document.blocks:
        if not isinstance(block, Paragraph):
            continue
        for line in block.text.split("\n"):
            line = line.strip()
            if not line:
                continue
            if block.level is not None or document.format == "docx" or not result:
                result.append(line)
                continue
            previous = result[-1]
            starts_new = (
                bool(re.match(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s|[-–—•]\s?)", line))
                or (block.gap_before and line[:1].isupper())
                or _shouting(line) or _shouting(previous)
            )
            if not starts_new and (line[:1].islower() or not re.search(r"[.!?:;»)]$", previous)):
                result[-1] = join_broken_lines([previous, line])
            else:
                result.append(line)
    return result


def _units(document: ParsedDocument) -> list[Unit]:
    from razdel import sentenize

    units: list[Unit] = []
    for paragraph in paragraphs_of(document):
        units.extend(Unit(s.text) for s in sentenize(paragraph) if s.text.strip())
    for table in document.tables:
        units.extend(Unit(row.text, in_table=True) for row in table.rows if row.text)
    return units


def analyse(
    document: ParsedDocument, kind_keywords: dict[str, Iterable[str]] | None = None
) -> DocumentFacts:
    """Recognise the kind and extract measures, headings and sentences of one document."""
    measures: list[Measure] = []
    headings: list[str] = []
    roles: list[set[str]] = []
    for block in document.blocks:
        if isinstance(block, Table):
            found = find_measure_table(block)
            if found is not None:
                roles.append(set(found.roles))
                table_items, table_headings = table_measures(found)
                measures.extend(table_items)
                headings.extend(table_headings)
    from_tables = bool(measures)
    text_items: list[Measure] = []
    if not from_tables:
        text_items = parse_text_measures(document.text_lines())
    with_tails = sum(1 for m in text_items if m.deadline and m.responsible)
    guess = recognize_kind(document, kind_keywords, roles, with_tails)
    if not measures and guess.kind in _MEASURE_KINDS:
        measures = text_items
        headings = list(dict.fromkeys(m.section for m in measures if m.section))
    return DocumentFacts(
        document=document, guess=guess, measures=measures, headings=headings,
        units=_units(document), measures_from_tables=from_tables,
    )


__all__ = ["DocumentFacts", "Unit", "analyse", "paragraphs_of"]
