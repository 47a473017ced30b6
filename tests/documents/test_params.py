"""The checker's thresholds are data: base-2023 states them all, a copied edition changes verdicts,
and an edition with an unknown or mistyped param is refused in Russian."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import mskoko.documents.check  # noqa: F401  (registers the built-in kinds)
from mskoko.documents.check import check_documents
from mskoko.documents.checks.params import DEFAULTS
from mskoko.errors import MskokoError
from mskoko.rulebook import edition_paths, load_rulebook, validate_file
from mskoko.rulebook.registry import kind_schemas, known_kinds, params_schema

BASE = edition_paths()["base-2023"]
BROKEN = Path(__file__).resolve().parents[1] / "data" / "rulebook" / "invalid" / "params"
ROADMAP = """# План мероприятий по адресной поддержке школ с низкими образовательными результатами

| № п/п | Мероприятие | Сроки | Ответственные | Результаты/показатели |
| --- | --- | --- | --- | --- |
| 1 | Разработка муниципального плана-графика поддержки ШНОР | сентябрь 2023 | Управление образования | План-график утверждён приказом |
| 2 | Методические консультации для учителей математики ШНОР | | ГМО учителей математики | 20 консультаций |
| 3 | Анализ результатов ВПР в ШНОР и корректировка программ развития | август 2024 | МКУ «ЦРО» | Скорректированные программы развития |
"""


def _edition(tmp_path: Path, name: str, edit: Any) -> Path:
    """A copy of base-2023 under another id, with ``edit`` applied to its text."""
    text = BASE.read_text(encoding="utf-8").replace("\nid: base-2023\n", f"\nid: {name}\n")
    path = tmp_path / f"{name}.yaml"
    path.write_text(edit(text), encoding="utf-8")
    return path


def _in_criterion(criterion: str, old: str, new: str) -> Any:
    """An edit of the first ``old`` inside the block of one criterion."""
    def edit(text: str) -> str:
        start = text.index(f"\n  - id: {criterion}\n")
        end = text.index("\n  - id: ", start + 1)
        block = text[start:end]
        assert old in block, f"{old!r} not in {criterion}"
        return text[:start] + block.replace(old, new, 1) + text[end:]
    return edit


def _deadlines(path: Path, edition: Path | str) -> dict[str, Any]:
    document = check_documents([path], load_rulebook(edition))["documents"][0]
    return next(f for f in document["findings"] if f["criterion"] == "deadlines")


@pytest.fixture
def roadmap(tmp_path: Path) -> Path:
    path = tmp_path / "roadmap.md"
    path.write_text(ROADMAP, encoding="utf-8")
    return path


def test_base_edition_states_every_param_of_every_criterion_and_penalty() -> None:
    base = load_rulebook("base-2023")
    for item in [*base.criteria, *base.penalties]:
        schema = params_schema(item.kind)
        assert schema is not None, f"{item.kind} declares no params"
        assert sorted(item.params) == sorted(schema.model_fields), item.id


def test_base_edition_figures_equal_the_fallback_table() -> None:
    base = load_rulebook("base-2023")
    for item in [*base.criteria, *base.penalties]:
        for name, value in item.params.items():
            fallback = DEFAULTS[name]
            expected = list(fallback) if isinstance(fallback, tuple) else fallback
            assert value == expected, f"{item.id}.{name}: {value!r} ≠ {expected!r}"


def test_defaults_live_in_one_table_that_every_model_uses() -> None:
    schemas = {kind: schema for kind, schema in kind_schemas().items() if kind in _builtin_kinds()}
    assert all(schema is not None for schema in schemas.values()), schemas
    used: set[str] = set()
    for schema in schemas.values():
        assert schema is not None
        for name, field in schema.model_fields.items():
            assert field.default == DEFAULTS[name], f"{schema.__name__}.{name}"
            used.add(name)
    assert used == set(DEFAULTS)


def _builtin_kinds() -> set[str]:
    base = load_rulebook("base-2023")
    return {c.kind for c in base.criteria} | {p.kind for p in base.penalties}


def test_base_edition_validates_against_the_declared_params() -> None:
    assert validate_file(BASE, known_kinds()) == []


def test_lowering_met_share_in_a_copied_edition_makes_two_dated_of_three_met(
    tmp_path: Path, roadmap: Path
) -> None:
    base = _deadlines(roadmap, "base-2023")
    assert base["status"] == "partly" and base["points"] == 0.5
    assert "Нет сроков у 1 из 3 мер" in base["advice"]

    lowered = _edition(tmp_path, "lenient-2024", _in_criterion("deadlines", "met_share: 0.9", "met_share: 0.6"))
    assert validate_file(lowered, known_kinds()) == []
    finding = _deadlines(roadmap, lowered)
    assert finding["status"] == "met" and finding["points"] == 1


def test_partial_score_and_partly_share_of_a_copied_edition_are_used(tmp_path: Path, roadmap: Path) -> None:
    richer = _edition(tmp_path, "richer-2024", _in_criterion("deadlines", "partial_score: 0.5", "partial_score: 0.8"))
    assert _deadlines(roadmap, richer)["points"] == 0.8
    stricter = _edition(tmp_path, "strict-2024", _in_criterion("deadlines", "partly_share: 0.3", "partly_share: 0.7"))
    assert _deadlines(roadmap, stricter)["status"] == "not_met"


def test_a_param_left_out_by_an_edition_falls_back_to_the_table(tmp_path: Path, roadmap: Path) -> None:
    def drop_deadline_params(text: str) -> str:
        text = _in_criterion("deadlines", "    params:\n", "")(text)
        for name in ("met_share", "partly_share", "partial_score"):
            text = _in_criterion("deadlines", f"      {name}: ", "      #")(text)
        return text

    bare = _edition(tmp_path, "bare-2024", drop_deadline_params)
    assert load_rulebook(bare).criterion("deadlines").params == {}
    assert _deadlines(roadmap, bare) == _deadlines(roadmap, "base-2023")


def _expectations(path: Path) -> tuple[str, list[str]]:
    header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# ")]
    code = next(line.split(":", 1)[1].strip() for line in header if line.startswith("# code:"))
    return code, [line.split(":", 1)[1].strip() for line in header if line.startswith("# expect:")]


BROKEN_FILES = sorted(BROKEN.glob("*.yaml"))


@pytest.mark.parametrize("path", BROKEN_FILES, ids=[p.stem for p in BROKEN_FILES])
def test_broken_params_are_refused_with_the_registered_kinds(path: Path) -> None:
    code, expects = _expectations(path)
    problems = validate_file(path, known_kinds())
    assert problems and {p.code for p in problems} == {code}
    texts = [p.format_ru() for p in problems]
    for fragment in expects:
        assert any(fragment in t for t in texts), f"«{fragment}» not in {texts}"
    assert all(p.line is not None for p in problems)
    assert not any("Input should" in t for t in texts)


def test_each_broken_params_case_is_present() -> None:
    assert {p.stem for p in BROKEN_FILES} >= {"unknown-param", "wrong-param-type"}


def test_cli_validate_refuses_an_unknown_param() -> None:
    from mskoko.cli.rulebook import app

    result = CliRunner(env={"COLUMNS": "300"}).invoke(app, ["validate", str(BROKEN / "unknown-param.yaml")])
    assert result.exit_code == 1
    err = " ".join(result.stderr.split())
    assert "критерий «deadlines»: неизвестный параметр «met_shar» вида проверки «has_deadlines»" in err


def test_shares_out_of_order_are_refused(tmp_path: Path) -> None:
    path = _edition(tmp_path, "odd-2024", _in_criterion("results", "partly_share: 0.3", "partly_share: 0.95"))
    (problem,) = validate_file(path, known_kinds())
    assert problem.code == "invalid_param"
    assert "критерий «results»: параметры вида проверки «has_results»: partly_share (0.95) не может " \
           "быть больше met_share (0.9)" in problem.message


def test_checking_with_an_unvalidated_broken_edition_names_the_criterion_and_param(
    tmp_path: Path, roadmap: Path
) -> None:
    path = _edition(tmp_path, "broken-2024",
                    _in_criterion("deadlines", "partial_score: 0.5", "partial_score: половина"))
    with pytest.raises(MskokoError, match=re.escape(
            "критерий «deadlines»: параметр «partial_score» вида проверки «has_deadlines» — "
            "ожидается число (значение «половина»)")):
        check_documents([roadmap], load_rulebook(path))


def test_a_broken_param_fails_the_document_even_where_the_check_would_not_read_it(
    tmp_path: Path,
) -> None:
    # an order is judged by presence of deadlines: met_share is never read, yet it is refused
    order = Path(__file__).resolve().parents[1] / "data" / "documents" / "order_with_decisions.txt"
    path = _edition(tmp_path, "broken-2024", _in_criterion("deadlines", "met_share: 0.9", "met_share: 90"))
    assert check_documents([order], "base-2023")["documents"][0]["kind"] == "order"
    with pytest.raises(MskokoError, match=re.escape(
            "критерий «deadlines»: параметр «met_share» вида проверки «has_deadlines» — "
            "значение должно быть не больше 1 (значение «90»)")):
        check_documents([order], load_rulebook(path))
