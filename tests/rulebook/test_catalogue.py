"""The catalogue of the base edition holds all of seed 001: every regional document and every
example measure, checked against the source text (tests/data/rulebook/seed_001_catalogue.txt)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from mskoko.rulebook import Rulebook

SEED = Path(__file__).resolve().parents[1] / "data" / "rulebook" / "seed_001_catalogue.txt"


def _flat(text: str) -> str:
    """Text with line breaks undone (also inside hyphenated words), for substring checks."""
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
    return text.replace("- ", "-")


def _seed_numbers() -> set[str]:
    # «№01/1339», «№ 01 / 1775», «№ 644-П»: every document number the seed prints.
    found = re.findall(r"№\s*(\d+(?:\s*/\s*\d+)?(?:-П)?)", SEED.read_text(encoding="utf-8"))
    return {re.sub(r"\s+", "", n) for n in found}


def test_catalogue_has_every_regional_document_of_seed_001(base: Rulebook) -> None:
    documents = base.catalogue.regional_documents
    numbers = {d.number for d in documents if d.number}
    # 522-П is the resolution amended by 644-П: it is quoted inside that document's title.
    quoted_inside = {n for n in _seed_numbers() - numbers
                     if any(f"№ {n}" in d.title for d in documents)}
    assert quoted_inside == {"522-П"}
    assert _seed_numbers() - quoted_inside == numbers
    passports = [d for d in documents if d.doc_type == "project_passport"]
    assert [d.title for d in passports] == ["Паспорт регионального проекта «Успех каждого ребенка»"]
    # 28 numbered documents + the passport; «1883» and «01/1883» are kept apart as in the seed.
    assert len(documents) == 29
    assert {"1883", "01/1883"} <= numbers


def test_each_document_title_is_quoted_from_the_seed(base: Rulebook) -> None:
    seed = _flat(SEED.read_text(encoding="utf-8"))
    for doc in base.catalogue.regional_documents:
        assert _flat(doc.title) in seed, doc.id


def test_a_document_used_by_several_tracks_is_one_entry_listing_them(base: Rulebook) -> None:
    by_number = {d.number: d for d in base.catalogue.regional_documents}
    assert by_number["01/1339"].tracks == ["1.1.1", "1.1.2", "1.1.3"]
    assert by_number["01/1753"].tracks == ["2.2.1", "2.2.2"]
    assert by_number["01/1320"].tracks == ["1.2.1", "1.2.2"]
    assert by_number["4839"].tracks == ["1.2.2", "1.2.3"]
    assert Counter(d.number for d in base.catalogue.regional_documents if d.number).most_common(1)[0][1] == 1


def test_documents_per_track_match_seed_001(base: Rulebook) -> None:
    # Counted by hand from the seed's tables (a document listed under a track counts there).
    expected = {"1.1.1": 3, "1.1.2": 3, "1.1.3": 4, "1.2.1": 3, "1.2.2": 3, "1.2.3": 2,
                "1.3.2": 4, "2.1.1": 3, "2.1.2": 3, "2.2.1": 3, "2.2.2": 1, "2.4.1": 2}
    counted = {tid: len(base.catalogue.documents_for_track(tid)) for tid in expected}
    assert counted == expected


def test_every_example_measure_of_seed_001_is_in_the_catalogue(base: Rulebook) -> None:
    seed = _flat(SEED.read_text(encoding="utf-8"))
    measures = base.catalogue.example_measures
    for measure in measures:
        assert _flat(measure.text) in seed, measure.id
    expected = {"1.1.1": 6, "1.1.2": 5, "1.1.3": 2, "1.2.1": 4, "1.2.2": 5, "1.2.3": 4,
                "1.3.2": 4, "2.1.1": 6, "2.1.2": 3, "2.2.1": 7, "2.2.2": 3, "2.4.1": 7}
    assert Counter(m.track for m in measures) == expected
    assert len(measures) == 56
    assert len({m.id for m in measures}) == 56


def test_measure_ids_are_stable_track_prefixed_numbers(base: Rulebook) -> None:
    for measure in base.catalogue.example_measures:
        assert re.fullmatch(rf"{re.escape(measure.track)}-\d\d", measure.id), measure.id


def test_seed_001_tracks_all_have_catalogue_entries(base: Rulebook) -> None:
    scored = [t.id for s, t in base.tracks() if s.scored]
    for track_id in scored:
        assert base.catalogue.documents_for_track(track_id), track_id
        assert base.catalogue.measures_for_track(track_id), track_id
