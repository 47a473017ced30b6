"""An existing roadmap (DOCX/PDF/TXT, read by ``mskoko.documents``) → a MunicipalCycle.

Measures are assigned to tracks by the «Трек …» heading or section row above them (a track
id such as «1.1.1», the track's title, or a system's title, which means its first track);
``track_id`` puts every measure into one track. Regional references are matched against the
rulebook's catalogue by the cited document's number and the named measure's text.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from mskoko.cycle.deadline import Deadline
from mskoko.cycle.model import Measure, MunicipalCycle, TrackCycle, split_responsible
from mskoko.errors import MskokoError

_GOAL = re.compile(r"^\s*цел[ьи]\s*[:.–—-]\s*(.+)$", re.IGNORECASE)
_TRACK_ID = re.compile(r"(?<![\d.])(\d\.\d\.\d)(?![\d])")
_MEASURE_NAME = re.compile(r"мер[аы]\s*[:–—-]\s*«?(.+?)»?\s*$", re.IGNORECASE | re.DOTALL)


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[а-яёa-z]{4,}", text.lower().replace("ё", "е"))}


def _overlap(title: str, text: str) -> float:
    words = _stems(title)
    return len(words & _stems(text)) / len(words) if words else 0.0


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[«»„“\"]", " ", text.lower().replace("ё", "е")).split())


def resolve_track(heading: str, rulebook: Any, threshold: float = 0.6) -> str | None:
    """The rulebook track a heading names: by id, by track title, or by system title."""
    tracks = {t.id: t for _, t in rulebook.tracks()}
    for candidate in _TRACK_ID.findall(heading):
        if candidate in tracks:
            return candidate
    # both ways, so that a system's heading does not pick a track whose title merely contains it
    candidates = [(_overlap(t.title, heading) * _overlap(heading, t.title), 1, t.id)
                  for t in tracks.values()]
    candidates += [(_overlap(s.title, heading) * _overlap(heading, s.title), 0, s.tracks[0].id)
                   for s in rulebook.systems() if s.tracks]
    score, _, best = max(candidates, default=(0.0, 0, None))
    return best if score >= threshold * threshold else None


def match_regional(reference: str | None, track_id: str, rulebook: Any) -> tuple[str | None, str | None]:
    """(regional document id, regional measure id) named by a «Региональный документ, мера» cell."""
    if not reference:
        return None, None
    from mskoko.documents.extract.citations import find_citations, normalise_number

    catalogue = rulebook.catalogue
    document_id: str | None = None
    for citation in find_citations(reference):
        for doc in catalogue.regional_documents:
            number = normalise_number(doc.number)
            if number and citation.number and (
                number == citation.number or number.split("/")[-1] == citation.number.split("/")[-1]
            ) and (citation.date is None or doc.date is None or citation.date == doc.date):
                document_id = doc.id
                break
        if document_id:
            break
    if document_id is None:
        # a document without number and date (a project passport) is cited by its title
        head = _plain(reference.split("; мер")[0])
        document_id = next((d.id for d in catalogue.regional_documents
                            if len(d.title) > 12 and _plain(d.title) in head), None)
    measure_id: str | None = None
    named = _MEASURE_NAME.search(reference.split(";")[-1]) if "мер" in reference.lower() else None
    if named:
        wanted = named.group(1).strip(" «»")
        examples = catalogue.measures_for_track(track_id) or catalogue.example_measures
        scored = [(_overlap(e.text, wanted) * _overlap(wanted, e.text), e.id) for e in examples]
        score, best = max(scored, default=(0.0, None))
        if best is not None and score >= 0.5:
            measure_id = best
    return document_id, measure_id


def _measures_by_heading(parsed: Any) -> list[tuple[str | None, Any]]:
    """(nearest heading above, reader measure) for every measure of every measures table."""
    from mskoko.documents.extract.tables import find_measure_table, table_measures
    from mskoko.documents.model import Paragraph

    heading: str | None = None
    found: list[tuple[str | None, Any]] = []
    for block in parsed.blocks:
        if isinstance(block, Paragraph):
            if re.match(r"^\s*(?:трек|система|направление|раздел|\d\.\d\.\d)", block.text, re.I):
                heading = block.text
            continue
        table = find_measure_table(block)
        if table is None:
            continue
        measures, _ = table_measures(table)
        found.extend((m.section or heading, m) for m in measures)
    return found


def _goals(parsed: Any, rulebook: Any) -> dict[str, str]:
    goals: dict[str, str] = {}
    current: str | None = None
    for line in parsed.all_lines():
        track = resolve_track(line, rulebook) if re.match(r"^\s*(?:трек|\d\.\d\.\d)", line, re.I) \
            else None
        if track:
            current = track
            continue
        match = _GOAL.match(line)
        if match and current and current not in goals:
            goals[current] = match.group(1).strip()
    return goals


def cycle_from_document(
    parsed: Any,
    municipality_id: str,
    municipality_name: str,
    rulebook: Any,
    *,
    track_id: str | None = None,
    year: int | None = None,
) -> MunicipalCycle:
    """Build a cycle from a read document (``mskoko.documents.read_document``)."""
    from mskoko.documents.extract import analyse

    if track_id is not None:
        rulebook.track(track_id)  # an unknown id is refused with the known ones
    pairs = _measures_by_heading(parsed)
    if not pairs:
        pairs = [(m.section, m) for m in analyse(parsed).measures]
    if not pairs:
        raise MskokoError(
            f"В документе «{parsed.name}» не найдено ни одной меры: нужна таблица со столбцами "
            "«Мера/мероприятие», «Сроки», «Ответственные» или нумерованный перечень мер."
        )
    tracks: dict[str, TrackCycle] = {}
    unresolved: list[str] = []
    for index, (heading, item) in enumerate(pairs, start=1):
        target = track_id or (resolve_track(heading, rulebook) if heading else None)
        if target is None:
            unresolved.append(f"№ {item.number or index} ({heading or 'без заголовка трека'})")
            continue
        track = tracks.setdefault(target, TrackCycle(track_id=target))
        document_id, measure_id = match_regional(item.regional_reference, target, rulebook)
        track.measures.append(Measure(
            number=item.number or str(index),
            text=item.text,
            task=item.task or "",
            deadline=Deadline.parse(item.deadline),
            responsible=split_responsible(item.responsible or ""),
            result=item.result or "",
            regional_document_id=document_id,
            regional_measure_id=measure_id,
        ))
    if unresolved:
        raise MskokoError(
            "Не удалось определить трек для мер: " + "; ".join(unresolved[:10])
            + ". Укажите трек явно (--track), например 1.1.1."
        )
    for track_key, goal in _goals(parsed, rulebook).items():
        if track_key in tracks:
            tracks[track_key].goal = goal
    ordered = [t.id for _, t in rulebook.tracks() if t.id in tracks]
    return MunicipalCycle(
        municipality_id=municipality_id,
        municipality_name=municipality_name,
        year=year or dt.date.today().year,
        tracks=[tracks[t] for t in ordered],
    )


def import_roadmap(
    path: str | Path,
    municipality_id: str,
    municipality_name: str,
    rulebook: Any,
    *,
    track_id: str | None = None,
    year: int | None = None,
) -> MunicipalCycle:
    """Read a roadmap file (DOCX, PDF, TXT/MD) and build the cycle from its measures."""
    from mskoko.documents import read_document

    return cycle_from_document(read_document(Path(path)), municipality_id, municipality_name,
                               rulebook, track_id=track_id, year=year)


def merge_cycles(base: MunicipalCycle | None, incoming: MunicipalCycle) -> MunicipalCycle:
    """``base`` with the measures of ``incoming``'s tracks replaced (other components kept)."""
    if base is None:
        return incoming
    tracks = list(base.tracks)
    for new in incoming.tracks:
        old = base.track(new.track_id)
        if old is None:
            tracks.append(new)
            continue
        old.measures = new.measures
        old.goal = old.goal or new.goal
    return MunicipalCycle(base.municipality_id, base.municipality_name, base.year, tracks,
                          base.specifics)


__all__ = ["cycle_from_document", "import_roadmap", "match_regional", "merge_cycles",
           "resolve_track"]
