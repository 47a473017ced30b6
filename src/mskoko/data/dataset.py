"""The validated input as Arrow tables with the contract's canonical columns.

Every reader returns a :class:`Dataset`; analytics, the store and the demo consume it.
Column names are the English names of CONTRACT section 1 (docs/data-format.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

ORGANIZATIONS_SCHEMA = pa.schema(
    [
        ("org_id", pa.string()),
        ("name", pa.string()),
        ("municipality_id", pa.string()),
        ("municipality_name", pa.string()),
        ("org_type", pa.string()),  # school | kindergarten | additional | other
        ("settlement", pa.string()),  # urban | rural | null
        ("students", pa.int32()),
        ("social_index", pa.float64()),
    ]
)

RESULTS_SCHEMA = pa.schema(
    [
        ("year", pa.int16()),
        ("procedure", pa.string()),  # VPR | OGE | EGE | regional code, upper case
        ("subject", pa.string()),  # lower-case code: math, russian, …
        ("grade", pa.int8()),
        ("org_id", pa.string()),
        ("student_id", pa.string()),
        ("class_id", pa.string()),
        ("primary_score", pa.int16()),
        ("max_score", pa.int16()),
        ("mark", pa.int8()),  # 2..5, null when absent and not derivable
        ("test_score", pa.int8()),  # EGE 0..100
        ("school_mark", pa.int8()),
    ]
)

SCALES_SCHEMA = pa.schema(
    [
        ("year", pa.int16()),
        ("procedure", pa.string()),
        ("subject", pa.string()),
        ("grade", pa.int8()),
        ("mark", pa.int8()),
        ("min_primary_score", pa.int16()),
    ]
)


@dataclass
class Dataset:
    """Organisations, results and (optional) mark scales, all validated.

    ``results.mark`` is filled from ``scales`` (given or inferred) where the file left it empty.
    """

    organizations: pa.Table
    results: pa.Table
    scales: pa.Table | None = None

    def municipality_ids(self) -> list[str]:
        return sorted(set(self.organizations.column("municipality_id").to_pylist()))

    def years(self) -> list[int]:
        return sorted(set(self.results.column("year").to_pylist()))
