"""The comparison of all municipalities of a region: one row each, systems as columns.

Ranking is by the index of scored documents (the region's own methodology), never by
pupils' average scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from mskoko.evaluation.summary import MunicipalityScore, system_titles

if TYPE_CHECKING:
    from mskoko.rulebook.schema import Rulebook

FIXED_COLUMNS = [
    "municipality_id", "municipality", "total", "maximum", "penalties", "index", "rank",
]
COLUMN_LABELS_RU = {
    "municipality_id": "Код",
    "municipality": "Муниципалитет",
    "total": "Баллы",
    "maximum": "Максимум",
    "penalties": "Штрафы",
    "index": "Индекс, %",
    "rank": "Место",
}


def region_table(rulebook: Rulebook, scores: Sequence[MunicipalityScore]) -> pd.DataFrame:
    """Municipalities × systems (index, %), total, maximum, penalties, index %, rank.

    Indexes are whole percent as the rulebook rounds them (the figure the region
    publishes); equal indexes share the best place ("1, 2, 2, 4"). ``attrs`` keeps the
    system ids and titles for labels.
    """
    systems = _system_titles(rulebook, scores)
    rows = []
    for s in scores:
        by_system = {r.system_id: r.index for r in s.systems}
        rows.append(
            {
                "municipality_id": s.municipality_id,
                "municipality": s.label,
                **{sid: by_system.get(sid) for sid in systems},
                "total": s.total,
                "maximum": s.maximum,
                "penalties": s.penalties_total,
                "index": s.index,
            }
        )
    table = pd.DataFrame(rows, columns=[*FIXED_COLUMNS[:2], *systems, *FIXED_COLUMNS[2:6]])
    for column in [*systems, "index"]:
        table[column] = pd.to_numeric(table[column], errors="coerce").astype(float)
    table["rank"] = table["index"].rank(method="min", ascending=False).astype("Int64")
    table = table.sort_values(["rank", "municipality"], na_position="last").reset_index(drop=True)
    table.attrs["systems"] = systems
    years = sorted({s.year for s in scores})
    table.attrs["year"] = years[0] if len(years) == 1 else None
    return table


def system_columns(table: pd.DataFrame) -> dict[str, str]:
    """System id → title of the system columns of a region table."""
    systems = table.attrs.get("systems")
    if systems:
        return dict(systems)
    return {c: c for c in table.columns if c not in FIXED_COLUMNS}


def _system_titles(rulebook: Rulebook, scores: Sequence[MunicipalityScore]) -> dict[str, str]:
    titles = system_titles(rulebook)
    present = {r.system_id: r.title for s in scores for r in s.systems}
    # Keep the rulebook's order; only systems that carry a maximum somewhere are columns.
    ordered = [sid for sid in titles if sid in present] + [
        sid for sid in present if sid not in titles
    ]
    return {sid: titles.get(sid) or present[sid] for sid in ordered}
