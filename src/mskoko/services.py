"""Use cases the adapters (CLI, web, API) call: each opens the workspace, calls the core,
stores what must be stored, and lets `MskokoError` travel up to the adapter's edge."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mskoko.config import workspace_home
from mskoko.errors import MskokoError

Progress = Callable[[str], None]


def _noop(_: str) -> None:
    return None


@dataclass
class ImportSummary:
    """What an accepted import stored, per municipality/year/procedure partition."""

    organizations: int
    municipalities: list[str]
    partitions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def result_rows(self) -> int:
        return sum(p["rows"] for p in self.partitions)


def _refuse_foreign(dataset: Any, municipality_id: str, name: str) -> None:
    from mskoko.errors import Problem, ProblemReport

    foreign = [m for m in dataset.municipality_ids() if m != municipality_id]
    if foreign:
        raise ProblemReport(
            [
                Problem(
                    f"организации муниципалитета «{m}» — можно загружать только данные "
                    f"муниципалитета «{name}» (код {municipality_id})",
                    file="organizations",
                    column="municipality_id",
                    value=m,
                    code="foreign_municipality",
                )
                for m in foreign
            ],
            title="Данные не приняты",
        )


def results_root(home: Path | None = None) -> Path:
    return (home or workspace_home()) / "store"


def import_data(
    path: Path | str,
    *,
    user: Any = None,
    progress: Progress = _noop,
    only_municipality: tuple[str, str] | None = None,
) -> ImportSummary:
    """Validate DATA and store it, all or nothing: database rows and Parquet together.

    The Parquet swap is the last step inside the database transaction, so a failure in
    either leaves the workspace as it was; the same year and procedure replace, never add.
    ``only_municipality`` (id, name) refuses data of any other municipality (a municipal
    specialist's upload).
    """
    from django.db import transaction

    from mskoko.data.readers import read_dataset
    from mskoko.data.store import ResultStore
    from mskoko.web.bootstrap import setup_django

    progress("Проверка файлов…")
    dataset = read_dataset(path)
    if only_municipality is not None:
        _refuse_foreign(dataset, *only_municipality)
    setup_django()
    from mskoko.web.core.models import AuditEntry, ImportBatch, Municipality, Organization

    orgs = dataset.organizations.to_pylist()
    results = dataset.results.select(["org_id", "year", "procedure"]).to_pandas()
    muni_of = {o["org_id"]: o["municipality_id"] for o in orgs}
    results["municipality_id"] = results["org_id"].map(muni_of)
    counts = (
        results.groupby(["municipality_id", "year", "procedure"]).size().reset_index(name="rows")
    )
    store = ResultStore(results_root())
    progress("Сохранение…")
    with transaction.atomic():
        names: dict[str, str] = {}
        for o in orgs:
            names.setdefault(o["municipality_id"], o.get("municipality_name") or "")
        for mid, name in names.items():
            muni, _ = Municipality.objects.get_or_create(
                id=mid, defaults={"name": name or f"Муниципалитет {mid}"}
            )
            if name and muni.name != name:
                muni.name = name
                muni.save(update_fields=["name"])
        for o in orgs:
            Organization.objects.update_or_create(
                id=o["org_id"],
                defaults={
                    "name": o["name"],
                    "municipality_id": o["municipality_id"],
                    "org_type": o.get("org_type") or "school",
                    "settlement": o.get("settlement") or "",
                    "students": o.get("students"),
                    "social_index": o.get("social_index"),
                },
            )
        partitions = []
        for row in counts.itertuples(index=False):
            previous = ImportBatch.objects.filter(
                municipality_id=row.municipality_id, year=int(row.year), procedure=row.procedure
            ).first()
            replaced = previous.rows if previous else 0
            if previous:
                previous.delete()
            ImportBatch.objects.create(
                municipality_id=row.municipality_id,
                year=int(row.year),
                procedure=row.procedure,
                rows=int(row.rows),
                source=str(path),
                imported_by=user if getattr(user, "pk", None) else None,
                replaced_rows=replaced,
            )
            partitions.append(
                {
                    "municipality_id": row.municipality_id,
                    "year": int(row.year),
                    "procedure": row.procedure,
                    "rows": int(row.rows),
                    "replaced_rows": replaced,
                }
            )
        AuditEntry.objects.create(
            user=user if getattr(user, "pk", None) else None,
            actor=getattr(user, "username", "") or "cli",
            action="import",
            object_type="dataset",
            object_id=str(path)[:200],
            details={"partitions": partitions, "organizations": len(orgs)},
        )
        # Last: the files. If this raises, the database part rolls back with it.
        store.replace(dataset)
    return ImportSummary(
        organizations=len(orgs), municipalities=sorted(names), partitions=partitions
    )


def load_workspace_dataset(municipality_id: str | None = None):  # -> Dataset
    """The stored dataset (all municipalities or one), for analytics on the workspace."""
    from mskoko.data.store import ResultStore

    store = ResultStore(results_root())
    dataset = store.load(municipality_id)
    if dataset.results.num_rows == 0:
        raise MskokoError(
            "В рабочей области нет результатов: сначала загрузите данные командой «mskoko import»."
        )
    return dataset


def analysis_dir(municipality_id: str, home: Path | None = None) -> Path:
    """Where the last analysis of a municipality is kept in the workspace."""
    root = ((home or workspace_home()) / "analytics").resolve()
    folder = (root / municipality_id).resolve()
    if folder.parent != root:
        raise MskokoError(f"Недопустимый код муниципалитета: «{municipality_id}».")
    return folder


def analyze_workspace(
    municipality_id: str | None = None,
    *,
    rulebook: str = "base-2023",
    engine: str = "duckdb",
    progress: Callable[[str, float], None] | None = None,
) -> list[Path]:
    """Analyse everything stored in the workspace as one region; keep each municipality's part.

    Schools are compared with the whole region and with schools in similar conditions, so
    the analysis always runs over all stored municipalities; each municipality's files are
    replaced atomically. Returns the files of ``municipality_id`` (or of all, when None).
    """
    from mskoko.analytics.pipeline import analyze
    from mskoko.rulebook import load_rulebook

    dataset = load_workspace_dataset()
    known = set(dataset.municipality_ids())
    if municipality_id is not None and municipality_id not in known:
        raise MskokoError(f"В рабочей области нет данных муниципалитета «{municipality_id}».")
    result = analyze(dataset, load_rulebook(rulebook), engine=engine, progress=progress)
    written: list[Path] = []
    for mid in sorted(known):
        files = _write_municipality_analysis(result, dataset, mid)
        if municipality_id in (None, mid):
            written += files
    return written


def _restrict(result: Any, dataset: Any, municipality_id: str) -> tuple[Any, Any]:
    """The part of a region-wide analysis and dataset that concerns one municipality."""
    import dataclasses

    import pyarrow.compute as pc

    from mskoko.data.dataset import Dataset

    orgs = dataset.organizations.filter(
        pc.equal(dataset.organizations.column("municipality_id"), municipality_id)
    )
    org_ids = set(orgs.column("org_id").to_pylist())
    results = dataset.results.filter(
        pc.is_in(dataset.results.column("org_id"), value_set=orgs.column("org_id"))
    )
    changes = {}
    for item in dataclasses.fields(result):
        frame = getattr(result, item.name)
        if not hasattr(frame, "columns") or item.name == "groups":
            continue  # contextual groups stay region-wide: they are the comparison
        if "municipality_id" in frame.columns:
            changes[item.name] = frame[frame["municipality_id"] == municipality_id]
        elif "org_id" in frame.columns:
            changes[item.name] = frame[frame["org_id"].isin(org_ids)]
        elif frame.index.name == "org_id":
            changes[item.name] = frame[frame.index.isin(org_ids)]
    return dataclasses.replace(result, **changes), Dataset(orgs, results, dataset.scales)


def _write_municipality_analysis(result: Any, dataset: Any, municipality_id: str) -> list[Path]:
    import shutil
    import tempfile

    from mskoko.analytics.outputs import write_outputs

    part, data = _restrict(result, dataset, municipality_id)
    target = analysis_dir(municipality_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=target.parent))
    try:
        written = write_outputs(part, data, staging)
        old = target.with_name(f".old-{municipality_id}")
        if target.exists():
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [target / p.name for p in written]
