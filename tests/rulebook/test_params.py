"""Check kinds declare their params at registration; validation refuses unknown and mistyped ones."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Annotated

import pytest
from pydantic import BaseModel, ConfigDict, Field, Strict

from mskoko.errors import MskokoError
from mskoko.rulebook import registry, validate_file

DATA = Path(__file__).resolve().parents[1] / "data" / "rulebook"
MINIMAL = DATA / "valid" / "minimal-902.yaml"
KINDS = ("has_deadlines", "has_responsible", "has_decisions", "has_measures", "penalty_average_ranking")


class ShareParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    met_share: Annotated[float, Strict(), Field(ge=0, le=1)] = 0.9


class CountParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_measures: Annotated[int, Strict(), Field(ge=1)] = 3


@pytest.fixture(autouse=True)
def isolated_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Kinds of the minimal edition, two of them with params models, in an isolated registry."""
    monkeypatch.setattr(registry, "_CHECKS", {})
    monkeypatch.setattr(registry, "_PARAMS", {})
    models = {"has_deadlines": ShareParams, "has_measures": CountParams}
    for kind in KINDS:
        registry.register_check(kind, params=models.get(kind))(lambda *args: None)


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "edited.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_unknown_param_is_refused_naming_the_criterion_and_the_param(tmp_path: Path) -> None:
    path = _edited(tmp_path, "    kind: has_deadlines\n",
                   "    kind: has_deadlines\n    params:\n      met_shar: 0.8\n")
    (problem,) = validate_file(path, registry.known_kinds())
    assert problem.code == "unknown_param"
    assert problem.message == (
        "поле criteria[0].params.met_shar: критерий «deadlines»: неизвестный параметр «met_shar» "
        "вида проверки «has_deadlines»; допустимые параметры: met_share")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].strip() == "met_shar: 0.8"


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ("min_measures: много", "параметр «min_measures» вида проверки «has_measures» — "
                                "ожидается целое число (значение «много»)"),
        ("min_measures: 2.5", "ожидается целое число (значение «2.5»)"),
        ("min_measures: 0", "значение должно быть не меньше 1 (значение «0»)"),
        ("min_measures: true", "ожидается целое число (значение «True»)"),
    ],
)
def test_wrong_param_type_is_refused_in_russian(tmp_path: Path, params: str, fragment: str) -> None:
    path = _edited(tmp_path, "    kind: has_measures\n", f"    kind: has_measures\n    params:\n      {params}\n")
    (problem,) = validate_file(path, registry.known_kinds())
    assert problem.code == "invalid_param"
    assert problem.message.startswith("поле criteria[3].params.min_measures: критерий «beyond»: ")
    assert fragment in problem.message


def test_params_of_a_kind_without_a_model_are_not_judged(tmp_path: Path) -> None:
    path = _edited(tmp_path, "    kind: has_decisions\n",
                   "    kind: has_decisions\n    params:\n      anything: [1, 2]\n")
    assert validate_file(path, registry.known_kinds()) == []


def test_params_are_checked_only_when_known_kinds_are_supplied(tmp_path: Path) -> None:
    path = _edited(tmp_path, "    kind: has_deadlines\n",
                   "    kind: has_deadlines\n    params:\n      met_share: высокая\n")
    assert validate_file(path) == []
    assert [p.code for p in validate_file(path, registry.known_kinds())] == ["invalid_param"]


def test_a_mapping_of_kinds_to_models_is_accepted_as_known_kinds(tmp_path: Path) -> None:
    path = _edited(tmp_path, "    kind: penalty_average_ranking\n",
                   "    kind: penalty_average_ranking\n    params:\n      markers: 7\n")
    class Markers(BaseModel):
        model_config = ConfigDict(extra="forbid")
        markers: list[str] = []

    kinds: dict[str, type[BaseModel] | None] = {k: None for k in KINDS}
    kinds["penalty_average_ranking"] = Markers
    (problem,) = validate_file(path, kinds)
    assert "штраф «average_score_ranking»: параметр «markers» вида проверки " \
           "«penalty_average_ranking» — ожидается список" in problem.message


def test_registration_keeps_the_model_with_its_implementation() -> None:
    assert registry.params_schema("has_deadlines") is ShareParams
    assert registry.params_schema("has_decisions") is None
    assert registry.params_schema("has_budget") is None
    assert registry.kind_schemas()["has_measures"] is CountParams
    # another implementation put in place (as a test double does) does not inherit the model
    original = registry.get_check("has_deadlines")
    registry._CHECKS["has_deadlines"] = lambda *args: None
    assert registry.params_schema("has_deadlines") is None
    registry._CHECKS["has_deadlines"] = original
    assert registry.params_schema("has_deadlines") is ShareParams


def test_params_that_are_not_a_pydantic_model_are_refused() -> None:
    with pytest.raises(MskokoError, match="Параметры вида проверки «has_budget» должны быть описаны моделью"):
        registry.register_check("has_budget", params=dict)  # type: ignore[arg-type]


def test_rulebook_package_does_not_import_the_document_checker() -> None:
    code = (
        "import sys, mskoko.rulebook, mskoko.rulebook.registry, mskoko.rulebook.references\n"
        "from mskoko.rulebook import validate_file\n"
        f"validate_file({str(MINIMAL)!r}, {{'has_deadlines'}})\n"
        "print(any(m.startswith('mskoko.documents') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
