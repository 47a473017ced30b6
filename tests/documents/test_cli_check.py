"""`mskoko check` through Typer's CliRunner: readable table, CONTRACT JSON, Russian errors."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from mskoko.cli.check import check

from .conftest import DATA

CONTRACT_MEASURE_KEYS = {"number", "text", "deadline", "responsible", "result", "regional_reference"}


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("check")(check)

    @app.command("version")
    def version() -> None:  # a second command keeps «check» a named subcommand
        """Версия."""

    return app


def test_check_json_follows_the_contract(built: dict[str, Path]) -> None:
    result = CliRunner().invoke(
        _app(), ["check", str(built["roadmap_complete.docx"]), str(DATA / "report_levels_objective.md"),
                 "--json", "--rulebook", "base-2023"],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == {"rulebook", "documents"}
    assert report["rulebook"] == "base-2023"
    roadmap, analysis = report["documents"]
    assert {"file", "kind", "measures", "findings", "penalties", "points", "max_points"} <= set(roadmap)
    assert roadmap["file"] == "roadmap_complete.docx" and roadmap["kind"] == "roadmap"
    assert all(set(m) >= CONTRACT_MEASURE_KEYS for m in roadmap["measures"])
    for finding in roadmap["findings"] + analysis["findings"]:
        assert {"criterion", "status", "points", "max_points", "evidence", "advice"} <= set(finding)
        assert finding["status"] in {"met", "partly", "not_met"}
        assert all(isinstance(q, str) and q for q in finding["evidence"])
    assert analysis["kind"] == "analytical_report" and analysis["penalties"] == []


def test_check_prints_a_table_with_statuses_points_quotes_and_advice() -> None:
    result = CliRunner().invoke(
        _app(), ["check", str(DATA / "roadmap_missing_deadlines.md")], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    output = result.stdout
    assert "roadmap_missing_deadlines.md" in output
    assert "План мероприятий/дорожная карта" in output
    assert "частично" in output and "0,5 / 1" in output
    assert "сентябрь 2023" in output  # a quoted deadline
    assert "Нет сроков у 4 из 6 мер" in output
    assert "Мер найдено: 6; со сроками — 2" in output


def test_check_shows_the_penalty(built: dict[str, Path]) -> None:
    result = CliRunner().invoke(_app(), ["check", str(built["report_ranking.docx"])],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Штраф -1" in result.stdout
    assert "рейтинг ОО по среднему баллу" in result.stdout


def test_check_refuses_unreadable_input_with_a_russian_message(
    built: dict[str, Path], tmp_path: Path
) -> None:
    result = CliRunner().invoke(_app(), ["check", str(built["scan.pdf"]), "--json"])
    assert result.exit_code == 1
    assert "скан без текстового слоя" in result.stderr
    assert result.stdout == ""


def test_check_reports_an_unknown_rulebook(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        _app(), ["check", str(DATA / "concept_regulation.txt"), "--rulebook", "нет-такой"]
    )
    assert result.exit_code == 1
    assert "Нет встроенной редакции правил «нет-такой»" in result.stderr
