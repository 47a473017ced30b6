"""Fixtures of the evaluation tests: the small hand-made editions in tests/data/evaluation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parent.parent / "data" / "evaluation"


@pytest.fixture(scope="session")
def small_rulebook() -> Any:
    """4 tracks × 6 criteria: 1.1 (30 points), 1.2 (15), 2.1 (15); maximum 60; penalty −2."""
    from mskoko.rulebook.loader import load_rulebook

    return load_rulebook(DATA / "rulebook-small.yaml")


@pytest.fixture(scope="session")
def rulebook_902() -> Any:
    """One track, two criteria of 451 points: the seeds' maximum of 902."""
    from mskoko.rulebook.loader import load_rulebook

    return load_rulebook(DATA / "rulebook-902.yaml")


@pytest.fixture
def fast_passwords(settings: Any) -> None:
    """Users are created per test; Argon2 would spend most of the test time hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
