"""The Ibis aggregation, checked against counts worked out by hand on tests/data/analytics/tiny."""

from __future__ import annotations

import pandas as pd
import pytest

from mskoko.analytics.aggregates import compute
from mskoko.analytics.engines import DuckDBEngine


@pytest.fixture(scope="module")
def agg(tiny, settings):
    engine = DuckDBEngine()
    try:
        return compute(engine, tiny, settings)
    finally:
        engine.close()


def unit(agg, org: str, year: int, procedure: str, subject: str) -> pd.Series:
    u = agg.units
    rows = u[(u.org_id == org) & (u.year == year) & (u.procedure == procedure) & (u.subject == subject)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_levels_count_mark_two_as_below_basic_and_five_as_high(agg) -> None:
    a = unit(agg, "A", 2024, "VPR", "math")
    assert (a.participants, a.n_level, a.n_below, a.n_high) == (6, 6, 2, 1)
    assert (a.n_mark2, a.n_mark3, a.n_mark4, a.n_mark5) == (2, 2, 1, 1)


def test_ege_below_basic_means_under_the_subject_minimum_and_high_means_81_or_more(agg) -> None:
    russian = unit(agg, "A", 2025, "EGE", "russian")
    assert (russian.n_level, russian.n_below, russian.n_high) == (3, 1, 1)
    base = unit(agg, "A", 2025, "EGE", "math_base")
    assert (base.n_level, base.n_below) == (1, 1)


def test_agreement_with_school_marks_counts_raised_lowered_and_skips_missing(agg) -> None:
    a = unit(agg, "A", 2024, "VPR", "math")
    assert (a.n_pairs, a.n_raised, a.n_lowered) == (5, 1, 2)


def test_scores_at_and_around_the_cuts_use_the_scale_and_the_window(agg) -> None:
    a = unit(agg, "A", 2024, "VPR", "math")
    # cut 3 = 6 and cut 4 = 12, window 2: a1 and a4 at a cut, a2 just below, a3 just above
    assert (a.n_at_cut, a.n_just_below, a.n_just_above, a.n_cut_tests) == (2, 1, 1, 1)


def test_cohort_links_the_same_students_in_next_years_oge(agg) -> None:
    c = agg.cohorts.set_index(["org_id", "year", "procedure", "subject"])
    assert c.loc[("A", 2024, "VPR", "math"), "n_linked"] == 4
    assert c.loc[("B", 2024, "VPR", "math"), "n_linked"] == 2


def test_percentiles_give_tied_scores_the_middle_of_their_run(tiny, settings) -> None:
    import ibis

    from mskoko.analytics.aggregates import _cuts, _ege_minimum_table, enrich

    engine = DuckDBEngine()
    try:
        results = engine.register("r", tiny.results)
        cuts = _cuts(results, engine.register("s", tiny.scales))
        minimum = engine.register("m", _ege_minimum_table(settings))
        rows = engine.to_pandas(enrich(results, cuts, minimum, settings).filter(
            ibis._.procedure == "VPR"))
    finally:
        engine.close()
    pct = rows.set_index("student_id")["pct"]
    assert pct["a4"] == pytest.approx(pct["b1"]) == pytest.approx(pct["b2"])  # all scored 12
    assert pct["b3"] < pct["a6"] < pct["a2"] < pct["a1"] < pct["a4"] < pct["a5"]


def test_distinct_students_are_counted_per_year_overall_and_per_procedure(agg) -> None:
    s = agg.students.set_index(["org_id", "year", "procedure"])["students"]
    assert s[("A", 2025, "*")] == 7  # a1–a4 at ОГЭ, s1–s3 at ЕГЭ (s1 twice)
    assert s[("A", 2025, "EGE")] == 3


def test_cuts_are_inferred_from_marks_when_scales_are_absent(tiny, settings) -> None:
    from dataclasses import replace

    engine = DuckDBEngine()
    try:
        agg = compute(engine, replace(tiny, scales=None), settings)
    finally:
        engine.close()
    cut = agg.cuts.set_index(["year", "procedure", "subject"]).loc[(2024, "VPR", "math")]
    assert (cut.cut3, cut.cut4, cut.cut5) == (6, 12, 20)  # lowest score seen with each mark
