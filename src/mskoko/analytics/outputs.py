"""The files of ``mskoko analyze`` (CONTRACT §2): flags, indicators, summaries and the report."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from mskoko.analytics.pipeline import FLAG_COLUMNS, AnalysisResult
from mskoko.data.dataset import Dataset

SIGN_COLUMNS = [
    "org_id", "year", "procedure", "sign", "z", "present", "strong", "n", "procedure_students",
    "dev", "centre", "pooled_z", "focused_z", "top_scope", "top_subject", "top_grade",
]


def _csv(frame: pd.DataFrame, path: Path) -> Path:
    """UTF-8, comma-separated, header row; empty cell for a missing value (Arrow's writer)."""
    pacsv.write_csv(pa.Table.from_pandas(frame, preserve_index=False), path)
    return path


def write_outputs(result: AnalysisResult, dataset: Dataset, out_dir: Path | str) -> list[Path]:
    """Write flags.csv, indicators.csv/.parquet, municipalities.csv, groups.csv, signs.csv and
    report.docx into ``out_dir`` (created if missing); return the paths written."""
    from mskoko.analytics.report import render_report

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = [
        _csv(result.flags[FLAG_COLUMNS], out / "flags.csv"),
        _csv(result.indicators, out / "indicators.csv"),
    ]
    parquet = out / "indicators.parquet"
    result.indicators.to_parquet(parquet, index=False)
    written.append(parquet)
    written.append(_csv(result.municipalities, out / "municipalities.csv"))
    written.append(_csv(result.groups, out / "groups.csv"))
    signs = result.signs[[c for c in SIGN_COLUMNS if c in result.signs.columns]]
    written.append(_csv(signs.round(4), out / "signs.csv"))
    written.append(render_report(result, dataset, out / "report.docx"))
    return written
