"""The heavy work, written once as Ibis expressions: per-student rows → per-unit counts.

A *unit* is organisation × year × procedure × subject × grade. Everything downstream
(indicators, objectivity signs, low results) starts from the small tables built here, so
the same analysis runs on DuckDB or Spark unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa
from ibis import _

from mskoko.analytics.engines import Engine
from mskoko.analytics.settings import AnalyticsSettings, CohortLink
from mskoko.data.dataset import Dataset

UNIT = ["org_id", "year", "procedure", "subject", "grade"]
TEST = ["year", "procedure", "subject", "grade"]

# Columns of the unit table, in order; counts are integers, sums of percentiles floats.
UNIT_COUNTS = [
    "participants", "n_level", "n_below", "n_high", "n_mark2", "n_mark3", "n_mark4", "n_mark5",
    "n_pairs", "n_raised", "n_lowered", "n_at_cut", "n_just_below", "n_just_above",
    "n_cut_tests",
]
UNIT_SUMS = ["pct_sum", "pct_sq_sum"]
# Columns of an enriched row (see :func:`enrich`).
ENRICHED = ["org_id", "year", "procedure", "subject", "grade", "student_id", "mark",
            "level_known", "below", "high", "compare", "at_cut", "just_below", "just_above",
            "has_cuts", "pct"]


@dataclass
class Aggregates:
    """What the engine hands back: small pandas frames."""

    units: pd.DataFrame  # UNIT + UNIT_COUNTS + UNIT_SUMS
    students: pd.DataFrame  # org_id, year, procedure ('*' = all), students (distinct)
    cohorts: pd.DataFrame  # UNIT (of the earlier procedure) + later_procedure, n_linked, sums
    cuts: pd.DataFrame  # TEST + cut3, cut4, cut5 (given or inferred)


def _ege_minimum_table(settings: AnalyticsSettings) -> pa.Table:
    items = sorted(settings.ege_minimum_scores.items())
    return pa.table({
        "min_subject": pa.array([k for k, _ in items], pa.string()),
        "min_score": pa.array([v for _, v in items], pa.int16()),
    })


def _cuts(results: ir.Table, scales: ir.Table | None) -> ir.Table:
    """Cut scores of marks 3, 4, 5 per test: from scales.csv, else inferred from the marks."""
    inferred = results.filter(_.mark.notnull()).group_by(TEST).aggregate(
        **{f"i{m}": _.primary_score.min(where=_.mark == m) for m in (3, 4, 5)}
    )
    if scales is None:
        return inferred.select(*TEST, **{f"cut{m}": inferred[f"i{m}"] for m in (3, 4, 5)})
    given = scales.group_by(TEST).aggregate(
        **{f"g{m}": _.min_primary_score.min(where=_.mark == m) for m in (3, 4, 5)}
    )
    keys = given.select(*TEST).union(inferred.select(*TEST), distinct=True)
    joined = keys.left_join(given, TEST).select(*TEST, *[f"g{m}" for m in (3, 4, 5)])
    joined = joined.left_join(inferred, TEST)
    return joined.select(
        *[joined[k] for k in TEST],
        **{f"cut{m}": ibis.coalesce(joined[f"g{m}"], joined[f"i{m}"]) for m in (3, 4, 5)},
    )


def scored(
    results: ir.Table, cuts: ir.Table, minimum: ir.Table, settings: AnalyticsSettings
) -> ir.Table:
    """Per-row level flags, agreement with the school mark, cut proximity and the score."""
    joined = results.left_join(cuts, TEST).left_join(minimum, results.subject == minimum.min_subject)
    r = joined.select(
        *[joined[c] for c in results.columns], joined.cut3, joined.cut4, joined.cut5,
        joined.min_score,
    )
    by_test_score = (r.procedure == "EGE") & r.test_score.notnull() & r.min_score.notnull()
    level_known = by_test_score | r.mark.notnull()
    below = ibis.cases(
        (by_test_score, (r.test_score < r.min_score).cast("int32")),
        (r.mark.notnull(), (r.mark <= settings.below_basic_mark).cast("int32")),
        else_=ibis.null("int32"),
    )
    high = ibis.cases(
        ((r.procedure == "EGE") & r.test_score.notnull(),
         (r.test_score >= settings.ege_high_test_score).cast("int32")),
        (r.mark.notnull(), (r.mark >= settings.high_level_min_mark).cast("int32")),
        else_=ibis.null("int32"),
    )
    compare = ibis.cases(
        (r.mark.isnull() | r.school_mark.isnull(), ibis.null("int32")),
        (r.mark > r.school_mark, 1), (r.mark < r.school_mark, -1), else_=0,
    )
    w = settings.heaping_window
    marks = settings.heaping_marks
    # Only cuts whose whole band [cut − w, cut + w] fits the scale: near the maximum the band
    # is cut short and a steep distribution would pass for heaping.
    inside = {m: (r[f"cut{m}"] - w >= 0) & (r[f"cut{m}"] + w <= r.max_score) for m in marks}
    at_cut = sum(
        (inside[m] & (r.primary_score == r[f"cut{m}"])).fill_null(False).cast("int32")
        for m in marks
    )
    # Counts within ``w`` points on either side of each cut: on a smooth distribution the
    # cut itself holds about 1/(2w+1) of the band whatever the slope, heaping holds more.
    just_below = sum(
        (inside[m] & (r.primary_score >= r[f"cut{m}"] - w) & (r.primary_score < r[f"cut{m}"]))
        .fill_null(False).cast("int32")
        for m in marks
    )
    just_above = sum(
        (inside[m] & (r.primary_score > r[f"cut{m}"]) & (r.primary_score <= r[f"cut{m}"] + w))
        .fill_null(False).cast("int32")
        for m in marks
    )
    r = r.mutate(
        level_known=level_known.cast("int32"), below=below, high=high, compare=compare,
        at_cut=at_cut, just_below=just_below, just_above=just_above,
        has_cuts=r.cut3.notnull().cast("int32"), score=_score(r),
    )
    return r.select(*ENRICHED[:-1], "score")


def _score(r: ir.Table) -> ir.FloatingColumn:
    """What a student's place in the test is taken from: test score, else the primary share."""
    return ibis.coalesce(r.test_score.cast("float64") / 100.0,
                         r.primary_score.cast("float64") / r.max_score.cast("float64"))


def percentiles(results: ir.Table) -> ir.Table:
    """Mid-rank percentile of every score of every test (TEST + score → pct).

    The mean of percent_rank and cume_dist, so equal scores stand equal; computed from each
    test's score histogram, so no sort of every row is needed.
    """
    r = results.select(*TEST, score=_score(results))
    hist = r.group_by([*TEST, "score"]).aggregate(n_eq=r.count())
    cumulative = ibis.cumulative_window(group_by=[hist[k] for k in TEST], order_by=hist.score)
    whole = ibis.window(group_by=[hist[k] for k in TEST])
    hist = hist.mutate(n_le=hist.n_eq.sum().over(cumulative), n_all=hist.n_eq.sum().over(whole))
    below_count = (hist.n_le - hist.n_eq).cast("float64")
    percent_rank = ibis.ifelse(hist.n_all > 1, below_count / (hist.n_all - 1).cast("float64"), 0.0)
    return hist.select(*TEST, "score", pct=(percent_rank + hist.n_le.cast("float64")
                                            / hist.n_all.cast("float64")) / 2.0)


def with_percentile(rows: ir.Table, pct: ir.Table) -> ir.Table:
    """``rows`` (from :func:`scored`) with each row's percentile; rows without a score drop out."""
    joined = rows.join(pct, [*TEST, "score"])
    return joined.select(*ENRICHED)


def enrich(
    results: ir.Table, cuts: ir.Table, minimum: ir.Table, settings: AnalyticsSettings
) -> ir.Table:
    """Per-row level flags, agreement with the school mark, cut proximity and percentile."""
    return with_percentile(scored(results, cuts, minimum, settings), percentiles(results))


def unit_counts(enriched: ir.Table) -> ir.Table:
    e = enriched
    return e.group_by(UNIT).aggregate(
        participants=e.count(),
        n_level=e.level_known.sum(),
        n_below=e.below.sum(),
        n_high=e.high.sum(),
        **{f"n_mark{m}": (e.mark == m).cast("int32").sum() for m in (2, 3, 4, 5)},
        n_pairs=e.compare.notnull().cast("int32").sum(),
        n_raised=(e.compare == 1).cast("int32").sum(),
        n_lowered=(e.compare == -1).cast("int32").sum(),
        n_at_cut=e.at_cut.sum(),
        n_just_below=e.just_below.sum(),
        n_just_above=e.just_above.sum(),
        n_cut_tests=e.has_cuts.max(),
        pct_sum=e.pct.sum(),
        pct_sq_sum=(e.pct * e.pct).sum(),
    )


def distinct_students(enriched: ir.Table) -> ir.Table:
    """Distinct students per organisation-year, overall ('*') and per procedure."""
    # One pass removes repeated tests of a student; both counts then read the smaller table.
    seen = enriched.select("org_id", "year", "procedure", "student_id").distinct()
    per_procedure = seen.group_by(["org_id", "year", "procedure"]).aggregate(
        students=seen.student_id.count()
    )
    overall = seen.group_by(["org_id", "year"]).aggregate(
        students=seen.student_id.nunique()
    ).mutate(procedure=ibis.literal("*"))
    return per_procedure.union(overall.select("org_id", "year", "procedure", "students"))


def cohort_link(enriched: ir.Table, link: CohortLink) -> ir.Table:
    """Standing of the same students (same subject) in the earlier and the later procedure."""
    earlier = enriched.filter(
        (enriched.procedure == link.procedure) & (enriched.grade == link.grade)
    ).select("org_id", "year", "subject", "student_id", pct_from=enriched.pct)
    later = enriched.filter(
        (enriched.procedure == link.later_procedure) & (enriched.grade == link.later_grade)
    ).select(l_student=enriched.student_id, l_subject=enriched.subject,
             l_year=enriched.year, pct_to=enriched.pct)
    joined = earlier.join(later, [
        earlier.student_id == later.l_student,
        earlier.subject == later.l_subject,
        later.l_year == earlier.year + link.lag,
    ])
    diff = joined.pct_from - joined.pct_to
    return joined.group_by(["org_id", "year", "subject"]).aggregate(
        n_linked=joined.count(),
        from_sum=joined.pct_from.sum(),
        to_sum=joined.pct_to.sum(),
        diff_sq_sum=(diff * diff).sum(),
    ).mutate(
        procedure=ibis.literal(link.procedure), grade=ibis.literal(link.grade).cast("int8"),
        later_procedure=ibis.literal(link.later_procedure),
    )


def _frame(engine: Engine, expr: ir.Table, order: list[str]) -> pd.DataFrame:
    frame = engine.to_pandas(expr)
    frame = frame.sort_values(order, kind="stable").reset_index(drop=True)
    for column in frame.columns:
        if pd.api.types.is_float_dtype(frame[column]):
            # Engines sum floats in different orders: round off the last bits so DuckDB
            # and Spark hand back the same numbers.
            frame[column] = frame[column].round(9)
    return frame


def compute(engine: Engine, dataset: Dataset, settings: AnalyticsSettings) -> Aggregates:
    """Run every heavy aggregation on ``engine`` and return the small frames."""
    results = engine.register("mskoko_results", dataset.results)
    scales = (
        engine.register("mskoko_scales", dataset.scales)
        if dataset.scales is not None and dataset.scales.num_rows else None
    )
    minimum = engine.register("mskoko_ege_minimum", _ege_minimum_table(settings))
    cuts = engine.materialize("mskoko_cuts", _cuts(results, scales))
    # Only the small percentile table is stored; the row-level passes stream from the input.
    pct = engine.materialize("mskoko_percentiles", percentiles(results))
    enriched = with_percentile(scored(results, cuts, minimum, settings), pct)
    units = _frame(engine, unit_counts(enriched), UNIT)
    for column in UNIT_COUNTS:
        units[column] = pd.to_numeric(units[column]).fillna(0).astype("int64")
    for column in ("year", "grade"):
        units[column] = units[column].astype("int64")
    # The students and cohorts need only who sat which test and where they stood.
    ranked = results.select(*UNIT, "student_id", score=_score(results)).join(pct, [*TEST, "score"])
    ranked = ranked.select(*UNIT, "student_id", "pct")
    # The rows that have a percentile are exactly those with every test key and a score.
    counted = results.filter(_score(results).notnull(), *[results[k].notnull() for k in TEST])
    students = _frame(engine, distinct_students(counted), ["org_id", "year", "procedure"])
    students = students.astype({"year": "int64", "students": "int64"})
    links = [cohort_link(ranked, link) for link in settings.cohort_links]
    cohort_columns = [*UNIT, "later_procedure", "n_linked", "from_sum", "to_sum", "diff_sq_sum"]
    if links:
        union = links[0]
        for expr in links[1:]:
            union = union.union(expr)
        cohorts = _frame(engine, union.select(*cohort_columns), UNIT)
        cohorts = cohorts.astype({"year": "int64", "grade": "int64", "n_linked": "int64"})
    else:
        cohorts = pd.DataFrame(columns=cohort_columns)
    cut_frame = _frame(engine, cuts, TEST).astype({"year": "int64", "grade": "int64"})
    return Aggregates(units, students, cohorts, cut_frame)
