"""Migration 0002 moves decisions and conclusions from JSON lists into rows, and back."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

BEFORE = [("cycle", "0001_initial")]
AFTER = [("cycle", "0002_decision_effectivenessconclusion_rows")]


def _migrate(targets: list[tuple[str, str]]):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    apps = _migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    _migrate(executor.loader.graph.leaf_nodes())  # leave the database as the other tests expect


def test_stored_lists_become_rows_and_come_back(old_apps) -> None:
    municipality = old_apps.get_model("core", "Municipality").objects.create(id="m", name="Город")
    cycle = old_apps.get_model("cycle", "Cycle").objects.create(municipality=municipality,
                                                                year=2025)
    old_apps.get_model("cycle", "TrackCycle").objects.create(
        cycle=cycle, track_id="1.1.1", goal="Цель",
        decisions=[{"kind": "order", "number": "12-о", "date": "2025-02-01", "title": "О мерах"},
                   {"kind": "protocol", "number": "", "date": None, "title": "Совещание"}],
        effectiveness=[{"measure_number": "1.1", "dates": "март 2025\u00a0г.",
                        "done": "проведено", "conclusion": "улучшилось", "effective": "yes"}],
    )

    new_apps = _migrate(AFTER)
    decisions = new_apps.get_model("cycle", "Decision").objects.order_by("position")
    assert [(d.kind, d.number, d.date, d.title) for d in decisions] == [
        ("order", "12-о", dt.date(2025, 2, 1), "О мерах"), ("protocol", "", None, "Совещание")]
    [conclusion] = new_apps.get_model("cycle", "EffectivenessConclusion").objects.all()
    assert (conclusion.measure_number, conclusion.dates, conclusion.effective) == (
        "1.1", "март 2025\u00a0г.", "yes")

    back = _migrate(BEFORE).get_model("cycle", "TrackCycle").objects.get()
    assert back.decisions[0] == {"kind": "order", "number": "12-о", "title": "О мерах",
                                 "date": "2025-02-01"}
    assert back.effectiveness[0]["conclusion"] == "улучшилось"
