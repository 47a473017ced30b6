"""The check-kind registry: kinds named in YAML map to implementations registered elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mskoko.errors import MskokoError
from mskoko.rulebook import registry

MINIMAL = Path(__file__).resolve().parents[1] / "data" / "rulebook" / "valid" / "minimal-902.yaml"


@pytest.fixture(autouse=True)
def empty_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_CHECKS", {})


def test_registered_check_is_returned_unchanged_and_known() -> None:
    @registry.register_check("has_deadlines")
    def has_deadlines(text: str) -> bool:
        return "срок" in text

    assert registry.get_check("has_deadlines") is has_deadlines
    assert has_deadlines("сроки: март") is True
    assert registry.known_kinds() == {"has_deadlines"}


def test_unknown_kind_is_a_russian_error_naming_the_registered_ones() -> None:
    registry.register_check("has_responsible")(lambda doc: True)
    with pytest.raises(MskokoError, match=re.escape(
            "Вид проверки «has_budget» не зарегистрирован. Зарегистрированы: has_responsible.")):
        registry.get_check("has_budget")


def test_a_different_function_under_a_taken_kind_is_refused() -> None:
    registry.register_check("has_results")(len)
    with pytest.raises(MskokoError, match="«has_results» уже зарегистрирован"):
        registry.register_check("has_results")(sorted)


def test_re_registering_the_same_definition_is_allowed() -> None:
    def first(doc: str) -> int:
        return 1

    def make() -> object:
        def first(doc: str) -> int:  # same module and qualified name as a reloaded module gives
            return 2
        first.__qualname__ = "test_re_registering_the_same_definition_is_allowed.<locals>.first"
        return first

    registry.register_check("has_measures")(first)
    again = make()
    registry.register_check("has_measures")(again)  # type: ignore[arg-type]
    assert registry.get_check("has_measures") is again


def test_validate_file_against_registered_kinds() -> None:
    for kind in ("has_deadlines", "has_responsible", "has_decisions", "has_measures"):
        registry.register_check(kind)(lambda doc: True)
    problems = registry.validate_file(MINIMAL, registry.known_kinds())
    assert [p.message for p in problems] == [
        "поле penalties[0].kind: вид проверки «penalty_average_ranking» не зарегистрирован; "
        "известные: has_deadlines, has_decisions, has_measures, has_responsible"
    ]
    registry.register_check("penalty_average_ranking")(lambda doc: [])
    assert registry.validate_file(MINIMAL, registry.known_kinds()) == []
