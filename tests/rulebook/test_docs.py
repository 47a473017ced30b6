"""docs/methodology.md documents every field of the rulebook file and every shipped setting."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from mskoko.rulebook import Rulebook, schema

DOC = Path(__file__).resolve().parents[2] / "docs" / "methodology.md"

MODELS = [schema.Rulebook, schema.CycleComponent, schema.Function, schema.Mechanism, schema.System,
          schema.Track, schema.EvaluationParameter, schema.DocumentKind, schema.Element,
          schema.Criterion, schema.Penalty, schema.Catalogue, schema.RegionalDocument,
          schema.ExampleMeasure, schema.AnalyticsSetting, schema.Scoring, schema.ScoringRule,
          schema.TrackAdjustment]


def _field_names(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


@pytest.mark.parametrize("model", MODELS, ids=[m.__name__ for m in MODELS])
def test_every_field_is_documented(model: type[BaseModel]) -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [f for f in _field_names(model) if f"`{f}`" not in text]
    assert not missing, f"опишите поля {missing} ({model.__name__}) в docs/methodology.md"


def test_every_analytics_setting_of_the_shipped_edition_is_documented(base: Rulebook) -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [name for name in base.analytics if f"| `{name}` |" not in text]
    assert not missing, (
        f"настройки {missing} не описаны: добавьте строку в таблицу раздела «analytics» "
        "docs/methodology.md")


def test_every_shipped_criterion_and_penalty_is_documented(base: Rulebook) -> None:
    text = DOC.read_text(encoding="utf-8")
    for criterion in base.criteria:
        assert f"| `{criterion.id}` | `{criterion.kind}` | {criterion.max_points:g} |" in text, criterion.id
    for penalty in base.penalties:
        assert f"`{penalty.id}`" in text and f"`{penalty.kind}`" in text
