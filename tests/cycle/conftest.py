from __future__ import annotations

import pytest

from mskoko.rulebook import Rulebook, load_rulebook


@pytest.fixture(scope="session")
def rulebook() -> Rulebook:
    return load_rulebook("base-2023")
