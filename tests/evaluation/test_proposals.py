"""Findings of the automatic check (CONTRACT JSON) become proposals on the scorecard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mskoko.evaluation.model import ProposalKind
from mskoko.evaluation.proposals import derive_track, proposals_from_check

REPORT = Path(__file__).resolve().parent.parent / "data" / "evaluation" / "check-report.json"


@pytest.fixture
def report() -> dict:
    return json.loads(REPORT.read_text(encoding="utf-8"))


def test_findings_map_to_items_with_the_best_document_winning(small_rulebook, report):
    proposals = proposals_from_check(small_rulebook, report, "m1", 2024,
                                     [["1.2.1"], ["1.2.1"], ["1.1.1", "1.1.2"]])
    by_key = {(p.kind, p.track_id, p.criterion_id): p for p in proposals}
    deadlines = by_key[(ProposalKind.CRITERION, "1.2.1", "deadlines")]
    # roadmap 1/1 → 3 of 3 beats order 1/3 → 1 of 3; both quotes are kept.
    assert (deadlines.points, deadlines.max_points, deadlines.status) == (3, 3, "met")
    assert deadlines.evidence == ("roadmap.docx: до 20.02.2024", "order.pdf: в течение года")
    assert deadlines.source_files == ("roadmap.docx", "order.pdf")
    responsible = by_key[(ProposalKind.CRITERION, "1.2.1", "responsible")]
    assert (responsible.points, responsible.advice) == (1.5, "Укажите ответственных у всех мер")
    assert by_key[(ProposalKind.CRITERION, "1.2.1", "results")].points == 0
    assert by_key[(ProposalKind.CRITERION, "1.2.1", "decisions")].points == 3
    # A criterion the track is not scored on is left out.
    assert not any(p.criterion_id == "collection_methods" for p in proposals)
    # The analytical report covers two tracks: its specifics count for both …
    assert by_key[(ProposalKind.CRITERION, "1.1.1", "municipal_specifics")].points == 2
    assert by_key[(ProposalKind.CRITERION, "1.1.2", "municipal_specifics")].points == 2
    # … and its penalty is proposed once, on the first track.
    penalties = [p for p in proposals if p.kind is ProposalKind.PENALTY]
    assert [(p.track_id, p.criterion_id, p.points) for p in penalties] == [
        ("1.1.1", "average_score_ranking", -2)]
    assert penalties[0].advice == "Анализируйте доли по уровням"
    assert all(p.rulebook_id == "test-small" for p in proposals)


def test_a_document_list_of_the_wrong_length_is_refused(small_rulebook, report):
    from mskoko.evaluation.errors import ScoringError

    with pytest.raises(ScoringError, match="не совпадает"):
        proposals_from_check(small_rulebook, report, "m1", 2024, [["1.2.1"]])


def test_track_is_derived_from_a_title_broken_across_lines(small_rulebook):
    lines = ["План мероприятий (дорожная карта)",
             "Трек 1. Адресная поддержка школ с низкими",
             "образовательными результатами",
             "1.1 | Семинар для руководителей | февраль | УО"]
    assert derive_track(small_rulebook, lines) == ["1.2.1"]


def test_several_named_tracks_are_all_returned(small_rulebook):
    lines = ["Трек 1. Объективность оценки качества подготовки обучающихся",
             "Цель: создание условий", "…", "…",
             "Трек 2. Сбалансированность системы оценки качества подготовки обучающихся"]
    assert derive_track(small_rulebook, lines) == ["1.1.1", "1.1.2"]


def test_a_system_title_stands_for_all_its_tracks(small_rulebook):
    lines = ["Аналитическая справка", "Система оценки качества подготовки обучающихся"]
    assert derive_track(small_rulebook, lines) == ["1.1.1", "1.1.2"]


def test_a_text_naming_no_track_gives_none(small_rulebook):
    assert derive_track(small_rulebook, ["Приказ № 5 от 01.02.2024", "О проведении ВПР"]) == []
