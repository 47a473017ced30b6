"""Read the last analysis of a municipality from the workspace (written by the services layer).

``MSKOKO_HOME/analytics/<municipality_id>/`` holds ``flags.csv``, ``indicators.parquet``
and ``report.docx``. The folder is resolved at call time, never at import time.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

FLAG_COLUMNS = ["org_id", "year", "flag", "severity", "evidence"]

# The files a user may download from an analysis, with their Russian titles.
DOWNLOADABLE = {
    "report.docx": "Аналитическая справка (DOCX)",
    "flags.csv": "Флаги по организациям (CSV)",
}


def analysis_dir(municipality_id: str) -> Path:
    """The analysis folder of one municipality (where the services layer writes it)."""
    from mskoko import services

    return services.analysis_dir(municipality_id)


def has_analysis(municipality_id: str) -> bool:
    return (analysis_dir(municipality_id) / "flags.csv").is_file()


def analysed_at(municipality_id: str) -> datetime | None:
    path = analysis_dir(municipality_id) / "flags.csv"
    if not path.is_file():
        return None
    return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)


def read_flags(municipality_id: str) -> pd.DataFrame:
    """The flags of the last analysis (empty, with the contract's columns, when there is none)."""
    path = analysis_dir(municipality_id) / "flags.csv"
    if not path.is_file():
        return pd.DataFrame(columns=FLAG_COLUMNS)
    frame = pd.read_csv(path, dtype={"org_id": str, "flag": str, "evidence": str})
    frame["year"] = frame["year"].astype(int)
    frame["severity"] = frame["severity"].map(_severity)
    # JSON and templates need None, not NaN.
    return frame.astype(object).where(frame.notna(), None)


def _severity(value: object) -> float | str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)


def read_indicators(municipality_id: str) -> pd.DataFrame | None:
    """Indicators per organisation × year × procedure × subject × grade, or None."""
    folder = analysis_dir(municipality_id)
    parquet = folder / "indicators.parquet"
    if parquet.is_file():
        return pd.read_parquet(parquet)
    csv = folder / "indicators.csv"
    if csv.is_file():
        return pd.read_csv(csv, dtype={"org_id": str})
    return None


def downloadable_file(municipality_id: str, name: str) -> Path | None:
    """A file of the analysis a user may download, or None (unknown name or not made yet)."""
    if name not in DOWNLOADABLE:
        return None
    path = analysis_dir(municipality_id) / name
    return path if path.is_file() else None
