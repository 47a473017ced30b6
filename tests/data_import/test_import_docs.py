"""docs/data-format.md names every header, file name and coded value the readers accept."""

from __future__ import annotations

from pathlib import Path

import pytest

from mskoko.data import aliases

DOC = (Path(__file__).parents[2] / "docs" / "data-format.md").read_text(encoding="utf-8")
_DOC_FOLDED = DOC.casefold()


def _accepted_names() -> list[str]:
    names = [stem for stems in aliases.FILE_STEMS.values() for stem in stems]
    for columns in aliases.COLUMN_ALIASES.values():
        for column, spellings in columns.items():
            names += [column, *spellings]
    names += list(aliases.PROCEDURES) + list(aliases.PROCEDURES.values())
    names += list(aliases.SUBJECTS) + list(aliases.SUBJECTS.values())
    names += list(aliases.ORG_TYPES) + list(aliases.SETTLEMENTS)
    return sorted(set(names))


@pytest.mark.parametrize("name", _accepted_names())
def test_every_accepted_name_is_documented(name: str) -> None:
    assert name.casefold() in _DOC_FOLDED, f"docs/data-format.md does not mention «{name}»"


def test_subject_table_maps_each_name_to_its_code() -> None:
    rows = [line for line in DOC.splitlines() if line.startswith("| ") and "` " in line + " "]
    table = {}
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        if len(cells) == 2 and cells[1].startswith("`"):
            for name in cells[0].split(", "):
                table[name.casefold().replace("ё", "е")] = cells[1].split("`")[1]
    assert len(table) >= len([n for n in aliases.SUBJECTS if not n.isascii()])
    for name, code in aliases.SUBJECTS.items():
        if not name.isascii():
            assert table.get(name) == code, name
