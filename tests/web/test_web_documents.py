"""Uploading a document: the check's findings and advice beside it, the file, deletion,
and the proposals the expert sees; isolation of documents between municipalities."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from webpage import DATA, page, text_of

pytestmark = pytest.mark.django_db

DOCS = DATA / "documents"


def _upload(client, name: str, *, track: str = "", year: int = 2024, mid: str = "M1"):  # type: ignore[no-untyped-def]
    data = (DOCS / name).read_bytes()
    return client.post(f"/m/{mid}/documents/upload/", {
        "file": SimpleUploadedFile(name, data), "year": str(year), "track": track,
    })


def test_documents_page_offers_upload_with_tracks(login_as, workspace) -> None:
    html = page(login_as("municipal").get("/m/M1/documents/"))
    options = [text_of(o) for o in html.xpath("//select[@name='track']/option")]
    assert options[0] == "— определить по тексту —"
    assert any("Адресная поддержка школ с низкими образовательными результатами" in o
               for o in options)


def test_uploaded_roadmap_is_checked_and_findings_shown_beside_it(login_as, workspace) -> None:
    from mskoko.web.core.models import AuditEntry, Document

    client = login_as("municipal")
    response = _upload(client, "roadmap_low_results.docx")
    document = Document.objects.get()
    assert response["Location"] == f"/m/M1/documents/{document.pk}/"
    assert document.kind == "roadmap" and document.tracks == ["1.2.1"]
    assert not document.track_chosen
    assert (workspace / document.stored_path).is_file()

    html = page(client.get(response["Location"]))
    findings = html.find_class("doc-findings")[0]
    text = text_of(findings)
    assert "roadmap_low_results.docx" in text
    assert "1.2.1 · Адресная поддержка школ с низкими образовательными результатами" in text
    assert "(найдено в тексте)" in text
    criteria = [text_of(e.xpath(".//div[@class='finding-head']")[0])
                for e in findings.find_class("finding")]
    assert any(c.startswith("Указаны сроки") or "срок" in c.lower() for c in criteria)
    assert "Петрова А. В." in text  # the extracted measures table
    assert AuditEntry.objects.filter(action="document_uploaded", municipality_id="M1").exists()


def test_penalty_is_shown_with_the_quoted_evidence(login_as, workspace) -> None:
    client = login_as("municipal")
    response = _upload(client, "ranking_by_average.txt", track="1.2.1")
    html = page(client.get(response["Location"]))
    penalty = html.find_class("penalty")[0]
    assert "средний балл" in text_of(penalty).lower()
    assert text_of(penalty.find_class("badge")[0]).startswith("-")


def test_document_without_a_named_track_is_flagged(login_as, workspace) -> None:
    client = login_as("municipal")
    response = _upload(client, "ranking_by_average.txt")
    text = text_of(page(client.get(response["Location"])))
    assert "Трек документа не определён" in text


def test_unreadable_type_is_refused_and_nothing_is_kept(login_as, workspace: Path) -> None:
    from mskoko.web.core.models import Document

    response = login_as("municipal").post("/m/M1/documents/upload/", {
        "file": SimpleUploadedFile("table.xlsx", b"PK\x03\x04"), "year": "2024", "track": ""})
    assert response.status_code == 400
    assert "принимаются DOCX, PDF, TXT и MD" in text_of(page(response))
    assert not Document.objects.exists()


def test_original_file_downloads_and_deletion_removes_it(login_as, workspace: Path) -> None:
    from mskoko.web.core.models import Document

    client = login_as("municipal")
    _upload(client, "roadmap_low_results.docx")
    document = Document.objects.get()
    download = client.get(f"/m/M1/documents/{document.pk}/file")
    assert b"".join(download.streaming_content) == (DOCS / "roadmap_low_results.docx").read_bytes()
    path = workspace / document.stored_path
    client.post(f"/m/M1/documents/{document.pk}/delete/")
    assert not Document.objects.exists() and not path.exists()


def test_upload_feeds_the_experts_proposals(login_as, workspace) -> None:
    from mskoko.web.scoring.models import Proposal

    _upload(login_as("municipal"), "roadmap_low_results.docx")
    proposals = {p.criterion_id: float(p.points) for p in
                 Proposal.objects.filter(municipality_id="M1", year=2024, track_id="1.2.1")}
    assert proposals["deadlines"] > 0 and proposals["regional_alignment"] > 0


def test_another_municipalitys_documents_are_404(login_as, workspace) -> None:
    from mskoko.web.core.models import Document

    _upload(login_as("municipal"), "roadmap_low_results.docx")
    pk = Document.objects.get().pk
    other = login_as("municipal2")
    assert other.get(f"/m/M1/documents/{pk}/").status_code == 404
    assert other.get(f"/m/M1/documents/{pk}/file").status_code == 404
    # The right id under the wrong municipality is not found either.
    assert other.get(f"/m/M2/documents/{pk}/").status_code == 404
    assert other.get(f"/m/M2/documents/{pk}/file").status_code == 404
    assert other.post(f"/m/M2/documents/{pk}/delete/").status_code == 404
    assert other.post("/m/M1/documents/upload/", {}).status_code == 404
    assert Document.objects.filter(pk=pk).exists()


def test_expert_reads_documents_but_cannot_upload_or_delete(login_as, workspace) -> None:
    from mskoko.web.core.models import Document

    _upload(login_as("municipal"), "roadmap_low_results.docx")
    pk = Document.objects.get().pk
    expert = login_as("expert")
    html = page(expert.get(f"/m/M1/documents/{pk}/"))
    assert not html.xpath("//form[contains(@action,'/delete/')]")
    assert not html.xpath("//form[contains(@action,'/upload/')]")
    assert expert.post(f"/m/M1/documents/{pk}/delete/").status_code == 403


def test_generated_analytical_report_is_offered_after_analysis(login_as, analysis) -> None:
    client = login_as("municipal")
    html = page(client.get("/m/M1/documents/"))
    assert html.xpath("//a[@href='/m/M1/generated/analytical_report/']")
    response = client.get("/m/M1/generated/analytical_report/")
    assert response.status_code == 200
    assert "M1-" in response["Content-Disposition"] and response.content[:2] == b"PK"
    assert login_as("municipal2").get(
        "/m/M1/generated/analytical_report/").status_code == 404
