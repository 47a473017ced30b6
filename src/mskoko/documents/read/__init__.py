"""Read DOCX, PDF, TXT and MD into a ParsedDocument; anything else is refused in Russian."""

from __future__ import annotations

from pathlib import Path

from mskoko.documents.model import ParsedDocument
from mskoko.errors import MskokoError

SUPPORTED = {".docx": "docx", ".pdf": "pdf", ".txt": "text", ".md": "text", ".markdown": "text"}


def read_document(path: str | Path) -> ParsedDocument:
    """Read one document by its extension; raise MskokoError with a Russian message if unreadable."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise MskokoError(f"файл {path} не найден")
    if path.is_dir():
        raise MskokoError(f"{path} — это папка, а нужен файл документа")
    if suffix == ".doc":
        raise MskokoError(
            f"файл {path.name}: старый формат Word (.doc) не поддерживается; "
            "пересохраните документ как .docx"
        )
    kind = SUPPORTED.get(suffix)
    if kind is None:
        allowed = ", ".join(sorted({s.lstrip('.').upper() for s in SUPPORTED}))
        raise MskokoError(
            f"файл {path.name}: неизвестный формат «{suffix or 'без расширения'}»; "
            f"поддерживаются {allowed}"
        )
    if kind == "docx":
        from mskoko.documents.read.docx import read_docx

        return read_docx(path)
    if kind == "pdf":
        from mskoko.documents.read.pdf import read_pdf

        return read_pdf(path)
    from mskoko.documents.read.text import read_text

    return read_text(path)


__all__ = ["SUPPORTED", "read_document"]
