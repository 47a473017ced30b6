"""Fixtures of the document tests: the seed roadmap, the base rulebook, DOCX/PDF built once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mskoko.documents.model import Measure

from . import builders

DATA = Path(__file__).resolve().parent.parent / "data" / "documents"
SEED = DATA / "serov_roadmap.txt"


@pytest.fixture(scope="session")
def rulebook() -> Any:
    from mskoko.rulebook import load_rulebook

    return load_rulebook("base-2023")


@pytest.fixture(scope="session")
def seed_measures() -> list[Measure]:
    from mskoko.documents.extract import analyse
    from mskoko.documents.read import read_document

    return analyse(read_document(SEED)).measures


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, seed_measures: list[Measure]) -> dict[str, Path]:
    """Every DOCX/PDF test document, written once per session."""
    folder = tmp_path_factory.mktemp("documents")
    return {
        "serov.docx": builders.serov_docx(folder / "serov.docx", seed_measures),
        "serov.pdf": builders.serov_pdf(folder / "serov.pdf", seed_measures),
        "serov_text.pdf": builders.text_pdf(
            folder / "serov_text.pdf", SEED.read_text(encoding="utf-8").split("\n")
        ),
        "roadmap_complete.docx": builders.complete_roadmap_docx(folder / "roadmap_complete.docx"),
        "roadmap_no_responsible.docx": builders.complete_roadmap_docx(
            folder / "roadmap_no_responsible.docx", responsible=False
        ),
        "report_ranking.docx": builders.ranking_report_docx(folder / "report_ranking.docx"),
        "event_plan.docx": builders.event_plan_docx(folder / "event_plan.docx"),
        "scan.pdf": builders.scan_pdf(folder / "scan.pdf"),
    }
