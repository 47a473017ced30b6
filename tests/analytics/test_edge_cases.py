"""Inputs at the edges: a handful of students, one year, no optional registry columns."""

from __future__ import annotations

from dataclasses import replace

import pyarrow as pa
import pytest

from mskoko.analytics import analyze, write_outputs
from mskoko.errors import MskokoError


def test_a_few_students_give_small_sample_flags_and_no_judgement(tiny, rulebook, tmp_path) -> None:
    result = analyze(tiny, rulebook)
    written = {p.name for p in write_outputs(result, tiny, tmp_path)}
    assert {"flags.csv", "indicators.csv", "report.docx"} <= written
    flags = result.flags
    assert set(flags.loc[flags["flag"] == "small_sample", "org_id"]) == {"A", "B"}
    assert not flags["flag"].isin(["objectivity_risk", "low_results", "risk_zone"]).any()
    assert (result.signs["z"].isna()).all()
    assert "K" not in set(result.indicators["org_id"])  # a kindergarten has no results


def test_registry_without_conditions_is_still_analysed(region, rulebook) -> None:
    orgs = region.dataset.organizations
    for column in ("settlement", "social_index", "students"):
        index = orgs.schema.get_field_index(column)
        orgs = orgs.set_column(index, column, pa.nulls(orgs.num_rows, orgs.schema.field(column).type))
    one_year = region.dataset.results.filter(pa.compute.equal(region.dataset.results["year"], 2025))
    result = analyze(replace(region.dataset, organizations=orgs, results=one_year), rulebook)
    assert not (result.flags["flag"] == "adverse_conditions").any()
    assert set(result.indicators["year"]) == {2025}
    assert result.indicators["share_below_basic_change_1y"].isna().all()
    assert (result.context["social_band"] == "не указано").all()


def test_no_results_is_a_clear_error(tiny, rulebook) -> None:
    empty = replace(tiny, results=tiny.results.slice(0, 0))
    with pytest.raises(MskokoError, match="нет ни одного результата"):
        analyze(empty, rulebook)


def test_results_without_marks_or_school_marks_still_give_levels(tiny, rulebook, tmp_path) -> None:
    results = tiny.results
    for column in ("mark", "school_mark"):
        index = results.schema.get_field_index(column)
        results = results.set_column(index, column, pa.nulls(results.num_rows, pa.int8()))
    ege_only = results.filter(pa.compute.equal(results["procedure"], "EGE"))
    dataset = replace(tiny, results=ege_only, scales=None)
    result = analyze(dataset, rulebook)
    write_outputs(result, dataset, tmp_path)
    russian = result.indicators[result.indicators["subject"] == "russian"].iloc[0]
    assert (russian["n_below"], russian["n_high"]) == (1, 1)
    assert not (result.flags["flag"] == "objectivity_risk").any()
