"""Every evaluation setting and every `score` command is described in docs/evaluation.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from mskoko.evaluation.settings import SETTINGS

DOC = Path(__file__).resolve().parents[2] / "docs" / "evaluation.md"


@pytest.mark.parametrize("name", [s.name for s in SETTINGS])
def test_setting_is_documented(name):
    assert f"| `{name}` |" in DOC.read_text(encoding="utf-8")


def test_every_score_command_is_documented():
    from mskoko.cli.score import app

    text = DOC.read_text(encoding="utf-8")
    for command in app.registered_commands:
        assert f"score {command.name}" in text, command.name
