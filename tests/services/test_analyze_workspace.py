"""The workspace analysis: one region-wide run, each municipality's files hold only its part."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from mskoko import services
from mskoko.demo import generate, write_contract_files
from mskoko.errors import MskokoError

pytestmark = pytest.mark.django_db(transaction=True)


def test_region_analysis_writes_each_municipality_its_own_part(
    workspace: Path, tmp_path: Path
) -> None:
    generated = generate(11, municipalities=2, schools_per_municipality=12)
    services.import_data(write_contract_files(generated.dataset, tmp_path / "data")[0].parent)
    orgs = generated.dataset.organizations.to_pandas()
    first, second = sorted(orgs["municipality_id"].unique())

    written = services.analyze_workspace(first)

    assert {p.name for p in written} >= {"flags.csv", "indicators.parquet", "report.docx"}
    for mid in (first, second):
        folder = services.analysis_dir(mid)
        own = set(orgs.loc[orgs["municipality_id"] == mid, "org_id"])
        flags = pd.read_csv(folder / "flags.csv", dtype={"org_id": str})
        indicators = pd.read_parquet(folder / "indicators.parquet")
        assert set(flags["org_id"]) <= own
        assert set(indicators["org_id"]) <= own and len(indicators) > 0


def test_unknown_municipality_is_refused_in_russian(workspace: Path, tmp_path: Path) -> None:
    generated = generate(12, municipalities=1, schools_per_municipality=6)
    services.import_data(write_contract_files(generated.dataset, tmp_path / "data")[0].parent)
    with pytest.raises(MskokoError, match="нет данных муниципалитета"):
        services.analyze_workspace("нет-такого")
