"""The content of the shipped base edition: what the seeds and the contract fix."""

from __future__ import annotations

import pytest

from mskoko.errors import MskokoError
from mskoko.rulebook import Rulebook

CONTRACT_KINDS = {"roadmap", "analytical_report", "event_plan", "effectiveness_conclusion",
                  "order", "concept", "procedural"}
CRITERION_KINDS = {
    "deadlines": "has_deadlines",
    "responsible": "has_responsible",
    "decisions": "has_decisions",
    "results": "has_results",
    "regional_alignment": "cites_regional_measure",
    "municipal_specifics": "accounts_municipal_specifics",
    "collection_methods": "describes_collection_methods",
    "processing_methods": "describes_processing_methods",
    "information_systems": "names_information_systems",
    "targeted_recommendations": "has_targeted_recommendations",
    "measures": "has_measures",
    "goals_indicators": "has_goals_and_indicators",
    "event_stages": "has_event_stages",
    "effectiveness": "has_effectiveness_conclusions",
    "analysis_of_results": "has_results_analysis",
    "justification_of_measures": "justifies_measures",
}


def test_document_kinds_are_the_contract_ones(base: Rulebook) -> None:
    assert {k.id for k in base.document_kinds} == CONTRACT_KINDS
    groups = {k.id: k.group for k in base.document_kinds}
    assert groups["order"] == "administrative"
    assert groups["concept"] == "conceptual"
    assert groups["procedural"] == "procedural"
    assert groups["analytical_report"] == "analytical"


def test_criteria_ids_and_check_kinds_are_the_agreed_ones(base: Rulebook) -> None:
    assert {c.id: c.kind for c in base.criteria} == CRITERION_KINDS
    assert all(c.advice and c.max_points > 0 for c in base.criteria)


def test_administrative_and_conceptual_documents_have_maximum_three(base: Rulebook) -> None:
    order = base.criteria_for_kind("order")
    assert sorted(c.id for c in order) == ["deadlines", "decisions", "responsible"]
    assert sum(c.max_points for c in order) == 3
    concept = base.criteria_for_kind("concept")
    assert [c.id for c in concept] == ["collection_methods", "processing_methods", "information_systems"]
    assert sum(c.max_points for c in concept) == 3


def test_average_ranking_penalty_is_negative_and_on_the_analytical_report(base: Rulebook) -> None:
    penalty = base.penalty("average_score_ranking")
    assert penalty.kind == "penalty_average_ranking"
    assert penalty.points < 0
    assert base.penalties_for_kind("analytical_report") == [penalty]


def test_required_elements_follow_seeds_000_and_002(base: Rulebook) -> None:
    def titles(kind: str) -> list[str]:
        return [e.title for e in base.document_kind(kind).required_elements]

    assert titles("analytical_report") == [
        "Описание специфики муниципалитета",
        "Анализ результатов муниципального уровня",
        "Обоснование принимаемых на муниципальном уровне мер, содействующих решению выявленных проблем",
    ]
    assert titles("roadmap") == ["Цели и показатели эффективности целей", "Задача/действие",
                                 "Мера/мероприятие", "Сроки", "Ответственные исполнители",
                                 "Результаты/показатели"]
    assert [e.id for e in base.document_kind("event_plan").required_elements][:3] == [
        "preparatory_stage", "activity_stage", "analytical_stage"]
    assert [e.id for e in base.document_kind("effectiveness_conclusion").required_elements] == [
        "measure", "dates", "conclusion"]
    assert base.criterion("event_stages").params["stages"] == [
        "подготовительный", "деятельностный", "аналитический"]


def test_cycle_has_the_nine_components_in_order(base: Rulebook) -> None:
    assert [c.id for c in base.cycle_components] == [
        "goals", "indicators", "collection_methods", "monitoring", "analysis",
        "recommendations", "measures", "decisions", "effectiveness"]
    assert [c.number for c in base.cycle_components] == list(range(1, 10))


def test_functions_cover_the_tracks_seed_000_lists(base: Rulebook) -> None:
    regional = base.function("regional_cycle")
    monitoring = base.function("monitoring_analysis")
    assert regional.title == ("Принятие муниципальных мер в рамках реализации регионального "
                              "управленческого цикла")
    assert monitoring.title == ("Принятие мер на основе анализа результатов муниципального уровня "
                                "регионального (федерального) мониторинга")
    assert [t.id for t in base.tracks_of_function("regional_cycle")] == [
        "1.1.1", "1.1.2", "1.3.2", "2.2.1", "2.2.2", "2.4.1"]
    assert [t.id for t in base.tracks_of_function("monitoring_analysis")] == [
        "1.1.3", "1.2.1", "1.2.2", "1.2.3", "2.1.1", "2.1.2"]
    # «Перечень возможных документов» of seed 000 is part of each function's evidence.
    assert {"roadmap", "order", "effectiveness_conclusion"} <= set(regional.evidence_kinds)
    assert {"analytical_report", "roadmap", "order"} <= set(monitoring.evidence_kinds)


def test_seed_goals_are_quoted_and_the_others_marked_as_settings(base: Rulebook) -> None:
    assert base.track("1.2.1").goal == ("Внедрение в систему управления школ с низкими результатами "
                                        "обучения антикризисной управленческой модели")
    assert base.track("1.1.2").goal == "Формирование объективной ВСОКО в каждой ОО муниципалитета"
    assert base.track("1.1.1").goal_source == "seed"
    assert base.track("2.4.1").goal_source == "setting"


def test_systems_without_tracks_in_the_seeds_are_not_scored(base: Rulebook) -> None:
    assert [s.id for s in base.systems()] == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4"]
    assert not base.system("1.4").scored and not base.system("2.3").scored
    assert base.system_of_track("1.2.3").id == "1.2"


def test_five_parameters_and_the_sign_of_the_fifth_is_a_setting(base: Rulebook) -> None:
    assert [p.number for p in base.evaluation_parameters] == [1, 2, 3, 4, 5]
    fifth = base.parameter("p5_beyond_cycle")
    assert fifth.title == "Деятельность вне решения задач конкретного управленческого цикла"
    assert fifth.sign_source == "setting"
    assert all(p.sign_source == "seed" for p in base.evaluation_parameters if p.number < 5)
    assert base.criterion("regional_alignment").parameter == "p4_regional_complex"
    assert base.criterion("municipal_specifics").parameter == "p2_specifics"


def test_analytics_settings_have_the_agreed_values(base: Rulebook) -> None:
    assert base.setting("min_participants_judgement") == 20
    assert base.setting("min_participants_informative") == 50
    assert base.setting("below_basic_mark") == 2
    assert base.setting("high_level_min_mark") == 5
    assert base.setting("ege_high_test_score") == 81
    assert base.setting("ege_minimum_scores") == {
        "russian": 24, "math": 27, "physics": 36, "chemistry": 36, "biology": 36,
        "informatics": 40, "history": 32, "social": 42, "literature": 32, "geography": 37,
        "english": 22, "german": 22, "french": 22}
    assert base.setting("federal_risk_below_min_share") == 0.30
    assert base.setting("federal_risk_min_procedures_per_year") == 2
    assert base.setting("federal_risk_consecutive_years") == 2
    assert base.setting("low_results_share_threshold") == 0.25
    assert base.analytics["low_results_share_threshold"].source == "setting"
    assert base.setting("years_of_dynamics") == 3


def test_unknown_setting_is_a_russian_error_listing_the_known_ones(base: Rulebook) -> None:
    with pytest.raises(MskokoError, match=r"разделе analytics нет элемента «min_sample».*years_of_dynamics"):
        base.setting("min_sample")


def test_unknown_lookups_name_what_was_asked_for(base: Rulebook) -> None:
    with pytest.raises(MskokoError, match=r"нет элемента «9\.9\.9» \(трек\)"):
        base.track("9.9.9")
    with pytest.raises(MskokoError, match=r"нет элемента «budget» \(критерий\)"):
        base.criterion("budget")
    with pytest.raises(MskokoError, match="вид документа"):
        base.document_kind("letter")
