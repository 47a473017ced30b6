"""Completeness of the cycle per track, validation messages, the YAML round trip, the demo."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from mskoko.cycle import (
    Deadline,
    Decision,
    EffectivenessConclusion,
    Measure,
    MemoryCycleRepository,
    MunicipalCycle,
    TrackCycle,
    cycle_completeness,
    validate_cycle,
)
from mskoko.cycle.demo import build_demo_cycle
from mskoko.cycle.serialize import dump_yaml, from_dict, load_yaml, to_dict
from mskoko.errors import MskokoError


def _measures_only_track() -> TrackCycle:
    return TrackCycle(
        track_id="1.1.1",
        measures=[Measure("1.1", "Семинары с педагогами", deadline=Deadline.parse("март 2025"),
                          responsible="МКУ «ЦРО», руководители ОО", result="Проведено 2 семинара",
                          regional_document_id="order-01-1836",
                          regional_measure_id="1.1.1-05")],
        decisions=[Decision("order", "О семинарах", "12-о", dt.date(2025, 2, 1))],
        effectiveness=[EffectivenessConclusion("1.1", Deadline.parse("март 2025"), "проведено",
                                               "результаты улучшились", "yes")],
    )


def test_a_track_with_only_measures_decisions_effectiveness_is_incomplete(rulebook) -> None:
    cycle = MunicipalCycle("m1", "Город", 2025, [_measures_only_track()])
    [entry] = cycle_completeness(cycle, rulebook)
    assert entry.present == ["measures", "decisions", "effectiveness"]
    assert entry.missing == ["goals", "indicators", "collection_methods", "monitoring",
                             "analysis", "recommendations"]
    assert not entry.full
    assert entry.label == "неполный цикл"
    # 1.1.1 is a regional_cycle track: the rulebook requires goals and indicators of it
    assert entry.missing_required == ["goals", "indicators"]


def test_the_full_demo_has_full_cycles_on_every_scored_track(rulebook) -> None:
    cycle = build_demo_cycle("m1", "Копейский городской округ", rulebook)
    entries = cycle_completeness(cycle, rulebook, all_tracks=True)
    scored = [t.id for s, t in rulebook.tracks() if s.scored]
    assert [e.track_id for e in entries] == scored
    assert all(e.full and e.label == "полный цикл" for e in entries)


def test_all_tracks_lists_tracks_without_data_as_missing(rulebook) -> None:
    cycle = MunicipalCycle("m1", "Город", 2025, [_measures_only_track()])
    entries = {e.track_id: e for e in cycle_completeness(cycle, rulebook, all_tracks=True)}
    assert entries["2.4.1"].present == []
    assert len(entries["2.4.1"].missing) == 9


def test_validation_names_every_problem_in_russian(rulebook) -> None:
    track = TrackCycle(track_id="1.1.1", goal="Цель", measures=[
        Measure("1", "Семинары", responsible=[], regional_document_id="order-nope",
                regional_measure_id="1.2.1-01"),
        Measure("1", "Наблюдение", deadline=Deadline.parse("ежегодно"), responsible="УО",
                result="100 % ОО", regional_document_id="order-01-1836"),
    ], effectiveness=[EffectivenessConclusion("9")])
    cycle = MunicipalCycle("m1", "Город", 2025, [track, TrackCycle(track_id="9.9.9", goal="x")])
    problems = validate_cycle(cycle, rulebook)
    codes = [p.code for p in problems]
    assert codes.count("measure_without_deadline") == 1
    assert "measure_without_responsible" in codes
    assert "unknown_regional_document" in codes
    assert "regional_measure_other_track" in codes
    assert "duplicate_measure_number" in codes
    assert "unknown_track" in codes
    assert "conclusion_for_unknown_measure" in codes
    messages = " ".join(p.format_ru() for p in problems)
    assert "трек 1.1.1, мера № 1: не указан срок" in messages
    assert "не указан ответственный исполнитель" in messages
    assert "трек 9.9.9 не найден в правилах base-2023" in messages


def test_the_full_demo_is_valid(rulebook) -> None:
    cycle = build_demo_cycle("m1", "Копейский городской округ", rulebook)
    assert validate_cycle(cycle, rulebook) == []


def test_partial_and_weak_demos_are_deficient_in_different_ways(rulebook) -> None:
    full = build_demo_cycle("m1", "А", rulebook)
    partial = build_demo_cycle("m2", "Б", rulebook, completeness="partial")
    weak = build_demo_cycle("m3", "В", rulebook, completeness="weak")
    assert len(full.tracks) > len(partial.tracks) > len(weak.tracks)
    partial_codes = {p.code for p in validate_cycle(partial, rulebook)}
    assert {"measure_without_deadline", "measure_without_responsible",
            "measure_without_regional_reference"} <= partial_codes
    assert not any(t.decisions for t in weak.tracks)
    assert not any(t.effectiveness for t in weak.tracks)
    assert not any(m.regional_document_id for _, m in weak.measures())
    assert all(not e.full for e in cycle_completeness(weak, rulebook))


def test_the_demo_names_flagged_schools_in_measures_and_recommendations(rulebook) -> None:
    flags = pd.DataFrame([
        {"org_id": "s1", "year": 2024, "flag": "objectivity_risk", "severity": 0.9, "evidence": ""},
        {"org_id": "s2", "year": 2024, "flag": "low_results", "severity": 0.7, "evidence": ""},
    ])
    names = {"s1": "МБОУ СОШ № 14", "s2": "МКОУ Ивановская ООШ"}
    cycle = build_demo_cycle("m1", "Копейский городской округ", rulebook, flags=flags,
                             org_names=names)
    objectivity = cycle.track("1.1.1")
    assert any("МБОУ СОШ № 14" in m.text and m.regional_measure_id == "1.1.1-03"
               for m in objectivity.measures)
    assert any(r.addressee == "МБОУ СОШ № 14" for r in objectivity.recommendations)
    assert any("МКОУ Ивановская ООШ" in m.text for m in cycle.track("1.2.1").measures)
    assert "МБОУ СОШ № 14" in cycle.specifics


def test_the_demo_is_reproducible_and_varies_by_seed(rulebook) -> None:
    first = build_demo_cycle("m1", "А", rulebook, seed=1)
    assert to_dict(first) == to_dict(build_demo_cycle("m1", "А", rulebook, seed=1))
    assert to_dict(first) != to_dict(build_demo_cycle("m1", "А", rulebook, seed=2))


def test_yaml_round_trip_keeps_everything(rulebook, tmp_path) -> None:
    cycle = build_demo_cycle("m1", "Копейский городской округ", rulebook)
    cycle.tracks[0].measures[0].deadline = Deadline.parse("1 раз в 3 года")
    path = tmp_path / "cycle.yaml"
    dump_yaml(cycle, path)
    assert "schema: mskoko.cycle" in path.read_text(encoding="utf-8")
    assert load_yaml(path) == cycle
    assert from_dict(to_dict(cycle)) == cycle


def test_a_file_of_another_schema_is_refused() -> None:
    with pytest.raises(MskokoError, match=r"ожидается «mskoko\.cycle»"):
        from_dict({"schema": "mskoko.rulebook", "schema_version": 1})
    with pytest.raises(MskokoError, match="версия схемы 7"):
        from_dict({"schema": "mskoko.cycle", "schema_version": 7})


def test_memory_repository_stores_copies(rulebook) -> None:
    repository = MemoryCycleRepository()
    cycle = build_demo_cycle("m1", "А", rulebook, completeness="weak")
    repository.save(cycle)
    cycle.tracks.clear()
    loaded = repository.load("m1")
    assert loaded is not None and loaded.tracks
    assert repository.list_municipalities() == [("m1", "А")]
    assert repository.load("m2") is None


def test_find_measure_by_number_and_by_track(rulebook) -> None:
    cycle = build_demo_cycle("m1", "А", rulebook)
    track, measure = cycle.find_measure("1.1.1:1.2")
    assert (track.track_id, measure.number) == ("1.1.1", "1.2")
    with pytest.raises(MskokoError, match="нет меры № 99"):
        cycle.find_measure("99")


def test_demo_conclusions_speak_in_indicators_and_concrete_dates(rulebook) -> None:
    cycle = build_demo_cycle("m1", "Копейский городской округ", rulebook)
    track = cycle.track("1.1.1")
    names = [i.name for i in track.indicators]
    for conclusion in track.effectiveness:
        assert any(f"Показатель «{name}»" in conclusion.conclusion for name in names)
        assert "средн" not in conclusion.conclusion  # never average scores
        assert conclusion.dates is not None and conclusion.dates.is_dated
        measure = next(m for m in track.measures if m.number == conclusion.measure_number)
        assert f"«{measure.text}» проведено" in conclusion.done
    failed = [c for c in track.effectiveness if c.effective == "no"]
    assert all("скорректирована" in c.conclusion for c in failed)


def test_demo_results_follow_what_the_measure_does(rulebook) -> None:
    cycle = build_demo_cycle("m1", "Копейский городской округ", rulebook)
    by_text = {m.text: m.result for _, m in cycle.measures()}
    video = next(r for t, r in by_text.items() if "видеонаблюден" in t.lower())
    assert video.startswith("Видеонаблюдение в 100")
    assert all(result for result in by_text.values())
