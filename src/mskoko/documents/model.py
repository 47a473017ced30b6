"""Plain data read from a document and extracted from it; no parsing logic lives here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

DOCUMENT_KINDS: tuple[str, ...] = (
    "roadmap",
    "analytical_report",
    "event_plan",
    "effectiveness_conclusion",
    "order",
    "concept",
    "procedural",
    "unknown",
)


@dataclass
class Paragraph:
    """A paragraph or a line of text; ``level`` is the heading level (0 = title), None for body text."""

    text: str
    level: int | None = None
    gap_before: bool = False  # an empty line stood before it (plain text keeps paragraph breaks so)


@dataclass
class Row:
    """A table row; ``section`` marks a row whose cells are one merged value (e.g. «Трек 1. …»)."""

    cells: list[str]
    section: bool = False
    # per cell: True when the cell is the lower part of a vertically merged cell
    merged_above: list[bool] = field(default_factory=list)

    @property
    def text(self) -> str:
        if self.section:
            return next((c for c in self.cells if c), "")
        return " | ".join(c for c in self.cells if c)


@dataclass
class Table:
    """A table as read: rows of cell texts in grid order (merged cells already resolved)."""

    rows: list[Row] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)

    def lines(self) -> list[str]:
        return [r.text for r in self.rows if r.text]


Block = Paragraph | Table


@dataclass
class ParsedDocument:
    """A document reduced to an ordered list of paragraphs and tables."""

    name: str
    format: str  # docx | pdf | text
    blocks: list[Block] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def text_lines(self) -> list[str]:
        """The paragraphs split into non-empty lines (tables excluded), in document order."""
        lines: list[str] = []
        for paragraph in self.paragraphs:
            lines.extend(line for line in paragraph.text.split("\n") if line.strip())
        return lines

    def all_lines(self) -> Iterator[str]:
        """Every line of text, tables included (one line per row), in document order."""
        for block in self.blocks:
            if isinstance(block, Paragraph):
                yield from (line for line in block.text.split("\n") if line.strip())
            else:
                yield from block.lines()

    @property
    def text(self) -> str:
        return "\n".join(self.all_lines())


@dataclass
class Measure:
    """One measure of a roadmap or plan; a missing part is None (``null`` in JSON)."""

    number: str | None
    text: str
    deadline: str | None = None
    responsible: str | None = None
    result: str | None = None
    regional_reference: str | None = None
    section: str | None = None
    task: str | None = None
    conclusion: str | None = None  # effectiveness conclusion column («Заключение об эффективности»)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
