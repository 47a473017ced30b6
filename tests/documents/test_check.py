"""Each test document is judged as an expert would: statuses, points, quotes and advice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mskoko.documents.check import DocumentJSON, check_documents

from .conftest import DATA, SEED


def _check(path: Path, rulebook: Any) -> DocumentJSON:
    report = check_documents([path], rulebook)
    assert report["rulebook"] == "base-2023"
    return report["documents"][0]


def _statuses(document: DocumentJSON) -> dict[str, str]:
    return {f["criterion"]: f["status"] for f in document["findings"]}


def _finding(document: DocumentJSON, criterion: str) -> dict[str, Any]:
    return next(f for f in document["findings"] if f["criterion"] == criterion)  # type: ignore[return-value]


def test_complete_roadmap_meets_every_roadmap_criterion(built: dict[str, Path], rulebook: Any) -> None:
    document = _check(built["roadmap_complete.docx"], rulebook)
    assert document["kind"] == "roadmap"
    assert set(_statuses(document).values()) == {"met"}
    assert set(_statuses(document)) == set(rulebook.document_kind("roadmap").criteria)
    assert document["points"] == document["max_points"] == 9
    assert document["penalties"] == []
    measures = document["measures"]
    assert len(measures) == 5
    seminar = measures[2]
    # the continuation row (empty number cell) is part of measure 3
    assert seminar["text"].endswith("(в том числе для учителей трёх ОО с признаками необъективности)")
    assert seminar["deadline"] == "20.02.2024"
    assert seminar["task"] == "Повысить компетентность педагогов в оценивании"
    assert measures[1]["task"] == "Обеспечить объективность проведения ВПР"  # merged task cell
    assert measures[0]["regional_reference"].startswith("Приказ № 01/1836")
    regional = _finding(document, "regional_alignment")
    assert any("01/1836" in quote for quote in regional["evidence"])


def test_roadmap_without_responsible_column_loses_only_that_criterion(
    built: dict[str, Path], rulebook: Any
) -> None:
    document = _check(built["roadmap_no_responsible.docx"], rulebook)
    statuses = _statuses(document)
    assert statuses.pop("responsible") == "not_met"
    assert set(statuses.values()) == {"met"}
    responsible = _finding(document, "responsible")
    assert responsible["points"] == 0 and responsible["max_points"] == 1
    assert "Не назван ответственный у 5 из 5 мер" in responsible["advice"]
    assert "Назовите ответственного исполнителя" in responsible["advice"]
    assert document["points"] == 8


def test_roadmap_with_deadlines_for_two_of_six_measures_is_partly_met(rulebook: Any) -> None:
    document = _check(DATA / "roadmap_missing_deadlines.md", rulebook)
    deadlines = _finding(document, "deadlines")
    assert deadlines["status"] == "partly"
    assert deadlines["points"] == 0.5
    assert "Нет сроков у 4 из 6 мер: 2 «Заключение партнёрских соглашений" in deadlines["advice"]
    assert any(q.endswith("— сентябрь 2023") for q in deadlines["evidence"])
    statuses = _statuses(document)
    assert statuses["responsible"] == statuses["results"] == statuses["goals_indicators"] == "met"
    assert [m["deadline"] for m in document["measures"]] == [
        "сентябрь 2023", None, None, None, None, "август 2024"]
    assert all(m["section"] == "Трек 1. Адресная поддержка школ с низкими образовательными результатами"
               for m in document["measures"])


def test_serov_roadmap_is_judged_as_an_expert_would(rulebook: Any) -> None:
    document = _check(SEED, rulebook)
    assert document["kind"] == "roadmap"
    assert _statuses(document) == {
        "measures": "met", "goals_indicators": "not_met", "municipal_specifics": "partly",
        "deadlines": "met", "regional_alignment": "not_met", "responsible": "met",
        "results": "not_met",
    }
    assert "нет ссылки на региональный документ" in _finding(document, "regional_alignment")["advice"]
    assert "у 53 из 53 мер" in _finding(document, "results")["advice"]


def test_order_with_decisions_meets_the_administrative_maximum(rulebook: Any) -> None:
    document = _check(DATA / "order_with_decisions.txt", rulebook)
    assert document["kind"] == "order"
    assert _statuses(document) == {"deadlines": "met", "decisions": "met", "responsible": "met"}
    assert document["points"] == 3  # seed 002: «Максимальный балл: 3»
    decisions = _finding(document, "decisions")
    assert "ПРИКАЗЫВАЮ:" in decisions["evidence"]
    assert any(q.startswith("1. Утвердить план мероприятий") for q in decisions["evidence"])
    measures = {m["number"]: m for m in document["measures"]}
    assert measures["2"]["deadline"] == "в срок до 01.03.2024"
    assert measures["2"]["responsible"] == "Руководителям ОО"
    assert measures["3"]["responsible"] == "МКУ «ЦРО» (Петрова А.А.)"


def test_order_without_decisions_gets_nothing(rulebook: Any) -> None:
    document = _check(DATA / "order_without_decisions.txt", rulebook)
    assert document["kind"] == "order"
    assert _statuses(document) == {"deadlines": "not_met", "decisions": "not_met",
                                   "responsible": "not_met"}
    assert document["points"] == 0 and document["max_points"] == 3
    # dates of what already happened are not deadlines of measures
    assert "сроков выполнения мер или решений" in _finding(document, "deadlines")["advice"]
    assert "констатация фактов" in _finding(document, "decisions")["advice"]


def test_level_based_report_with_confirmed_objectivity_is_not_penalised(rulebook: Any) -> None:
    document = _check(DATA / "report_levels_objective.md", rulebook)
    assert document["kind"] == "analytical_report"
    assert set(_statuses(document).values()) == {"met"}
    assert document["penalties"] == []
    assert document["points"] == 3
    specifics = _finding(document, "municipal_specifics")
    assert any("12 сельских, 5 малокомплектных" in q for q in specifics["evidence"])
    justification = _finding(document, "justification_of_measures")
    assert any(q.startswith("В связи с высокой долей") for q in justification["evidence"])


def test_report_ranking_schools_by_average_score_is_penalised(
    built: dict[str, Path], rulebook: Any
) -> None:
    document = _check(built["report_ranking.docx"], rulebook)
    assert document["kind"] == "analytical_report"
    [penalty] = document["penalties"]
    assert penalty["rule"] == "average_score_ranking"
    assert penalty["points"] == -1
    assert "Ниже приведён рейтинг ОО по среднему баллу ВПР по математике." in penalty["evidence"]
    assert any("«Место»" in q for q in penalty["evidence"])
    assert any("упорядочена по столбцу «Средний балл»" in q for q in penalty["evidence"])
    earned = sum(f["points"] for f in document["findings"])
    assert document["points"] == earned - 1


def test_concept_describes_methods_and_information_systems(rulebook: Any) -> None:
    document = _check(DATA / "concept_regulation.txt", rulebook)
    assert document["kind"] == "concept"
    assert _statuses(document) == {"collection_methods": "met", "processing_methods": "met",
                                   "information_systems": "met"}
    systems = _finding(document, "information_systems")
    assert any("ФИС ОКО" in q and "показателю 2.1" in q for q in systems["evidence"])
    assert document["measures"] == []  # numbered clauses of a regulation are not measures


def test_procedural_document_with_targeted_recommendations(rulebook: Any) -> None:
    document = _check(DATA / "recommendations_targeted.md", rulebook)
    assert document["kind"] == "procedural"
    recommendations = _finding(document, "targeted_recommendations")
    assert recommendations["status"] == "met" and recommendations["points"] == 2
    assert any(q.startswith("Руководителям МБОУ «СОШ № 4» и МКОУ «ООШ № 9» (кластер ШНОР)")
               for q in recommendations["evidence"])


def test_event_plan_by_stages_with_dates(built: dict[str, Path], rulebook: Any) -> None:
    document = _check(built["event_plan.docx"], rulebook)
    assert document["kind"] == "event_plan"
    assert set(_statuses(document).values()) == {"met"}
    stages = _finding(document, "event_stages")
    assert stages["evidence"][0] == "Подготовительный этап (с 01.02.2024 по 10.02.2024)"
    assert document["measures"][0]["section"] == stages["evidence"][0]


def test_effectiveness_conclusion_per_measure(rulebook: Any) -> None:
    document = _check(DATA / "effectiveness_conclusion.md", rulebook)
    assert document["kind"] == "effectiveness_conclusion"
    assert set(_statuses(document).values()) == {"met"}
    assert document["measures"][1]["conclusion"].startswith("20.02.2023 проведён семинар")


def test_unrecognised_document_gets_no_criteria(tmp_path: Path, rulebook: Any) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("Уважаемые коллеги!\nНапоминаем о сдаче отчётов.\n", encoding="utf-8")
    document = _check(path, rulebook)
    assert document["kind"] == "unknown"
    assert document["findings"] == [] and document["points"] == document["max_points"] == 0


@pytest.mark.parametrize(
    ("name", "kind"),
    [("serov_roadmap.txt", "roadmap"), ("order_with_decisions.txt", "order"),
     ("order_without_decisions.txt", "order"), ("report_levels_objective.md", "analytical_report"),
     ("concept_regulation.txt", "concept"), ("recommendations_targeted.md", "procedural"),
     ("effectiveness_conclusion.md", "effectiveness_conclusion"),
     ("roadmap_missing_deadlines.md", "roadmap")],
)
def test_kind_is_recognised_for_every_test_document(name: str, kind: str, rulebook: Any) -> None:
    assert _check(DATA / name, rulebook)["kind"] == kind


def test_every_criterion_of_the_edition_has_a_registered_check(rulebook: Any) -> None:
    import mskoko.documents.check  # noqa: F401  (registers the kinds)
    from mskoko.rulebook.registry import known_kinds

    used = {c.kind for c in rulebook.criteria} | {p.kind for p in rulebook.penalties}
    assert used <= known_kinds()


def test_unreadable_files_are_reported_together(tmp_path: Path, built: dict[str, Path],
                                                 rulebook: Any) -> None:
    from mskoko.errors import ProblemReport

    odd = tmp_path / "plan.xlsx"
    odd.write_bytes(b"PK")
    with pytest.raises(ProblemReport) as error:
        check_documents([built["scan.pdf"], odd, DATA / "concept_regulation.txt"], rulebook)
    messages = [p.message for p in error.value.problems]
    assert len(messages) == 2
    assert "скан без текстового слоя" in messages[0] and "plan.xlsx" in messages[1]


PROTOCOL = """ПРОТОКОЛ
совещания руководителей общеобразовательных организаций

от 10.10.2023 № 7

Присутствовали: 18 руководителей ОО, специалисты Управления образования.

СЛУШАЛИ: Петрову А.А., методиста МКУ «ЦРО», о результатах ВПР по математике.

ВЫСТУПИЛИ: Иванов И.И., директор МБОУ «СОШ № 4», о работе с обучающимися группы риска.
"""
DECISIONS = """
РЕШИЛИ:
1. Руководителям ОО провести анализ результатов ВПР на методических объединениях в срок до 01.11.2023.
2. МКУ «ЦРО» (Петрова А.А.) организовать консультации для учителей математики МБОУ «СОШ № 4» в ноябре 2023 года.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [(PROTOCOL, {"deadlines": "not_met", "decisions": "not_met", "responsible": "not_met"}),
     (PROTOCOL + DECISIONS, {"deadlines": "met", "decisions": "met", "responsible": "met"})],
)
def test_protocol_is_judged_by_its_decisions(
    tmp_path: Path, rulebook: Any, text: str, expected: dict[str, str]
) -> None:
    path = tmp_path / "protocol.txt"
    path.write_text(text, encoding="utf-8")
    document = _check(path, rulebook)
    assert document["kind"] == "order"
    assert _statuses(document) == expected
