"""The Django CycleRepository: round trip, replacement in one transaction, the audit log."""

from __future__ import annotations

import pytest

from mskoko.cycle import CycleRepository, Deadline
from mskoko.cycle.demo import build_demo_cycle

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def repository():
    from mskoko.web.core.models import Municipality
    from mskoko.web.cycle.repository import DjangoCycleRepository

    Municipality.objects.create(id="kop", name="Копейский городской округ")
    return DjangoCycleRepository()


def test_it_satisfies_the_core_protocol(repository) -> None:
    assert isinstance(repository, CycleRepository)
    assert repository.load("kop") is None
    assert repository.list_municipalities() == []


def test_save_then_load_gives_the_same_cycle(repository, rulebook) -> None:
    cycle = build_demo_cycle("kop", "Копейский городской округ", rulebook)
    cycle.tracks[0].measures[0].deadline = Deadline.parse("1 раз в 3 года")
    repository.save(cycle)
    assert repository.load("kop") == cycle
    assert repository.list_municipalities() == [("kop", "Копейский городской округ")]


def test_save_replaces_the_previous_cycle_and_writes_the_audit_log(repository, rulebook) -> None:
    from mskoko.web.core.models import AuditEntry
    from mskoko.web.cycle import models as m

    repository.save(build_demo_cycle("kop", "Копейский городской округ", rulebook))
    weak = build_demo_cycle("kop", "Копейский городской округ", rulebook, completeness="weak")
    repository.save(weak)
    assert repository.load("kop") == weak
    assert m.Cycle.objects.count() == 1
    assert m.Measure.objects.count() == sum(len(t.measures) for t in weak.tracks)
    assert m.Decision.objects.count() == 0  # the weak package records no decisions
    entry = AuditEntry.objects.filter(action="cycle_changed").first()
    assert entry.municipality_id == "kop" and entry.object_type == "cycle"
    assert entry.details["measures"] == m.Measure.objects.count()
    assert AuditEntry.objects.filter(action="cycle_changed").count() == 2


def test_a_measure_row_edited_in_place_is_loaded_back(repository, rulebook) -> None:
    from mskoko.web.cycle import models as m

    repository.save(build_demo_cycle("kop", "Копейский городской округ", rulebook))
    row = m.Measure.objects.get(track__track_id="1.1.1", number="1.1")
    row.deadline = "в сентябре 2025 г."
    row.responsible = ["МКУ «ЦРО»"]
    row.save()
    cycle = repository.load("kop")
    _, measure = cycle.find_measure("1.1.1:1.1")
    assert measure.deadline == Deadline.parse("сентябрь 2025")
    assert measure.responsible == ["МКУ «ЦРО»"]


def test_decisions_and_conclusions_are_rows_of_their_own(repository, rulebook) -> None:
    from mskoko.web.cycle import models as m

    cycle = build_demo_cycle("kop", "Копейский городской округ", rulebook)
    repository.save(cycle)
    track = cycle.track("1.1.1")
    rows = list(m.Decision.objects.filter(track__track_id="1.1.1").order_by("position"))
    assert [(r.kind, r.number, r.date, r.title) for r in rows] == [
        (d.kind, d.number, d.date, d.title) for d in track.decisions]
    conclusion = m.EffectivenessConclusion.objects.filter(track__track_id="1.1.1").get(
        measure_number=track.effectiveness[0].measure_number)
    conclusion.effective = "no"
    conclusion.conclusion = "Показатели не изменились"
    conclusion.save()
    first = repository.load("kop").track("1.1.1").effectiveness[0]
    assert (first.effective, first.conclusion) == ("no", "Показатели не изменились")
    assert first.dates == track.effectiveness[0].dates


def test_saving_creates_an_unknown_municipality(repository, rulebook) -> None:
    repository.save(build_demo_cycle("new", "Уйский муниципальный район", rulebook,
                                     completeness="weak"))
    assert ("new", "Уйский муниципальный район") in repository.list_municipalities()


def test_a_failed_save_keeps_the_previous_cycle(repository, rulebook, monkeypatch) -> None:
    from mskoko.web.cycle import repository as module

    first = build_demo_cycle("kop", "Копейский городской округ", rulebook, completeness="weak")
    repository.save(first)

    def broken(*args, **kwargs):
        raise RuntimeError("диск заполнен")

    monkeypatch.setattr(module.audit, "record", broken)
    with pytest.raises(RuntimeError):
        repository.save(build_demo_cycle("kop", "Копейский городской округ", rulebook))
    assert repository.load("kop") == first
