"""Shared fixtures. Django settings come from the environment set by the Makefile
(`MSKOKO_HOME`, `MSKOKO_SECRET_KEY`, and `MSKOKO_DATABASE_URL` for the PostgreSQL run)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty workspace folder used by services that keep files (Parquet, documents)."""
    home = tmp_path / "workspace"
    home.mkdir()
    monkeypatch.setenv("MSKOKO_HOME", str(home))
    return home
