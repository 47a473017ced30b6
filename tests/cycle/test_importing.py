"""Import of an existing roadmap (a text extract of seed 003) into a cycle."""

from __future__ import annotations

from pathlib import Path

import pytest

from mskoko.cycle import Deadline
from mskoko.cycle.importing import import_roadmap, merge_cycles, resolve_track
from mskoko.errors import MskokoError

DATA = Path(__file__).parent.parent / "data" / "cycle"


def test_a_plain_text_roadmap_becomes_measures_of_one_track(rulebook) -> None:
    cycle = import_roadmap(DATA / "roadmap_serov.txt", "serov", "Серовский городской округ",
                           rulebook, track_id="1.1.1", year=2020)
    [track] = cycle.tracks
    assert track.track_id == "1.1.1"
    assert [m.number for m in track.measures] == ["1", "2", "3", "4"]
    first, second, third, fourth = track.measures
    assert first.deadline == Deadline.every("yearly")
    assert first.responsible == ["МОУО", "ОО"]
    assert second.responsible == ["МОУО", "МКУ «Центр развития муниципальных образовательных "
                                  "учреждений»"]
    assert third.deadline == Deadline.parse("2020–2023")
    assert fourth.deadline == Deadline.parse("сентябрь 2020")


def test_the_track_comes_from_a_system_heading_when_not_given(rulebook) -> None:
    assert resolve_track("1. Система оценки качества подготовки обучающихся", rulebook) == "1.1.1"
    assert resolve_track("Трек 1.2.2. Организация работы со школами", rulebook) == "1.2.2"
    assert resolve_track("Трек. Адресная поддержка школ с низкими образовательными результатами",
                         rulebook) == "1.2.1"
    assert resolve_track("Раздел о питании", rulebook) is None


def test_an_unknown_track_option_is_refused(rulebook) -> None:
    with pytest.raises(MskokoError, match=r"9\.9\.9"):
        import_roadmap(DATA / "roadmap_serov.txt", "serov", "С", rulebook, track_id="9.9.9")


def test_merge_replaces_measures_of_imported_tracks_only(rulebook) -> None:
    from mskoko.cycle.demo import build_demo_cycle

    base = build_demo_cycle("serov", "С", rulebook)
    incoming = import_roadmap(DATA / "roadmap_serov.txt", "serov", "С", rulebook,
                              track_id="1.1.1", year=2025)
    merged = merge_cycles(base, incoming)
    assert len(merged.track("1.1.1").measures) == 4
    assert merged.track("1.1.1").decisions == base.track("1.1.1").decisions
    assert merged.track("1.2.1").measures == base.track("1.2.1").measures
