"""What the municipality pages share: resolving the municipality under the user's rights."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse

from mskoko.web.access import any_role, editable_municipality, visible_municipality

View = Callable[..., HttpResponse]


def municipality_page(*, edit: bool = False) -> Callable[[View], View]:
    """Resolve ``mid`` to a municipality the user may see (or change, with ``edit``).

    The view receives the municipality instead of the id; ``request.municipality`` lets the
    layout show where the user is. Another municipality's id answers 404.
    """

    def decorate(view: View) -> View:
        @any_role
        @wraps(view)
        def wrapped(request: HttpRequest, mid: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if edit:
                municipality = editable_municipality(request.user, mid)
            else:
                municipality = visible_municipality(request.user, mid)
            request.municipality = municipality  # type: ignore[attr-defined]
            return view(request, municipality, *args, **kwargs)

        return wrapped

    return decorate


CONTENT_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv; charset=utf-8",
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".parquet": "application/vnd.apache.parquet",
    ".svg": "image/svg+xml",
}


def file_download(path: Path, filename: str) -> FileResponse:
    """A file as an attachment, with the right content type and a Russian-safe file name."""
    content_type = CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
