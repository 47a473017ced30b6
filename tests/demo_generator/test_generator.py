"""The demonstration region: realistic, deterministic, linkable across years, with its truth."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow.compute as pc
import pytest

from mskoko.demo import generate, generate_large, write_contract_files


@pytest.fixture(scope="module")
def region():
    return generate(2026)


@pytest.fixture(scope="module")
def results(region):
    return region.dataset.results.to_pandas()


def test_the_same_seed_makes_the_same_region_and_another_seed_another(region) -> None:
    again = generate(2026)
    assert again.dataset.results.equals(region.dataset.results)
    assert again.dataset.organizations.equals(region.dataset.organizations)
    other = generate(7, schools_per_municipality=10)
    assert not other.dataset.results.slice(0, 100).equals(region.dataset.results.slice(0, 100))


def test_results_respect_the_contract_ranges(region, results) -> None:
    assert (results["primary_score"] <= results["max_score"]).all()
    assert results["mark"].dropna().between(2, 5).all()
    assert results["school_mark"].dropna().between(2, 5).all()
    assert results["test_score"].dropna().between(0, 100).all()
    ege = results[results["procedure"] == "EGE"]
    assert ege.loc[ege["subject"] == "math_base", "mark"].notna().all()
    assert ege.loc[ege["subject"] == "russian", "test_score"].notna().all()
    assert set(results["org_id"]) <= set(region.dataset.organizations.column("org_id").to_pylist())
    assert set(results["procedure"]) == {"VPR", "OGE", "EGE"}
    assert set(results.loc[results["procedure"] == "VPR", "grade"]) == {4, 5, 6, 7, 8}


def test_marks_follow_the_published_scales(region, results) -> None:
    scales = region.dataset.scales.to_pandas()
    cut = scales[(scales.year == 2024) & (scales.procedure == "OGE") & (scales.subject == "math")]
    cut3 = int(cut.loc[cut["mark"] == 3, "min_primary_score"].iloc[0])
    oge = results[(results.year == 2024) & (results.procedure == "OGE") & (results.subject == "math")]
    assert (oge.loc[oge["primary_score"] >= cut3, "mark"] >= 3).all()
    assert (oge.loc[oge["primary_score"] < cut3, "mark"] == 2).all()


def test_students_move_up_a_grade_under_the_same_pseudonym(results) -> None:
    vpr8 = results[(results.procedure == "VPR") & (results.grade == 8) & (results.year == 2024)]
    oge9 = results[(results.procedure == "OGE") & (results.grade == 9) & (results.year == 2025)]
    linked = set(vpr8["student_id"]) & set(oge9["student_id"])
    assert len(linked) > 0.8 * vpr8["student_id"].nunique()
    assert all(re.fullmatch(r"s[0-9a-f]{10}", s) for s in list(linked)[:50])


def test_levels_look_like_real_procedures(results) -> None:
    vpr = results[results.procedure == "VPR"]["mark"].value_counts(normalize=True)
    assert 0.08 < vpr[2] < 0.3 and 0.05 < vpr[5] < 0.35
    paired = results.dropna(subset=["mark", "school_mark"])
    lowered = (paired["mark"] < paired["school_mark"]).mean()
    raised = (paired["mark"] > paired["school_mark"]).mean()
    assert lowered > raised  # journal marks run higher than procedure marks, as in practice


def test_schools_have_russian_registry_names_and_realistic_sizes(region) -> None:
    orgs = region.dataset.organizations.to_pandas()
    schools = orgs[orgs.org_type == "school"]
    pattern = r"(МБОУ|МКОУ|МАОУ) .*(СОШ|ООШ|НОШ|Лицей|Гимназия).*"
    assert schools["name"].str.fullmatch(pattern).all()
    assert schools["students"].min() < 40 and schools["students"].max() > 600
    assert set(schools["settlement"]) == {"urban", "rural"}
    assert (orgs.org_type == "kindergarten").any()


def test_truth_plants_every_kind_of_case(region) -> None:
    truth = region.truth
    for role in ("strong", "tiny", "low_results", "adverse", "inflated"):
        assert truth.orgs_with_role(role), role
    assert {i.org_id for i in truth.inflations} == truth.orgs_with_role("inflated")
    assert len({i.mechanism for i in truth.inflations}) >= 3
    assert len({i.scope for i in truth.inflations}) >= 3


def test_inflation_raises_marks_only_where_it_was_planted(region) -> None:
    truth = region.truth
    planted = {(i.org_id, y, i.procedure) for i in truth.inflations for y in i.years}
    assert set(truth.raised) <= planted
    assert truth.materially_inflated_org_years() <= truth.inflated_org_years()
    assert any(truth.raised_share(*key) > 0.2 for key in truth.raised)


def test_strong_schools_are_strong_in_independent_procedures_too(region, results) -> None:
    strong = region.truth.orgs_with_role("strong")
    oge = results[results.procedure == "OGE"]
    share2 = oge.groupby(oge["org_id"].isin(strong))["mark"].apply(lambda m: (m == 2).mean())
    assert share2[True] < share2[False] / 2


def test_tiny_schools_have_fewer_students_than_can_be_judged(region, results) -> None:
    tiny = region.truth.orgs_with_role("tiny")
    per_year = results[results.org_id.isin(tiny)].groupby(["org_id", "year"])["student_id"].nunique()
    assert (per_year < 20).all()


@pytest.mark.parametrize("fmt, encoding, delimiter", [
    ("csv", "utf-8", ","), ("csv", "cp1251", ";"), ("xlsx", "utf-8", ","),
])
def test_contract_files_are_read_back_by_the_importer(fmt, encoding, delimiter, tmp_path: Path) -> None:
    from mskoko.data import read_dataset

    small = generate(3, schools_per_municipality=4, years=(2025,))
    write_contract_files(small.dataset, tmp_path, fmt=fmt, encoding=encoding, delimiter=delimiter)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{name}.{fmt}" for name in ("organizations", "results", "scales"))
    back = read_dataset(tmp_path)
    assert back.results.num_rows == small.dataset.results.num_rows
    assert set(back.organizations.column("name").to_pylist()) == set(
        small.dataset.organizations.column("name").to_pylist())
    assert pc.sum(back.results.column("primary_score")).as_py() == pc.sum(
        small.dataset.results.column("primary_score")).as_py()


def test_large_region_is_streamed_to_csv_near_the_target(tmp_path: Path) -> None:
    summary = generate_large(tmp_path, rows_target=60_000, seed=5, schools_per_municipality=12)
    assert 0.8 * 60_000 <= summary.rows <= 1.6 * 60_000
    lines = sum(1 for _ in (tmp_path / "results.csv").open(encoding="utf-8")) - 1
    assert lines == summary.rows
    assert (tmp_path / "organizations.csv").exists() and (tmp_path / "scales.csv").exists()
