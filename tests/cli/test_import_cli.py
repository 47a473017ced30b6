"""`mskoko import` end to end: a refused file names every broken line, exits non-zero and
stores nothing; Windows-1251 with semicolons and Russian headers imports like UTF-8."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mskoko import services
from mskoko.cli.main import app

DATA = Path(__file__).resolve().parent.parent / "data" / "import"

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def _invoke(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


def test_broken_results_are_refused_with_every_line_and_nothing_stored(workspace: Path) -> None:
    from mskoko.web.core.models import ImportBatch, Organization

    good = _invoke("import", str(DATA / "valid"))
    assert good.exit_code == 0, good.output
    batches_before = list(ImportBatch.objects.values_list("year", "procedure", "rows"))
    stored_before = services.load_workspace_dataset().results.num_rows

    result = _invoke("import", str(DATA / "broken_results"))

    assert result.exit_code == 1
    for fragment in ("строка 3", "строка 5", "«mark»", "«org_id»", "Ничего не сохранено"):
        assert fragment in result.output, fragment
    assert "primary_score" in result.output
    assert list(ImportBatch.objects.values_list("year", "procedure", "rows")) == batches_before
    assert services.load_workspace_dataset().results.num_rows == stored_before
    assert not Organization.objects.filter(id="0999").exists()


def test_windows_1251_semicolons_import_like_utf8(workspace: Path) -> None:
    from mskoko.data import read_dataset

    result = _invoke("import", str(DATA / "russian_cp1251"))
    assert result.exit_code == 0, result.output
    assert "Загружено" in result.output
    stored = services.load_workspace_dataset()
    expected = read_dataset(DATA / "valid")
    assert stored.results.num_rows == expected.results.num_rows
    columns = ["year", "procedure", "subject", "grade", "org_id", "student_id", "mark"]
    key = ["student_id", "subject", "year"]
    got = stored.results.to_pandas()[columns].sort_values(key).reset_index(drop=True)
    want = expected.results.to_pandas()[columns].sort_values(key).reset_index(drop=True)
    assert got.astype(str).equals(want.astype(str))
