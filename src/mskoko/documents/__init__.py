"""Documents: read DOCX/PDF/TXT, recognise the kind, extract measures, check against the rulebook.

``read_document`` and the model are light; ``check_documents`` pulls in the rulebook and the
check kinds on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mskoko.documents.model import DOCUMENT_KINDS, Measure, Paragraph, ParsedDocument, Row, Table
from mskoko.documents.read import read_document

if TYPE_CHECKING:
    from mskoko.documents.check import CheckReport


def check_documents(paths: Any, rulebook: Any = None) -> CheckReport:
    """Read and check documents against a rulebook (see :mod:`mskoko.documents.check`)."""
    from mskoko.documents.check import check_documents as run

    return run(paths, rulebook)


__all__ = [
    "DOCUMENT_KINDS",
    "Measure",
    "Paragraph",
    "ParsedDocument",
    "Row",
    "Table",
    "check_documents",
    "read_document",
]
