"""Municipal documents in the workspace: store an upload, check it against the rulebook,
and keep the experts' proposals in step with the documents of a municipality and year."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from mskoko.config import workspace_home
from mskoko.errors import MskokoError
from mskoko.web import audit
from mskoko.web.core.models import Document, Municipality

ACCEPTED = {".docx", ".pdf", ".txt", ".md"}
MAX_BYTES = 30 * 1024 * 1024


def rulebook_for_year(year: int) -> Any:
    """The rulebook edition the region set for a scoring year (the default one otherwise)."""
    from mskoko.rulebook import DEFAULT_EDITION, load_rulebook
    from mskoko.web.scoring.repository import DjangoScoreRepository

    edition = DjangoScoreRepository().period(year).rulebook_id or DEFAULT_EDITION
    return load_rulebook(edition)


def _safe_name(name: str) -> str:
    stem = Path(name).name
    stem = re.sub(r"[^\w.\- ]+", "_", stem, flags=re.UNICODE).strip(" .") or "document"
    return stem[-120:]


def document_path(document: Document) -> Path:
    return workspace_home() / document.stored_path


def store_document(
    municipality: Municipality, upload: UploadedFile, *, year: int, track_id: str | None,
    user: Any,
) -> Document:
    """Save, read and check one uploaded document; nothing is kept when it cannot be read."""
    from mskoko.documents.check import check_document
    from mskoko.documents.read import read_document
    from mskoko.evaluation.proposals import derive_track

    suffix = Path(upload.name).suffix.lower()
    if suffix not in ACCEPTED:
        raise MskokoError(
            f"Файл «{upload.name}»: принимаются DOCX, PDF, TXT и MD, а не «{suffix or 'без расширения'}»."
        )
    if upload.size and upload.size > MAX_BYTES:
        raise MskokoError(f"Файл «{upload.name}» больше {MAX_BYTES // (1024 * 1024)} МБ.")
    rulebook = rulebook_for_year(year)
    if track_id:
        rulebook.track(track_id)  # a Russian error for an unknown track
    relative = Path("documents") / municipality.id / "uploads" / (
        f"{uuid.uuid4().hex[:12]}-{_safe_name(upload.name)}")
    target = workspace_home() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    try:
        parsed = read_document(target)
        parsed.name = upload.name  # findings quote the user's file name, not the stored one
        result = dict(check_document(parsed, rulebook))
        tracks = [track_id] if track_id else derive_track(rulebook, parsed.all_lines())
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    with transaction.atomic():
        document = Document.objects.create(
            municipality=municipality,
            year=year,
            tracks=tracks,
            track_chosen=bool(track_id),
            title=upload.name[:255],
            stored_path=str(relative),
            size=target.stat().st_size,
            kind=result.get("kind", ""),
            points=result.get("points"),
            max_points=result.get("max_points"),
            check_result={"rulebook": rulebook.id, **result},
            uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        )
        audit.record(user, "document_uploaded", object_type="document", object_id=document.pk,
                     municipality=municipality,
                     details={"file": upload.name, "kind": document.kind, "tracks": tracks})
    refresh_proposals(municipality, year)
    return document


def delete_document(document: Document, user: Any) -> None:
    path = document_path(document)
    municipality, year = document.municipality, document.year
    with transaction.atomic():
        audit.record(user, "document_deleted", object_type="document", object_id=document.pk,
                     municipality=municipality, details={"file": document.title})
        document.delete()
    path.unlink(missing_ok=True)
    refresh_proposals(municipality, year)


def refresh_proposals(municipality: Municipality, year: int) -> bool:
    """Recompute the automatic proposals from the municipality's documents of that year.

    Returns False (and changes nothing) when the scoring period is locked.
    """
    from mskoko.evaluation.proposals import proposals_from_check
    from mskoko.evaluation.workflow import store_proposals
    from mskoko.web.scoring.models import Proposal as StoredProposal
    from mskoko.web.scoring.repository import DjangoScoreRepository

    repo = DjangoScoreRepository()
    if repo.period(year).locked:
        return False
    rulebook = rulebook_for_year(year)
    documents = [d for d in Document.objects.filter(municipality=municipality, year=year)
                 if d.tracks and d.check_result]
    report = {"rulebook": rulebook.id, "documents": [d.check_result for d in documents]}
    proposals = proposals_from_check(rulebook, report, municipality.id, year,
                                     [d.tracks for d in documents])
    with transaction.atomic():
        # Tracks no document evidences any more lose their old proposals too.
        StoredProposal.objects.filter(municipality=municipality, year=year).delete()
        store_proposals(repo, rulebook, proposals)
    return True


def track_choices(year: int) -> list[tuple[str, str]]:
    """(track id, «1.1 · система — трек») for the upload form."""
    rulebook = rulebook_for_year(year)
    return [(t.id, f"{s.id} · {t.title}") for s, t in rulebook.tracks()]
