"""Browser journeys: Debian's Chromium driven by Playwright against a live server.

Never downloads a browser: ``/usr/bin/chromium`` (``apt-get install chromium``). Screenshots
of the main screens go to ``test-artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
from journey import CHROMIUM, CHROMIUM_ARGS, DATA, PASSWORD

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
# plain synchronous code all the same.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Нет /usr/bin/chromium: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def region(transactional_db: None, workspace: Path, settings, monkeypatch) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Two municipalities, a user of each role, and analytics that answer like the engine."""
    from mskoko import services
    from mskoko.web import analysis_runs
    from mskoko.web.accounts.users import create_user
    from mskoko.web.core.models import Municipality, Organization

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    m1 = Municipality.objects.create(id="M1", name="Первый городской округ")
    Municipality.objects.create(id="M2", name="Второй муниципальный район")
    for org_id, name, settlement, social in (("S1", "МБОУ СОШ № 1", "urban", 0.2),
                                             ("S2", "МКОУ Ивановская ООШ", "rural", 0.7),
                                             ("S3", "МБОУ Гимназия № 3", "urban", 0.1)):
        Organization.objects.create(id=org_id, name=name, municipality=m1,
                                    settlement=settlement, social_index=social, students=300)

    def analyse(municipality_id: str) -> None:
        # The stored analysis of tests/data/web/analysis stands in for the engine's output.
        target = workspace / "analytics" / municipality_id
        target.mkdir(parents=True, exist_ok=True)
        source = DATA / "analysis" / "M1"
        shutil.copy(source / "flags.csv", target / "flags.csv")
        pd.read_csv(source / "indicators.csv", dtype={"org_id": str}).to_parquet(
            target / "indicators.parquet", index=False)
        import docx

        report = docx.Document()
        report.add_heading("Аналитическая справка", 0)
        report.save(target / "report.docx")

    monkeypatch.setattr(services, "analyze_workspace", analyse, raising=False)
    monkeypatch.setattr(analysis_runs, "launch", lambda task: task())
    return {
        "municipal": create_user("ivanova", role="municipal", password=PASSWORD,
                                 municipality_id="M1", full_name="Ирина Иванова"),
        "expert": create_user("expert", role="expert", password=PASSWORD,
                              full_name="Елена Сидорова"),
        "admin": create_user("admin", role="admin", password=PASSWORD),
    }


@pytest.fixture
def open_as(browser, live_server, region) -> Iterator[Callable[[str], object]]:  # type: ignore[no-untyped-def]
    """A new browser page logged in through the login form as ``login``."""
    contexts = []

    def open_page(login: str):  # type: ignore[no-untyped-def]
        context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="ru-RU",
                                      accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_login", login)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        return page

    yield open_page
    for context in contexts:
        context.close()
