"""docs/cli-reference.md is generated from the CLI and must match what the CLI says now."""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "docs" / "cli-reference.md"


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    script = ROOT / "scripts" / "cli_reference.py"
    spec = importlib.util.spec_from_file_location("cli_reference", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(generator: ModuleType) -> str:
    return generator.render_reference()


def test_cli_reference_is_up_to_date(generated: str) -> None:
    committed = REFERENCE.read_text(encoding="utf-8") if REFERENCE.exists() else ""
    if committed != generated:
        diff = "\n".join(list(difflib.unified_diff(
            committed.splitlines(), generated.splitlines(), "committed", "generated", lineterm="",
        ))[:40])
        pytest.fail(
            "docs/cli-reference.md is out of date: run `.venv/bin/python scripts/cli_reference.py`"
            f" and commit the result.\n{diff}"
        )


def test_reference_has_a_section_for_every_registered_command(generated: str) -> None:
    import typer.main

    from mskoko.cli.main import app

    def paths(command: object, prefix: str) -> list[str]:
        found = [prefix]
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                if not getattr(sub, "hidden", False):
                    found += paths(sub, f"{prefix} {name}")
        return found

    for path in paths(typer.main.get_command(app), "mskoko"):
        assert f"# `{path}`\n" in generated, f"no section for {path}"


def test_reference_speaks_russian_with_types_defaults_and_required_marks(generated: str) -> None:
    assert "Использование: `mskoko import [ПАРАМЕТРЫ] {data}`" in generated
    assert "| `data <путь>` |" in generated and "[обязательно]" in generated
    assert "| `--port <целое>` | Порт. [по умолчанию: 8000] |" in generated
    for english in ("[required]", "[default", "Show this message", "Usage", "[OPTIONS]"):
        assert english not in generated


def test_check_mode_reports_an_outdated_file(
    generator: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    stale = tmp_path / "docs" / "cli-reference.md"
    stale.parent.mkdir()
    stale.write_text("# старая версия\n", encoding="utf-8")
    monkeypatch.setattr(generator, "ROOT", tmp_path)
    monkeypatch.setattr(generator, "OUTPUT", stale)
    assert generator.main(["--check"]) == 1
    assert "scripts/cli_reference.py" in capsys.readouterr().err
    assert generator.main([]) == 0
    assert generator.main(["--check"]) == 0
    assert "## `mskoko import`" in stale.read_text(encoding="utf-8")
