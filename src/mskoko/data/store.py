"""The workspace's store of imported data: Parquet files under one folder.

Layout under ``root``::

    organizations.parquet                  every organisation, merged by org_id
    scales.parquet                         mark scales, merged by year/procedure/subject/grade
    results/municipality_id=<id>/year=<year>/procedure=<code>/data.parquet

An import replaces whole partitions (municipality × year × procedure). Everything is
written into a staging folder first and then renamed into place; if anything fails, the
files already swapped are put back, so the store is left as it was.
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from mskoko.data.dataset import (
    ORGANIZATIONS_SCHEMA,
    RESULTS_SCHEMA,
    SCALES_SCHEMA,
    Dataset,
)

RESULTS_DIR = "results"
ORGANIZATIONS_FILE = "organizations.parquet"
SCALES_FILE = "scales.parquet"
PARTITION_FILE = "data.parquet"
_SCALE_KEY = "year, procedure, subject, grade"


@dataclass(frozen=True)
class PartitionSummary:
    """Rows stored for one municipality, year and procedure."""

    municipality_id: str
    year: int
    procedure: str
    rows: int


@dataclass(frozen=True)
class StoreChange:
    """What one :meth:`ResultStore.replace` did."""

    added: list[PartitionSummary] = field(default_factory=list)
    replaced: list[PartitionSummary] = field(default_factory=list)
    organizations_added: int = 0
    organizations_updated: int = 0

    @property
    def rows(self) -> int:
        return sum(p.rows for p in self.added + self.replaced)


class ResultStore:
    """Imported organisations, results and scales of a workspace, as Parquet under ``root``."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    @property
    def results_dir(self) -> Path:
        return self.root / RESULTS_DIR

    def replace(self, dataset: Dataset) -> StoreChange:
        """Store a validated dataset: its partitions replace stored ones, organisations merge."""
        self.root.mkdir(parents=True, exist_ok=True)
        self._remove_leftovers()
        token = uuid.uuid4().hex[:12]
        staging = self.root / f".staging-{token}"
        trash = self.root / f".trash-{token}"
        try:
            staged, change = self._stage(dataset, staging)
            _swap(staged, staging, trash, self.root)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            shutil.rmtree(trash, ignore_errors=True)
        return change

    def load(self, municipality_id: str | None = None) -> Dataset:
        """The stored data, all of it or one municipality's (scales are shared by all)."""
        organizations = _read(self.root / ORGANIZATIONS_FILE, ORGANIZATIONS_SCHEMA)
        if municipality_id is not None:
            organizations = organizations.filter(pc.equal(organizations.column("municipality_id"), municipality_id))
        files = [path for _, path in self._partitions(municipality_id)]
        tables = [pq.ParquetFile(path).read().cast(RESULTS_SCHEMA) for path in files]
        results = pa.concat_tables(tables) if tables else RESULTS_SCHEMA.empty_table()
        scales_path = self.root / SCALES_FILE
        scales = _read(scales_path, SCALES_SCHEMA) if scales_path.exists() else None
        return Dataset(organizations=organizations, results=results, scales=scales)

    def summary(self) -> list[PartitionSummary]:
        """Rows per municipality, year and procedure, from the Parquet metadata only."""
        return [
            PartitionSummary(mun, year, procedure, pq.ParquetFile(path).metadata.num_rows)
            for (mun, year, procedure), path in self._partitions(None)
        ]

    def _partitions(self, municipality_id: str | None) -> list[tuple[tuple[str, int, str], Path]]:
        found = []
        if not self.results_dir.is_dir():
            return found
        for mun_dir in sorted(self.results_dir.glob("municipality_id=*")):
            mun = _value(mun_dir.name)
            if municipality_id is not None and mun != municipality_id:
                continue
            for path in sorted(mun_dir.glob(f"year=*/procedure=*/{PARTITION_FILE}")):
                year = int(_value(path.parent.parent.name))
                found.append(((mun, year, _value(path.parent.name)), path))
        return sorted(found, key=lambda item: item[0])

    def _stage(self, dataset: Dataset, staging: Path) -> tuple[list[Path], StoreChange]:
        """Write every new file under ``staging``; return their paths relative to it."""
        staging.mkdir()
        con = duckdb.connect()
        try:
            staged: list[Path] = []
            added, replaced = [], []
            for (mun, year, procedure), part in _split_results(con, dataset):
                relative = _partition_path(mun, year, procedure)
                (staging / relative).parent.mkdir(parents=True, exist_ok=True)
                pq.write_table(part, staging / relative)
                staged.append(relative)
                summary = PartitionSummary(mun, year, procedure, part.num_rows)
                (replaced if (self.root / relative).exists() else added).append(summary)
            organizations, new_count, updated = self._merged_organizations(dataset.organizations)
            pq.write_table(organizations, staging / ORGANIZATIONS_FILE)
            staged.append(Path(ORGANIZATIONS_FILE))
            if dataset.scales is not None and dataset.scales.num_rows:
                pq.write_table(self._merged_scales(con, dataset.scales), staging / SCALES_FILE)
                staged.append(Path(SCALES_FILE))
        finally:
            con.close()
        return staged, StoreChange(added, replaced, new_count, updated)

    def _merged_organizations(self, new: pa.Table) -> tuple[pa.Table, int, int]:
        new = new.cast(ORGANIZATIONS_SCHEMA)
        path = self.root / ORGANIZATIONS_FILE
        if not path.exists():
            return new, new.num_rows, 0
        old = _read(path, ORGANIZATIONS_SCHEMA)
        replaced = pc.is_in(old.column("org_id"), value_set=new.column("org_id").combine_chunks())
        updated = pc.sum(replaced).as_py() or 0
        merged = pa.concat_tables([old.filter(pc.invert(replaced)), new])
        return merged, new.num_rows - updated, updated

    def _merged_scales(self, con: duckdb.DuckDBPyConnection, new: pa.Table) -> pa.Table:
        path = self.root / SCALES_FILE
        if not path.exists():
            return new.cast(SCALES_SCHEMA)
        con.register("scales_old", _read(path, SCALES_SCHEMA))
        con.register("scales_new", new.cast(SCALES_SCHEMA))
        return (
            con.sql(
                f"SELECT o.* FROM scales_old o ANTI JOIN scales_new n USING ({_SCALE_KEY}) "
                f"UNION ALL SELECT * FROM scales_new ORDER BY {_SCALE_KEY}, mark"
            )
            .to_arrow_table()
            .cast(SCALES_SCHEMA)
        )

    def _remove_leftovers(self) -> None:
        # Staging folders of an interrupted import hold nothing that is in use.
        for leftover in self.root.glob(".staging-*"):
            shutil.rmtree(leftover, ignore_errors=True)


def _split_results(
    con: duckdb.DuckDBPyConnection, dataset: Dataset
) -> list[tuple[tuple[str, int, str], pa.Table]]:
    """The results cut into partitions, each as a slice of one sorted table."""
    con.register("split_results", dataset.results)
    con.register("split_orgs", dataset.organizations.select(["org_id", "municipality_id"]))
    columns = ", ".join(f"r.{name}" for name in RESULTS_SCHEMA.names)
    ordered = con.sql(
        f"SELECT o.municipality_id, {columns} FROM split_results r JOIN split_orgs o USING (org_id) "
        "ORDER BY o.municipality_id, r.year, r.procedure"
    ).to_arrow_table()
    if ordered.num_rows != dataset.results.num_rows:
        raise ValueError("results refer to organisations missing from the dataset")
    con.register("split_ordered", ordered)
    groups = con.sql(
        "SELECT municipality_id, year, procedure, count(*) FROM split_ordered "
        "GROUP BY ALL ORDER BY municipality_id, year, procedure"
    ).fetchall()
    results = ordered.drop_columns(["municipality_id"]).cast(RESULTS_SCHEMA)
    parts, offset = [], 0
    for mun, year, procedure, count in groups:
        parts.append(((mun, int(year), procedure), results.slice(offset, count)))
        offset += count
    return parts


def _swap(staged: list[Path], staging: Path, trash: Path, root: Path) -> None:
    """Move staged files into place; on any failure put back what was there before."""
    done: list[tuple[Path, Path | None]] = []
    try:
        for relative in staged:
            target, backup = root / relative, None
            if target.exists():
                backup = trash / relative
                backup.parent.mkdir(parents=True, exist_ok=True)
                os.replace(target, backup)
            done.append((target, backup))
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / relative, target)
    except BaseException:
        for target, backup in reversed(done):
            if backup is not None:
                os.replace(backup, target)
            else:
                target.unlink(missing_ok=True)
                _prune_empty(target.parent, root)
        raise


def _prune_empty(folder: Path, root: Path) -> None:
    """Remove ``folder`` and its parents below ``root`` while they are empty."""
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _partition_path(municipality_id: str, year: int, procedure: str) -> Path:
    return (
        Path(RESULTS_DIR)
        / f"municipality_id={quote(municipality_id, safe='')}"
        / f"year={year}"
        / f"procedure={quote(procedure, safe='')}"
        / PARTITION_FILE
    )


def _value(name: str) -> str:
    return unquote(name.split("=", 1)[1])


def _read(path: Path, schema: pa.Schema) -> pa.Table:
    return pq.ParquetFile(path).read().cast(schema) if path.exists() else schema.empty_table()
