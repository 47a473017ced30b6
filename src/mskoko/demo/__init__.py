"""The demonstration region: a realistic generator with planted cases (and its truth)."""

from mskoko.demo.generator import (
    GeneratedData,
    Inflation,
    LargeSummary,
    SchoolTruth,
    Truth,
    generate,
    generate_large,
    write_contract_files,
)

__all__ = [
    "GeneratedData",
    "Inflation",
    "LargeSummary",
    "SchoolTruth",
    "Truth",
    "generate",
    "generate_large",
    "write_contract_files",
]
