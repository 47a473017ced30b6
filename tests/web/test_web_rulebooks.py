"""Rulebook editions for the administrator: list, download, upload with checking, assign."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from webpage import page, text_of

from mskoko.rulebook import DEFAULT_EDITION, edition_paths

pytestmark = pytest.mark.django_db


def _base_text() -> str:
    return edition_paths()[DEFAULT_EDITION].read_text(encoding="utf-8")


def test_shipped_editions_are_listed_and_downloadable(login_as, workspace) -> None:
    client = login_as("admin")
    html = page(client.get("/manage/rulebooks/"))
    assert DEFAULT_EDITION in text_of(html)
    response = client.get(f"/manage/rulebooks/{DEFAULT_EDITION}.yaml")
    assert b"".join(response.streaming_content).decode("utf-8") == _base_text()


def test_a_broken_edition_is_refused_with_its_problems(login_as, workspace: Path) -> None:
    broken = _base_text().replace("schema_version: 1", "schema_version: 7")
    response = login_as("admin").post("/manage/rulebooks/", {
        "edition": SimpleUploadedFile("region.yaml", broken.encode("utf-8"))})
    text = text_of(page(response))
    assert "Редакция не принята" in text
    assert not (workspace / "rulebooks").exists()


def test_a_regional_edition_is_stored_and_assigned_to_a_year(login_as, workspace: Path) -> None:
    from mskoko.web.core.models import AuditEntry
    from mskoko.web.scoring.models import ScoringPeriod

    own = _base_text().replace(f"id: {DEFAULT_EDITION}", "id: region-2025", 1)
    client = login_as("admin")
    client.post("/manage/rulebooks/", {
        "edition": SimpleUploadedFile("region-2025.yaml", own.encode("utf-8"))})
    stored = workspace / "rulebooks" / "region-2025.yaml"
    assert stored.is_file()
    assert "region-2025" in text_of(page(client.get("/manage/rulebooks/")))

    client.post("/manage/rulebooks/assign/", {"year": "2025", "edition": str(stored)})
    assert ScoringPeriod.objects.get(year=2025).rulebook_id == str(stored)
    assert AuditEntry.objects.filter(action="rulebook_assigned").exists()


def test_an_edition_outside_the_list_cannot_be_assigned(login_as, workspace) -> None:
    from mskoko.web.scoring.models import ScoringPeriod

    login_as("admin").post("/manage/rulebooks/assign/", {"year": "2025", "edition": "/etc/passwd"})
    assert not ScoringPeriod.objects.exists()


def test_rulebooks_are_for_administrators(login_as, workspace) -> None:
    assert login_as("expert").get("/manage/rulebooks/").status_code == 403
    assert login_as("municipal").get(f"/manage/rulebooks/{DEFAULT_EDITION}.yaml").status_code == 403
