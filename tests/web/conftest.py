"""Fixtures of the web tests: two municipalities, a user of each role, a stored analysis."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from django.test import Client
from webpage import DATA, PASSWORD


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    """Argon2 is slow by design; tests that check hashing ask for ``argon2_hashing``."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def argon2_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    from mskoko.web.settings import build_settings

    settings.PASSWORD_HASHERS = build_settings()["PASSWORD_HASHERS"]


@pytest.fixture(autouse=True)
def _analysis_runs_inline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the analysis in the request's thread (and transaction), not in the background."""
    from mskoko.web import analysis_runs

    monkeypatch.setattr(analysis_runs, "launch", lambda task: task())


@pytest.fixture
def municipalities(db: None) -> dict[str, object]:
    from mskoko.web.core.models import Municipality, Organization

    m1 = Municipality.objects.create(id="M1", name="Первый городской округ")
    m2 = Municipality.objects.create(id="M2", name="Второй муниципальный район")
    Organization.objects.create(id="S1", name="МБОУ СОШ № 1", municipality=m1,
                                settlement="urban", students=800, social_index=0.2)
    Organization.objects.create(id="S2", name="МКОУ Ивановская ООШ", municipality=m1,
                                settlement="rural", students=60, social_index=0.7)
    Organization.objects.create(id="S3", name="МБОУ Гимназия № 3", municipality=m1,
                                settlement="urban", students=600, social_index=0.1)
    Organization.objects.create(id="T1", name="МБОУ СОШ № 7", municipality=m2,
                                settlement="urban", students=500, social_index=0.3)
    return {"M1": m1, "M2": m2}


@pytest.fixture
def users(municipalities: dict[str, object]) -> dict[str, object]:
    from mskoko.web.accounts.users import create_user

    return {
        "municipal": create_user("ivanova", role="municipal", password=PASSWORD,
                                 municipality_id="M1", full_name="Ирина Иванова"),
        "municipal2": create_user("petrov", role="municipal", password=PASSWORD,
                                  municipality_id="M2"),
        "expert": create_user("expert", role="expert", password=PASSWORD,
                              full_name="Елена Сидорова"),
        "admin": create_user("admin", role="admin", password=PASSWORD),
    }


@pytest.fixture
def login_as(users: dict[str, object]) -> Callable[[str], Client]:
    """A test client logged in as one of the ``users`` (by its key)."""

    def make(key: str) -> Client:
        client = Client()
        client.force_login(users[key])
        return client

    return make


@pytest.fixture
def analysis(workspace: Path) -> Path:
    """A stored analysis of M1 (flags.csv, indicators.parquet, report.docx) in the workspace."""
    import docx

    folder = workspace / "analytics" / "M1"
    folder.mkdir(parents=True)
    shutil.copy(DATA / "analysis" / "M1" / "flags.csv", folder / "flags.csv")
    indicators = pd.read_csv(DATA / "analysis" / "M1" / "indicators.csv", dtype={"org_id": str})
    indicators.to_parquet(folder / "indicators.parquet", index=False)
    report = docx.Document()
    report.add_heading("Аналитическая справка", 0)
    report.save(folder / "report.docx")
    return folder
