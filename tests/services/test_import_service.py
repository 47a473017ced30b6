"""The import use case: database rows and Parquet files stored together, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from mskoko import services
from mskoko.errors import ProblemReport

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

ORGS = (
    "org_id,name,municipality_id,municipality_name,org_type,settlement,students,social_index\n"
    "S1,МБОУ СОШ № 1,M1,Городской округ,school,urban,800,0.2\n"
    "S2,МКОУ Ивановская ООШ,M1,Городской округ,school,rural,60,0.7\n"
)
HEADER = "year,procedure,subject,grade,org_id,student_id,primary_score,max_score,mark,school_mark\n"


def _results(year: int, n: int, *, procedure: str = "VPR") -> str:
    rows = [
        f"{year},{procedure},math,5,{'S1' if i % 2 else 'S2'},st{i},{10 + i % 5},20,{3 + i % 3},4"
        for i in range(n)
    ]
    return HEADER + "\n".join(rows) + "\n"


def _write(folder: Path, results: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "organizations.csv").write_text(ORGS, encoding="utf-8")
    (folder / "results.csv").write_text(results, encoding="utf-8")
    return folder


def test_import_stores_organisations_batches_and_results(workspace: Path, tmp_path: Path) -> None:
    from mskoko.web.core.models import AuditEntry, ImportBatch, Municipality, Organization

    summary = services.import_data(_write(tmp_path / "d1", _results(2024, 10)))

    assert summary.result_rows == 10
    assert Municipality.objects.get(id="M1").name == "Городской округ"
    assert Organization.objects.filter(municipality_id="M1").count() == 2
    batch = ImportBatch.objects.get()
    assert (batch.year, batch.procedure, batch.rows) == (2024, "VPR", 10)
    assert AuditEntry.objects.filter(action="import").count() == 1
    assert services.load_workspace_dataset("M1").results.num_rows == 10


def test_reimport_of_same_year_and_procedure_replaces(workspace: Path, tmp_path: Path) -> None:
    from mskoko.web.core.models import ImportBatch

    services.import_data(_write(tmp_path / "d1", _results(2024, 10)))
    services.import_data(_write(tmp_path / "d2", _results(2025, 4)))
    summary = services.import_data(_write(tmp_path / "d3", _results(2024, 6)))

    assert summary.partitions[0]["replaced_rows"] == 10
    assert ImportBatch.objects.count() == 2
    dataset = services.load_workspace_dataset("M1")
    years = dataset.results.column("year").to_pylist()
    assert sorted(set(years)) == [2024, 2025]
    assert years.count(2024) == 6 and years.count(2025) == 4


def test_refused_import_leaves_workspace_unchanged(workspace: Path, tmp_path: Path) -> None:
    from mskoko.web.core.models import ImportBatch, Organization

    services.import_data(_write(tmp_path / "good", _results(2024, 10)))
    broken = _results(2024, 3).replace("st1,11,20,4", "st1,11,20,7").replace(",S2,st2", ",S9,st2")
    with pytest.raises(ProblemReport) as caught:
        services.import_data(_write(tmp_path / "bad", broken))

    lines = {p.line for p in caught.value.problems}
    assert {3, 4} <= lines
    assert ImportBatch.objects.get().rows == 10
    assert Organization.objects.count() == 2
    assert services.load_workspace_dataset("M1").results.num_rows == 10


def test_store_failure_rolls_back_database(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mskoko.data.store import ResultStore
    from mskoko.web.core.models import ImportBatch, Municipality

    def explode(self: ResultStore, dataset: object) -> None:
        raise OSError("диск заполнен")

    monkeypatch.setattr(ResultStore, "replace", explode)
    with pytest.raises(OSError):
        services.import_data(_write(tmp_path / "d1", _results(2024, 5)))
    assert ImportBatch.objects.count() == 0
    assert Municipality.objects.count() == 0
