"""The workspace Parquet store: replace semantics, all-or-nothing writes, loading by municipality."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from mskoko.data import Dataset, read_dataset
from mskoko.data import store as store_module
from mskoko.data.store import PartitionSummary, ResultStore

VALID = Path(__file__).parent.parent / "data" / "import" / "valid"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return read_dataset(VALID)


def _snapshot(root: Path) -> dict[str, str]:
    """Every file under root (hidden ones included) with a hash of its content."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _rows(table: pa.Table) -> list[tuple[object, ...]]:
    return sorted(tuple(row.values()) for row in table.to_pylist())


def _only(dataset: Dataset, year: int, procedure: str, students: list[str]) -> Dataset:
    results = dataset.results
    mask = pc.and_(
        pc.and_(pc.equal(results.column("year"), year), pc.equal(results.column("procedure"), procedure)),
        pc.is_in(results.column("student_id"), value_set=pa.array(students)),
    )
    return Dataset(dataset.organizations, results.filter(mask), None)


def test_replace_then_load_returns_the_same_rows(tmp_path: Path, dataset: Dataset) -> None:
    store = ResultStore(tmp_path / "home")

    change = store.replace(dataset)
    loaded = store.load()

    assert change.rows == dataset.results.num_rows
    assert change.organizations_added == 5 and change.organizations_updated == 0
    assert _rows(loaded.results) == _rows(dataset.results)
    assert _rows(loaded.organizations) == _rows(dataset.organizations)
    assert loaded.scales is not None and dataset.scales is not None
    assert _rows(loaded.scales) == _rows(dataset.scales)


def test_summary_counts_rows_per_municipality_year_and_procedure(tmp_path: Path, dataset: Dataset) -> None:
    store = ResultStore(tmp_path)
    store.replace(dataset)

    assert store.summary() == [
        PartitionSummary("M01", 2024, "VPR", 5),
        PartitionSummary("M01", 2025, "EGE", 1),
        PartitionSummary("M01", 2025, "OGE", 2),
        PartitionSummary("M02", 2024, "VPR", 1),
        PartitionSummary("M02", 2025, "EGE", 1),
        PartitionSummary("M02", 2025, "OGE", 1),
    ]


def test_reimport_of_a_partition_replaces_it_and_leaves_others(tmp_path: Path, dataset: Dataset) -> None:
    store = ResultStore(tmp_path)
    store.replace(dataset)

    # st-001 wrote math and Russian, st-002 math: three rows instead of five.
    change = store.replace(_only(dataset, 2024, "VPR", ["st-001", "st-002"]))

    assert change.replaced == [PartitionSummary("M01", 2024, "VPR", 3)]
    assert change.added == []
    summary = {(p.municipality_id, p.year, p.procedure): p.rows for p in store.summary()}
    assert summary[("M01", 2024, "VPR")] == 3
    assert summary[("M02", 2024, "VPR")] == 1  # another municipality's partition is untouched
    assert summary[("M01", 2025, "OGE")] == 2
    results = store.load("M01").results
    vpr_2024 = results.filter(pc.equal(results.column("year"), 2024))
    assert sorted(vpr_2024.column("student_id").to_pylist()) == ["st-001", "st-001", "st-002"]


def test_same_import_twice_does_not_duplicate(tmp_path: Path, dataset: Dataset) -> None:
    store = ResultStore(tmp_path)
    store.replace(dataset)

    second = store.replace(dataset)

    assert second.added == [] and len(second.replaced) == 6
    assert store.load().results.num_rows == dataset.results.num_rows
    assert store.load().organizations.num_rows == dataset.organizations.num_rows


def test_load_filters_by_municipality(tmp_path: Path, dataset: Dataset) -> None:
    store = ResultStore(tmp_path)
    store.replace(dataset)

    m02 = store.load("M02")

    assert set(m02.organizations.column("municipality_id").to_pylist()) == {"M02"}
    assert sorted(m02.results.column("org_id").to_pylist()) == ["0201", "0201", "0201"]
    assert store.load("M99").results.num_rows == 0


def test_organisations_merge_by_id_with_new_values_winning(tmp_path: Path, dataset: Dataset) -> None:
    store = ResultStore(tmp_path)
    store.replace(dataset)
    renamed = pa.Table.from_pylist(
        [
            dataset.organizations.to_pylist()[0] | {"name": "МБОУ СОШ № 1 имени Пушкина"},
            {"org_id": "0301", "name": "Новая школа", "municipality_id": "M03"},
        ],
        dataset.organizations.schema,
    )

    change = store.replace(Dataset(renamed, dataset.results.slice(0, 0), None))

    assert (change.organizations_added, change.organizations_updated) == (1, 1)
    names = {r["org_id"]: r["name"] for r in store.load().organizations.to_pylist()}
    assert names["0101"] == "МБОУ СОШ № 1 имени Пушкина"
    assert names["0301"] == "Новая школа"
    assert len(names) == 6


def test_scales_merge_by_year_procedure_subject_grade(tmp_path: Path, dataset: Dataset) -> None:
    store = ResultStore(tmp_path)
    store.replace(dataset)
    assert dataset.scales is not None
    new_scale = pa.Table.from_pylist(
        [{"year": 2024, "procedure": "VPR", "subject": "math", "grade": 8, "mark": m, "min_primary_score": s}
         for m, s in ((2, 0), (3, 6), (4, 12), (5, 19))],
        dataset.scales.schema,
    )

    store.replace(Dataset(dataset.organizations, dataset.results.slice(0, 0), new_scale))

    scales = store.load().scales
    assert scales is not None
    rows = scales.to_pylist()
    vpr = [(r["mark"], r["min_primary_score"]) for r in rows if r["procedure"] == "VPR"]
    assert vpr == [(2, 0), (3, 6), (4, 12), (5, 19)]
    # The OGE scale of the first import is another year/procedure/subject/grade: kept.
    assert [(r["mark"], r["min_primary_score"]) for r in rows if r["procedure"] == "OGE"] == [
        (2, 0), (3, 8), (4, 15), (5, 22)
    ]


def test_failure_while_writing_leaves_the_store_unchanged(
    tmp_path: Path, dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ResultStore(tmp_path)
    store.replace(dataset)
    before = _snapshot(tmp_path)
    real_write = store_module.pq.write_table
    calls = []

    def failing_write(*args: object, **kwargs: object) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise OSError("диск переполнен")
        real_write(*args, **kwargs)

    monkeypatch.setattr(store_module.pq, "write_table", failing_write)

    with pytest.raises(OSError, match="диск переполнен"):
        store.replace(_only(dataset, 2025, "OGE", ["st-001", "st-003", "st-005"]))

    assert _snapshot(tmp_path) == before


def test_failure_while_swapping_puts_back_what_was_replaced(
    tmp_path: Path, dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ResultStore(tmp_path)
    store.replace(_only(dataset, 2024, "VPR", ["st-001", "st-002", "st-005"]))
    before = _snapshot(tmp_path)
    real_replace = store_module.os.replace
    calls = []

    def failing_replace(source: object, target: object) -> None:
        calls.append(1)
        if len(calls) == 4:  # after a partition was swapped and another moved aside
            raise PermissionError("файл занят")
        real_replace(source, target)

    monkeypatch.setattr(store_module.os, "replace", failing_replace)

    with pytest.raises(PermissionError):
        store.replace(dataset)

    assert _snapshot(tmp_path) == before
    assert not any(p.name.startswith((".staging", ".trash")) for p in tmp_path.iterdir())


def test_municipality_ids_with_any_characters_are_stored_and_found(tmp_path: Path, dataset: Dataset) -> None:
    organizations = dataset.organizations.set_column(
        2, "municipality_id", pa.array(["Север/Юг 1", "Север/Юг 1", "Север/Юг 1", "М.О. «Лес»", "М.О. «Лес»"])
    )
    store = ResultStore(tmp_path)

    store.replace(Dataset(organizations, dataset.results, None))

    assert {p.municipality_id for p in store.summary()} == {"Север/Юг 1", "М.О. «Лес»"}
    assert store.load("Север/Юг 1").results.num_rows == 8


def test_empty_store_loads_empty_tables(tmp_path: Path) -> None:
    loaded = ResultStore(tmp_path / "nothing-yet").load()

    assert loaded.results.num_rows == 0 and loaded.organizations.num_rows == 0
    assert loaded.scales is None
    assert ResultStore(tmp_path).summary() == []
