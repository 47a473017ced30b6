"""Shared fixtures: a generated region analysed once per session, and a hand-made tiny dataset."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

from mskoko.data.dataset import ORGANIZATIONS_SCHEMA, RESULTS_SCHEMA, SCALES_SCHEMA, Dataset

DATA = Path(__file__).resolve().parents[1] / "data" / "analytics"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "spark: runs on a local Spark session (slow start-up)")


def read_table(path: Path, schema: pa.Schema) -> pa.Table:
    options = pacsv.ConvertOptions(column_types=schema, strings_can_be_null=True)
    return pacsv.read_csv(path, convert_options=options).select(schema.names)


def load_folder(folder: Path) -> Dataset:
    """A contract folder read straight into a Dataset (no validation: the files are known)."""
    return Dataset(
        read_table(folder / "organizations.csv", ORGANIZATIONS_SCHEMA),
        read_table(folder / "results.csv", RESULTS_SCHEMA),
        read_table(folder / "scales.csv", SCALES_SCHEMA),
    )


@pytest.fixture(scope="session")
def rulebook():
    from mskoko.rulebook import load_rulebook

    return load_rulebook("base-2023")


@pytest.fixture(scope="session")
def settings(rulebook):
    from mskoko.analytics.settings import AnalyticsSettings

    return AnalyticsSettings.from_rulebook(rulebook)


@pytest.fixture(scope="session")
def tiny() -> Dataset:
    return load_folder(DATA / "tiny")


@pytest.fixture(scope="session")
def region():
    from mskoko.demo import generate

    return generate(2026)


@pytest.fixture(scope="session")
def analysis(region, rulebook):
    from mskoko.analytics import analyze

    return analyze(region.dataset, rulebook)


@pytest.fixture(scope="session")
def outputs(analysis, region, tmp_path_factory) -> Path:
    from mskoko.analytics import write_outputs

    out = tmp_path_factory.mktemp("analysis")
    write_outputs(analysis, region.dataset, out)
    return out
