"""`mskoko roadmap …` in process (CliRunner) on the test database."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mskoko.cli.roadmap import app

pytestmark = [pytest.mark.django_db]
DATA = Path(__file__).resolve().parent.parent / "data" / "cycle"


@pytest.fixture
def run(workspace):
    from mskoko.web.core.models import Municipality

    Municipality.objects.create(id="serov", name="Серовский городской округ")
    runner = CliRunner()

    def invoke(*args: str, code: int = 0) -> str:
        result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
        assert result.exit_code == code, result.output
        return " ".join(result.output.split())

    return invoke


def test_import_then_show_reports_an_incomplete_cycle(run) -> None:
    out = run("import", str(DATA / "roadmap_serov.txt"), "--municipality", "serov",
              "--track", "1.1.1", "--year", "2020")
    assert "Загружено: треков — 1, мер — 4." in out
    assert "нет ссылки на региональный документ" in out
    shown = run("show", "--municipality", "serov")
    assert "Трек 1.1.1. Объективность оценки качества подготовки обучающихся — неполный цикл" \
        in shown
    assert "│ Меры, мероприятия │ есть │ 4 │" in shown
    assert "│ Цели │ нет │ 0 │" in shown


def test_export_docx_xlsx_yaml_and_generate(run, tmp_path, rulebook) -> None:
    from mskoko.cycle.demo import build_demo_cycle
    from mskoko.cycle.serialize import dump_yaml, load_yaml

    cycle = build_demo_cycle("serov", "Серовский городской округ", rulebook)
    dump_yaml(cycle, tmp_path / "in.yaml")
    run("import", str(tmp_path / "in.yaml"), "--municipality", "serov")
    for name in ("r.docx", "r.xlsx", "r.yaml"):
        assert "Записано" in run("export", "-m", "serov", "--out", str(tmp_path / name))
        assert (tmp_path / name).stat().st_size > 0
    assert load_yaml(tmp_path / "r.yaml") == cycle
    out = run("generate", "-m", "serov", "--out", str(tmp_path / "docs"))
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == [
        "effectiveness.docx", "event-plan-1.1.docx", "order.docx", "roadmap.docx"]
    assert out.count("Записано") == 4
    assert "полный цикл" in run("show", "-m", "serov")


def test_errors_are_russian_messages_not_tracebacks(run, tmp_path) -> None:
    out = run("show", "-m", "nobody", code=1)
    assert "нет управленческого цикла" in out
    assert "mskoko roadmap import" in out
    run("import", str(DATA / "roadmap_serov.txt"), "-m", "serov", "--track", "1.1.1")
    bad = run("export", "-m", "serov", "--out", str(tmp_path / "r.pdf"), code=1)
    assert "укажите файл .docx, .xlsx или .yaml" in bad
    wrong_track = run("import", str(DATA / "roadmap_serov.txt"), "-m", "serov", "--track",
                      "9.9.9", code=1)
    assert "9.9.9" in wrong_track and "Traceback" not in wrong_track
