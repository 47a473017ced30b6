"""Fixtures for the rulebook tests: the shipped edition and the test editions as files."""

from __future__ import annotations

from pathlib import Path

import pytest

from mskoko.rulebook import Rulebook, load_rulebook

DATA = Path(__file__).resolve().parents[1] / "data" / "rulebook"
MINIMAL = DATA / "valid" / "minimal-902.yaml"


@pytest.fixture(scope="session")
def base() -> Rulebook:
    return load_rulebook("base-2023")


@pytest.fixture(scope="session")
def minimal() -> Rulebook:
    return load_rulebook(MINIMAL)
