"""`mskoko analyze` in process: files on success, a Russian problem report and exit 1 on bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from mskoko.cli.analyze import analyze


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    app.command("analyze")(analyze)
    app.command("other")(lambda: None)  # keeps "analyze" a subcommand, as in `mskoko analyze`
    return app


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    from mskoko.demo import generate, write_contract_files

    folder = tmp_path_factory.mktemp("data")
    generated = generate(11, schools_per_municipality=12, years=(2024, 2025))
    write_contract_files(generated.dataset, folder, encoding="cp1251", delimiter=";")
    return folder


def test_analyze_writes_flags_indicators_and_report(app, data, tmp_path) -> None:
    result = CliRunner().invoke(app, ["analyze", str(data), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for name in ("flags.csv", "indicators.csv", "indicators.parquet", "report.docx"):
        assert (tmp_path / "out" / name).stat().st_size > 0
    assert "Готово" in result.output


def test_analyze_refuses_bad_input_with_a_russian_report(app, data, tmp_path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "organizations.csv").write_text(
        "org_id,name,municipality_id\nA,МБОУ СОШ № 1,M1\n", encoding="utf-8")
    (bad / "results.csv").write_text(
        "year,procedure,subject,grade,org_id,student_id,primary_score,max_score\n"
        "2025,VPR,math,5,NOPE,s1,12,20\n2025,VPR,math,5,A,s2,25,20\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(bad), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "results" in result.output and "строка" in result.output
    assert not (tmp_path / "out" / "flags.csv").exists()


def test_analyze_refuses_an_unknown_engine(app, data, tmp_path) -> None:
    result = CliRunner().invoke(app, ["analyze", str(data), "--engine", "oracle"])
    assert result.exit_code != 0
    assert "неизвестный движок" in result.output
