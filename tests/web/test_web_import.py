"""The import page: Russian row-level problems on the page, nothing stored on error, and a
municipal specialist may load only their own municipality."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from webpage import DATA, page, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _files(folder: str) -> dict[str, SimpleUploadedFile]:
    base = DATA / "import" / folder
    return {
        kind: SimpleUploadedFile(f"{kind}.csv", (base / f"{kind}.csv").read_bytes(),
                                 content_type="text/csv")
        for kind in ("organizations", "results")
    }


@pytest.fixture
def no_analysis(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the analyses the import starts instead of running them."""
    from mskoko import services

    started: list[str] = []
    monkeypatch.setattr(services, "analyze_workspace", started.append, raising=False)
    return started


def test_import_page_explains_what_to_load(login_as, workspace) -> None:
    html = page(login_as("municipal").get("/m/M1/import/"))
    assert html.xpath("//h1")[0].text == "Загрузка данных"
    assert html.xpath("//input[@type='file'][@name='results']")
    assert "Windows-1251" in text_of(html)


def test_good_files_are_stored_and_the_analysis_starts(
    login_as, workspace: Path, no_analysis: list[str]
) -> None:
    from mskoko.web.core.models import AuditEntry, ImportBatch

    response = login_as("municipal").post("/m/M1/import/", _files("good"))
    assert response.status_code == 200
    outcome = page(response).find_class("import-success")
    assert outcome and "Данные загружены." in text_of(outcome[0])
    assert "строк результатов: 24" in text_of(outcome[0])
    batch = ImportBatch.objects.get()
    assert (batch.municipality_id, batch.year, batch.procedure, batch.rows) == ("M1", 2024, "VPR", 24)
    assert batch.imported_by.username == "ivanova"
    assert AuditEntry.objects.filter(action="import", actor="ivanova").exists()
    assert no_analysis == ["M1"]
    assert not list((workspace / "uploads").iterdir())  # the upload folder is cleaned


def test_bad_files_show_every_problem_with_line_and_column(
    login_as, workspace, no_analysis
) -> None:
    from mskoko.web.core.models import ImportBatch

    response = login_as("municipal").post("/m/M1/import/", _files("bad"))
    problems = page(response).find_class("import-problems")[0]
    text = text_of(problems)
    assert "найдено проблем — 2. Ничего не сохранено." in text
    items = [text_of(li) for li in problems.xpath(".//li")]
    assert any("строка 5" in i and "«org_id»" in i and "S9" in i for i in items)
    assert any("строка 6" in i and "«max_score»" in i and "abc" in i for i in items)
    assert not ImportBatch.objects.exists()
    assert no_analysis == []


def test_data_of_another_municipality_is_refused_before_storing(
    login_as, workspace, no_analysis
) -> None:
    from mskoko.web.core.models import ImportBatch, Organization

    response = login_as("municipal").post("/m/M1/import/", _files("foreign"))
    text = text_of(page(response).find_class("import-problems")[0])
    assert "муниципалитета «M2»" in text
    assert not ImportBatch.objects.exists()
    assert not Organization.objects.filter(id="T9").exists()


def test_htmx_upload_answers_with_the_outcome_fragment(login_as, workspace, no_analysis) -> None:
    response = login_as("municipal").post("/m/M1/import/", _files("bad"),
                                          HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "import-problems" in body


def test_form_without_files_asks_for_them(login_as, workspace) -> None:
    response = login_as("municipal").post("/m/M1/import/", {})
    assert "Выберите архив .zip или два файла" in text_of(page(response))


def test_admin_loads_a_whole_region(login_as, workspace, no_analysis) -> None:
    from mskoko.web.core.models import ImportBatch

    response = login_as("admin").post("/manage/import/", _files("foreign"))
    assert page(response).find_class("import-success")
    assert set(ImportBatch.objects.values_list("municipality_id", flat=True)) == {"M1", "M2"}
    # One region-wide analysis refreshes both municipalities' parts.
    assert no_analysis == ["M1"]
